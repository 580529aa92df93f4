package org.mxflow.mtz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SymOp;

/**
 * Reads MTZ files (CCP4 format version 1.1) as CCP4 programs, xia2/DIALS and gemmi write them:
 * the 80-byte first record ("MTZ ", header position, machine stamp), float32 data from byte
 * 80, then 80-character header records up to END, optional MTZHIST history and MTZBATS batch
 * headers, and MTZENDOFHEADERS. Little- and big-endian machine stamps are understood.
 */
public final class MtzReader {

    private MtzReader() {}

    public static MtzFile read(Path path) throws IOException {
        return read(Files.readAllBytes(path), path.toString());
    }

    /** Reads an MTZ file from its bytes; {@code source} names it in error messages. */
    public static MtzFile read(byte[] bytes, String source) throws MtzFormatException {
        if (bytes.length < 80 || bytes[0] != 'M' || bytes[1] != 'T' || bytes[2] != 'Z' || bytes[3] != ' ') {
            throw new MtzFormatException(source + ": not an MTZ file (it does not start with \"MTZ \")");
        }
        // Machine stamp byte 9: high nibble 1 = big-endian (IEEE BE), 4 = little-endian.
        ByteOrder order = (bytes[9] & 0xf0) == 0x10 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        long headerWord = buf.getInt(4) & 0xffffffffL;
        long headerByte = (headerWord - 1) * 4;
        if (headerWord < 21 || headerByte + 80 > bytes.length) {
            throw new MtzFormatException(source + ": header position " + headerWord + " (words) lies outside the file of "
                    + bytes.length + " bytes");
        }
        Header h = new Header(source);
        int pos = (int) headerByte;
        boolean ended = false;
        while (pos + 80 <= bytes.length) {
            String rec = record(bytes, pos);
            pos += 80;
            if (rec.startsWith("END") && !rec.startsWith("ENDO")) {
                ended = true;
                break;
            }
            h.parse(rec);
        }
        if (!ended) {
            throw new MtzFormatException(source + ": no END record in the MTZ header");
        }
        if (h.ncol < 0) {
            throw new MtzFormatException(source + ": no NCOL record in the MTZ header");
        }
        if (h.ncol != h.columns.size()) {
            throw new MtzFormatException(source + ": NCOL says " + h.ncol + " columns but " + h.columns.size()
                    + " COLUMN records follow");
        }
        long dataBytes = 4L * h.ncol * h.nref;
        if (80 + dataBytes > headerByte) {
            throw new MtzFormatException(source + ": " + h.nref + " reflections x " + h.ncol + " columns need " + dataBytes
                    + " bytes of data but the header starts at byte " + headerByte);
        }
        // History and batch headers, between END and MTZENDOFHEADERS.
        List<String> history = new ArrayList<>();
        List<MtzBatch> batches = new ArrayList<>();
        boolean endOfHeaders = false;
        while (pos + 80 <= bytes.length) {
            String rec = record(bytes, pos);
            pos += 80;
            if (rec.startsWith("MTZENDOFHEADERS")) {
                endOfHeaders = true;
                break;
            } else if (rec.startsWith("MTZHIST")) {
                int n = parseInt(rec.substring(7).trim(), source, rec);
                for (int i = 0; i < n && pos + 80 <= bytes.length; i++, pos += 80) {
                    history.add(record(bytes, pos).trim());
                }
            } else if (rec.startsWith("MTZBATS")) {
                for (int b = 0; b < h.nbatch; b++) {
                    pos = readBatch(bytes, buf, pos, batches, source);
                }
            }
        }
        if (!endOfHeaders) {
            throw new MtzFormatException(source + ": no MTZENDOFHEADERS record");
        }
        if (batches.size() != h.nbatch) {
            throw new MtzFormatException(source + ": NCOL says " + h.nbatch + " batches but " + batches.size()
                    + " batch headers were found");
        }
        float[] data = new float[(int) (h.ncol * (long) h.nref)];
        buf.position(80);
        buf.asFloatBuffer().get(data);
        if (!Float.isNaN(h.valm)) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] == h.valm) {
                    data[i] = Float.NaN;
                }
            }
        }
        if (h.cell == null) {
            throw new MtzFormatException(source + ": no CELL record in the MTZ header");
        }
        try {
            return new MtzFile(h.title, h.cell, h.sgName, h.sgNumber, h.symOps, h.sort, h.datasets, h.columns, data, batches,
                    history, order);
        } catch (IllegalArgumentException e) {
            throw new MtzFormatException(source + ": " + e.getMessage());
        }
    }

    private static int readBatch(byte[] bytes, ByteBuffer buf, int pos, List<MtzBatch> batches, String source)
            throws MtzFormatException {
        if (pos + 160 > bytes.length) {
            throw new MtzFormatException(source + ": batch header " + (batches.size() + 1) + " is cut off");
        }
        String bh = record(bytes, pos);
        if (!bh.startsWith("BH ")) {
            throw new MtzFormatException(source + ": expected a BH record for batch header " + (batches.size() + 1) + ", found '"
                    + bh.trim() + "'");
        }
        String[] f = bh.substring(3).trim().split("\\s+");
        if (f.length < 4) {
            throw new MtzFormatException(source + ": malformed batch record '" + bh.trim() + "'");
        }
        int number = parseInt(f[0], source, bh);
        int total = parseInt(f[1], source, bh), nint = parseInt(f[2], source, bh), nflt = parseInt(f[3], source, bh);
        if (total != nint + nflt || nint != MtzBatch.INT_WORDS || nflt != MtzBatch.FLOAT_WORDS) {
            throw new MtzFormatException(source + ": batch " + number + " has " + nint + " integer and " + nflt
                    + " float words; only the standard 29 + 156 layout is supported");
        }
        String titleRec = record(bytes, pos + 80);
        String title = titleRec.length() > 6 ? titleRec.substring(6).trim() : "";
        int p = pos + 160;
        if (p + 4 * total + 80 > bytes.length) {
            throw new MtzFormatException(source + ": batch " + number + " is cut off");
        }
        int[] ints = new int[nint];
        for (int i = 0; i < nint; i++, p += 4) {
            ints[i] = buf.getInt(p);
        }
        float[] floats = new float[nflt];
        for (int i = 0; i < nflt; i++, p += 4) {
            floats[i] = buf.getFloat(p);
        }
        String bhch = record(bytes, p);
        if (!bhch.startsWith("BHCH")) {
            throw new MtzFormatException(source + ": batch " + number + " lacks its BHCH record");
        }
        List<String> axes = Arrays.stream(bhch.substring(4).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        batches.add(new MtzBatch(number, title, ints, floats, axes));
        return p + 80;
    }

    private static String record(byte[] bytes, int pos) {
        return new String(bytes, pos, 80, StandardCharsets.ISO_8859_1);
    }

    private static int parseInt(String s, String source, String rec) throws MtzFormatException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new MtzFormatException(source + ": bad number '" + s.trim() + "' in record '" + rec.trim() + "'");
        }
    }

    private static double parseDouble(String s, String source, String rec) throws MtzFormatException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new MtzFormatException(source + ": bad number '" + s.trim() + "' in record '" + rec.trim() + "'");
        }
    }

    /** Collects the main header records. */
    private static final class Header {
        final String source;
        String title = "";
        int ncol = -1, nref, nbatch;
        UnitCell cell;
        int[] sort = new int[5];
        String sgName = "";
        int sgNumber;
        float valm = Float.NaN;
        final List<SymOp> symOps = new ArrayList<>();
        final List<MtzColumn> columns = new ArrayList<>();
        final List<MtzDataset> datasets = new ArrayList<>();
        // dataset records arrive one by one; keep the pieces per id until all are seen
        final List<String[]> dsNames = new ArrayList<>();
        final List<UnitCell> dsCells = new ArrayList<>();
        final List<Double> dsWavelengths = new ArrayList<>();
        final List<Integer> dsIds = new ArrayList<>();

        Header(String source) {
            this.source = source;
        }

        void parse(String rec) throws MtzFormatException {
            String key = rec.length() >= 4 ? rec.substring(0, 4) : rec;
            String args = rec.contains(" ") ? rec.substring(rec.indexOf(' ')).trim() : "";
            String[] f = args.isEmpty() ? new String[0] : args.split("\\s+");
            switch (key) {
                case "VERS" -> {
                    if (!args.startsWith("MTZ:V1")) {
                        throw new MtzFormatException(source + ": unsupported MTZ version '" + args + "'");
                    }
                }
                case "TITL" -> title = args;
                case "NCOL" -> {
                    need(f, 3, rec);
                    ncol = parseInt(f[0], source, rec);
                    nref = parseInt(f[1], source, rec);
                    nbatch = parseInt(f[2], source, rec);
                    if (ncol < 0 || nref < 0 || nbatch < 0) {
                        throw new MtzFormatException(source + ": negative count in '" + rec.trim() + "'");
                    }
                }
                case "CELL" -> cell = cell(f, 0, rec);
                case "SORT" -> {
                    for (int i = 0; i < Math.min(5, f.length); i++) {
                        sort[i] = parseInt(f[i], source, rec);
                    }
                }
                case "SYMI" -> parseSyminf(args, rec);
                case "SYMM" -> {
                    try {
                        symOps.add(SymOp.parse(args));
                    } catch (RuntimeException e) {
                        throw new MtzFormatException(source + ": cannot parse symmetry operator '" + args + "': " + e.getMessage());
                    }
                }
                case "VALM" -> {
                    if (!f[0].equalsIgnoreCase("NAN")) {
                        valm = (float) parseDouble(f[0], source, rec);
                    }
                }
                case "COLU" -> {
                    need(f, 5, rec);
                    columns.add(new MtzColumn(f[0], f[1].charAt(0), parseInt(f[4], source, rec),
                            parseDouble(f[2], source, rec), parseDouble(f[3], source, rec)));
                }
                case "PROJ", "CRYS", "DATA" -> {
                    need(f, 2, rec);
                    int id = parseInt(f[0], source, rec);
                    int slot = slot(id);
                    int which = key.equals("PROJ") ? 0 : key.equals("CRYS") ? 1 : 2;
                    dsNames.get(slot)[which] = f[1];
                }
                case "DCEL" -> dsCells.set(slot(parseInt(f[0], source, rec)), cell(f, 1, rec));
                case "DWAV" -> {
                    need(f, 2, rec);
                    dsWavelengths.set(slot(parseInt(f[0], source, rec)), parseDouble(f[1], source, rec));
                }
                default -> {
                    // COLSRC, COLGRP, NDIF, BATCH, DRES and others carry nothing mxflow needs
                }
            }
            datasets.clear();
            for (int i = 0; i < dsIds.size(); i++) {
                String[] n = dsNames.get(i);
                if (n[0] != null && n[1] != null && n[2] != null) {
                    datasets.add(new MtzDataset(dsIds.get(i), n[0], n[1], n[2], dsCells.get(i), dsWavelengths.get(i)));
                }
            }
        }

        private int slot(int id) {
            int i = dsIds.indexOf(id);
            if (i < 0) {
                dsIds.add(id);
                dsNames.add(new String[3]);
                dsCells.add(null);
                dsWavelengths.add(0.0);
                i = dsIds.size() - 1;
            }
            return i;
        }

        private void parseSyminf(String args, String rec) throws MtzFormatException {
            // SYMINF nsym nprim lattice number 'name' pointgroup  (the name may also come unquoted)
            String[] f = args.split("\\s+");
            need(f, 4, rec);
            sgNumber = parseInt(f[3], source, rec);
            int q = args.indexOf('\'');
            if (q >= 0) {
                int e = args.indexOf('\'', q + 1);
                if (e < 0) {
                    throw new MtzFormatException(source + ": unterminated space group name in '" + rec.trim() + "'");
                }
                sgName = args.substring(q + 1, e);
            } else if (f.length > 4) {
                sgName = f[4];
            }
        }

        private UnitCell cell(String[] f, int from, String rec) throws MtzFormatException {
            need(f, from + 6, rec);
            double[] p = new double[6];
            for (int i = 0; i < 6; i++) {
                p[i] = parseDouble(f[from + i], source, rec);
            }
            if (p[0] <= 0 || p[1] <= 0 || p[2] <= 0) {
                return null;
            }
            try {
                return new UnitCell(p[0], p[1], p[2], p[3], p[4], p[5]);
            } catch (IllegalArgumentException e) {
                throw new MtzFormatException(source + ": impossible cell in '" + rec.trim() + "': " + e.getMessage());
            }
        }

        private void need(String[] f, int n, String rec) throws MtzFormatException {
            if (f.length < n) {
                throw new MtzFormatException(source + ": record '" + rec.trim() + "' has " + f.length + " fields, needs " + n);
            }
        }
    }
}
