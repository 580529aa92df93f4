package org.mxflow.mtz;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SymOp;

/**
 * Writes an {@link MtzFile} in the layout CCP4 programs and gemmi write: first record, float32
 * data, header records (VERS TITLE NCOL CELL SORT SYMINF SYMM RESO VALM COLUMN NDIF PROJECT
 * CRYSTAL DATASET DCELL DWAVEL BATCH END), history, batch headers, MTZENDOFHEADERS. Column
 * ranges and RESO are computed from the data; missing values are written as NaN ("VALM NAN").
 * The output is a pure function of the content, so equal content gives byte-identical files.
 */
public final class MtzWriter {

    private MtzWriter() {}

    /** Writes little-endian, to a temporary name first so a crash never leaves a half-written file. */
    public static void write(MtzFile mtz, Path path) throws IOException {
        write(mtz, path, ByteOrder.LITTLE_ENDIAN);
    }

    public static void write(MtzFile mtz, Path path, ByteOrder order) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + path.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(toBytes(mtz, order));
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The bytes of the file. */
    public static byte[] toBytes(MtzFile mtz, ByteOrder order) {
        int ncol = mtz.columns().size();
        int nref = mtz.reflectionCount();
        Records r = new Records();
        r.add("VERS MTZ:V1.1");
        r.add("TITLE " + clip(mtz.title(), 70));
        r.add(f("NCOL %8d %12d %8d", ncol, nref, mtz.batches().size()));
        r.add("CELL  " + cell(mtz.cell(), "%9.4f", " "));
        int[] s = mtz.sortOrder();
        r.add(f("SORT  %3d %3d %3d %3d %3d", s[0], s[1], s[2], s[3], s[4]));
        mtz.spaceGroup().ifPresentOrElse(sg -> {
            String name = sg.ccp4Symbol();
            r.add(f("SYMINF %3d %2d %c %5d %" + Math.max(1, 20 - name.length()) + "s'%s' %s", sg.operations().order(),
                    sg.operations().symOps().size(), org.mxflow.symmetry.SpaceGroups.mtzLatticeLetter(sg), sg.ccp4Number(),
                    "", name, org.mxflow.symmetry.SpaceGroups.mtzPointGroup(sg)));
        }, () -> r.add(f("SYMINF %3d %2d %c %5d %20s'%s' PG1", mtz.symOps().size(), mtz.symOps().size(), 'P',
                mtz.spaceGroupNumber(), "", mtz.spaceGroupName())));
        for (SymOp op : mtz.symOps()) {
            r.add("SYMM " + op.triplet().toUpperCase(Locale.ROOT));
        }
        double[] reso = mtz.inverseDSquaredRange();
        r.add(f("RESO %-20.12f %-20.12f", reso[0], reso[1]));
        r.add("VALM NAN");
        float[] data = mtz.data();
        for (int c = 0; c < ncol; c++) {
            float lo = Float.NaN, hi = Float.NaN;
            for (int row = 0; row < nref; row++) {
                float v = data[row * ncol + c];
                if (Float.isNaN(v)) {
                    continue;
                }
                if (Float.isNaN(lo) || v < lo) {
                    lo = v;
                }
                if (Float.isNaN(hi) || v > hi) {
                    hi = v;
                }
            }
            MtzColumn col = mtz.columns().get(c);
            r.add(f("COLUMN %-30s %c %17s %17s %4d", col.label(), col.type(), g9(lo), g9(hi), col.datasetId()));
        }
        r.add(f("NDIF %8d", mtz.datasets().size()));
        for (MtzDataset ds : mtz.datasets()) {
            r.add(f("PROJECT %7d %s", ds.id(), ds.project()));
            r.add(f("CRYSTAL %7d %s", ds.id(), ds.crystal()));
            r.add(f("DATASET %7d %s", ds.id(), ds.dataset()));
            r.add(f("DCELL %9d ", ds.id()) + cell(ds.cell() == null ? mtz.cell() : ds.cell(), "%10.4f", ""));
            r.add(f("DWAVEL %8d %10.5f", ds.id(), ds.wavelengthA()));
        }
        for (int i = 0; i < mtz.batches().size(); i += 12) {
            StringBuilder b = new StringBuilder("BATCH ");
            for (int j = i; j < Math.min(mtz.batches().size(), i + 12); j++) {
                b.append(f("%6d", mtz.batches().get(j).number()));
            }
            r.add(b.toString());
        }
        r.add("END");
        if (!mtz.history().isEmpty()) {
            r.add(f("MTZHIST %3d", mtz.history().size()));
            for (String line : mtz.history()) {
                r.add(clip(line, 80));
            }
        }
        int batchBytes = mtz.batches().isEmpty() ? 0 : 80 + mtz.batches().size() * (3 * 80 + 4 * 185);
        ByteBuffer out = ByteBuffer.allocate(80 + 4 * data.length + r.size() + batchBytes + 80).order(order);
        out.put("MTZ ".getBytes(StandardCharsets.US_ASCII));
        out.putInt(21 + ncol * nref);
        // Machine stamp: 0x4144 ("DA") for little-endian IEEE, 0x1111 for big-endian, as libccp4 writes.
        if (order == ByteOrder.LITTLE_ENDIAN) {
            out.put((byte) 0x44).put((byte) 0x41).put((byte) 0).put((byte) 0);
        } else {
            out.put((byte) 0x11).put((byte) 0x11).put((byte) 0).put((byte) 0);
        }
        out.position(80);
        for (float v : data) {
            out.putFloat(v);
        }
        out.put(r.bytes());
        if (!mtz.batches().isEmpty()) {
            out.put(rec("MTZBATS"));
            for (MtzBatch b : mtz.batches()) {
                out.put(rec(f("BH %8d %7d %7d %7d", b.number(), MtzBatch.INT_WORDS + MtzBatch.FLOAT_WORDS, MtzBatch.INT_WORDS,
                        MtzBatch.FLOAT_WORDS)));
                out.put(rec("TITLE " + b.title()));
                for (int v : b.ints()) {
                    out.putInt(v);
                }
                for (float v : b.floats()) {
                    out.putFloat(v);
                }
                StringBuilder bhch = new StringBuilder("BHCH ");
                for (int i = 0; i < 3; i++) {
                    String a = i < b.axes().size() ? b.axes().get(i) : "";
                    bhch.append(f(" %7s", a.length() > 7 ? a.substring(0, 7) : a));
                }
                out.put(rec(bhch.toString()));
            }
        }
        out.put(rec("MTZENDOFHEADERS"));
        return out.array();
    }

    private static String cell(UnitCell c, String fmt, String sep) {
        StringBuilder sb = new StringBuilder();
        for (double v : c.toArray()) {
            if (sb.length() > 0) {
                sb.append(sep);
            }
            sb.append(f(fmt, v));
        }
        return sb.toString();
    }

    /** Like C's %.9g: 9 significant digits, trailing zeros dropped; "nan" for NaN. */
    static String g9(float v) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -5 || exp >= 9) {
            String m = d.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return m + (exp < 0 ? "e-" : "e+") + f("%02d", Math.abs(exp));
        }
        return d.toPlainString();
    }

    private static String clip(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    private static byte[] rec(String s) {
        if (s.length() > 80) {
            throw new IllegalArgumentException("MTZ header record longer than 80 characters: " + s);
        }
        byte[] b = new byte[80];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, 0, t.length);
        return b;
    }

    /** 80-character header records. */
    private static final class Records {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(String s) {
            out.writeBytes(rec(s));
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
