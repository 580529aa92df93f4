package org.mxflow.reflection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes XDS_ASCII.HKL in the layout XDS CORRECT writes (see {@link XdsAsciiReader} for the
 * sources): the FORMAT line, the header lines kept from reading, the item declarations,
 * records in 3I6,2E11.3,2F8.1,F9.1,F8.5,2I4,F8.2 (unmerged) or 3I6,2E11.3 (merged), and
 * !END_OF_DATA. Files are written under a temporary name and renamed into place.
 */
public final class XdsAsciiWriter {

    private XdsAsciiWriter() {
    }

    public static void write(XdsAsciiFile file, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
            write(file, w);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(XdsAsciiFile file, Writer w) throws IOException {
        XdsAsciiHeader h = file.header();
        w.write("!FORMAT=XDS_ASCII    MERGE=" + (h.merged() ? "TRUE" : "FALSE")
                + "    FRIEDEL'S_LAW=" + (h.friedelsLaw() ? "TRUE" : "FALSE") + "\n");
        boolean sgDone = false, cellDone = h.unitCell() == null, waveDone = Double.isNaN(h.wavelengthA());
        for (String line : h.lines()) {
            if (line.startsWith("!SPACE_GROUP_NUMBER=")) {
                w.write(spaceGroupLine(h));
                sgDone = true;
            } else if (line.startsWith("!UNIT_CELL_CONSTANTS=")) {
                if (h.unitCell() != null) {
                    w.write(cellLine(h));
                }
                cellDone = true;
            } else if (line.startsWith("!X-RAY_WAVELENGTH=")) {
                if (!Double.isNaN(h.wavelengthA())) {
                    w.write(wavelengthLine(h));
                }
                waveDone = true;
            } else {
                w.write(line);
                w.write('\n');
            }
        }
        if (!sgDone) {
            w.write(spaceGroupLine(h));
        }
        if (!cellDone) {
            w.write(cellLine(h));
        }
        if (!waveDone) {
            w.write(wavelengthLine(h));
        }
        List<String> items = file.items();
        w.write("!NUMBER_OF_ITEMS_IN_EACH_DATA_RECORD=" + items.size() + "\n");
        for (int i = 0; i < items.size(); i++) {
            w.write("!ITEM_" + items.get(i) + "=" + (i + 1) + "\n");
        }
        w.write("!END_OF_HEADER\n");
        StringBuilder sb = new StringBuilder(128);
        for (Observation o : file.observations()) {
            sb.setLength(0);
            MillerIndex m = o.hkl();
            // "%6d%6d%6d%11.3E%11.3E" and, unmerged, "%8.1f%8.1f%9.1f%8.5f%4d%4d%8.2f"
            FixedColumns.integer(sb, m.h(), 6);
            FixedColumns.integer(sb, m.k(), 6);
            FixedColumns.integer(sb, m.l(), 6);
            FixedColumns.exponent(sb, o.intensity(), 11, 3);
            FixedColumns.exponent(sb, o.sigma(), 11, 3);
            if (!h.merged()) {
                FixedColumns.fixed(sb, o.xdPx(), 8, 1);
                FixedColumns.fixed(sb, o.ydPx(), 8, 1);
                FixedColumns.fixed(sb, o.zdFrame(), 9, 1);
                FixedColumns.fixed(sb, o.rlp(), 8, 5);
                FixedColumns.integer(sb, o.peakPercent(), 4);
                FixedColumns.integer(sb, o.corrPercent(), 4);
                FixedColumns.fixed(sb, o.psiDeg(), 8, 2);
            }
            sb.append('\n');
            w.write(sb.toString());
        }
        w.write("!END_OF_DATA\n");
    }

    private static String spaceGroupLine(XdsAsciiHeader h) {
        return String.format(Locale.ROOT, "!SPACE_GROUP_NUMBER=%5d\n", h.spaceGroupNumber());
    }

    private static String cellLine(XdsAsciiHeader h) {
        double[] c = h.unitCell().toArray();
        return String.format(Locale.ROOT, "!UNIT_CELL_CONSTANTS=%10.3f%10.3f%10.3f%8.3f%8.3f%8.3f\n", c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private static String wavelengthLine(XdsAsciiHeader h) {
        return String.format(Locale.ROOT, "!X-RAY_WAVELENGTH=%10.6f\n", h.wavelengthA());
    }
}
