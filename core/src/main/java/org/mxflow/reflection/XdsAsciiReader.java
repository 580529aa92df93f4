package org.mxflow.reflection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.cell.UnitCell;

/**
 * Reads XDS_ASCII.HKL files (CORRECT, XSCALE, DIALS export, mxflow).
 *
 * <p>Format, as described in the XDS documentation (xds.mr.mpg.de, "XDS_ASCII.HKL") and written
 * by CORRECT (see the CORRECT sample kept in cctbx iotbx/xds/geometry.py): a header of lines
 * starting with '!', the first "!FORMAT=XDS_ASCII MERGE=... FRIEDEL'S_LAW=...", item
 * declarations "!ITEM_name=column", "!END_OF_HEADER", records whose items are separated by
 * blanks (Fortran free format; XDS itself writes 3I6,2E11.3,2F8.1,F9.1,F8.5,2I4,F8.2), and
 * "!END_OF_DATA". A header without item declarations means H K L IOBS SIGMA(IOBS) in the
 * first 5 columns (the minimal "fake XDS_ASCII" the XDS wiki describes). Items other than the
 * 12 CORRECT items (e.g. XSCALE's ISET) are read past and dropped.
 */
public final class XdsAsciiReader {

    private XdsAsciiReader() {
    }

    public static XdsAsciiFile read(Path path) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return read(r, path.toString());
        }
    }

    /** @param source name used in error messages (usually the file path) */
    public static XdsAsciiFile read(Reader reader, String source) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNo = 1;
        String first = r.readLine();
        if (first == null || !first.startsWith("!FORMAT=XDS_ASCII")) {
            throw new XdsAsciiFormatException(source, 1, "not an XDS_ASCII file: the first line must start with !FORMAT=XDS_ASCII");
        }
        boolean merged = XdsAsciiHeader.keywordInLine(first, "MERGE").map(v -> v.equals("TRUE")).orElse(false);
        boolean friedel = XdsAsciiHeader.keywordInLine(first, "FRIEDEL'S_LAW").map(v -> !v.equals("FALSE")).orElse(true);
        int sg = 0;
        UnitCell cell = null;
        double wavelength = Double.NaN;
        int nItems = -1;
        Map<String, Integer> items = new HashMap<>();
        List<String> lines = new ArrayList<>();
        String line;
        boolean endOfHeader = false;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (!line.startsWith("!")) {
                throw new XdsAsciiFormatException(source, lineNo, "data before !END_OF_HEADER: '" + line.trim() + "'");
            }
            if (line.startsWith("!END_OF_HEADER")) {
                endOfHeader = true;
                break;
            }
            try {
                if (line.startsWith("!ITEM_")) {
                    int eq = line.indexOf('=');
                    items.put(line.substring(6, eq).trim(), Integer.parseInt(line.substring(eq + 1).trim()) - 1);
                    continue;
                }
                if (line.startsWith("!NUMBER_OF_ITEMS_IN_EACH_DATA_RECORD=")) {
                    nItems = Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
                    continue;
                }
                if (line.startsWith("!SPACE_GROUP_NUMBER=")) {
                    sg = Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
                    if (sg < 0 || sg > 230) {
                        throw new XdsAsciiFormatException(source, lineNo, "SPACE_GROUP_NUMBER must be 0-230, got " + sg);
                    }
                } else if (line.startsWith("!UNIT_CELL_CONSTANTS=")) {
                    cell = UnitCell.parse(line.substring(line.indexOf('=') + 1));
                } else if (line.startsWith("!X-RAY_WAVELENGTH=")) {
                    wavelength = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
                }
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new XdsAsciiFormatException(source, lineNo, "cannot read header line '" + line.trim() + "': " + e.getMessage());
            }
            lines.add(line);
        }
        if (!endOfHeader) {
            throw new XdsAsciiFormatException(source, lineNo, "no !END_OF_HEADER line");
        }
        if (items.isEmpty()) {
            for (int i = 0; i < XdsAsciiFile.MERGED_ITEMS.size(); i++) {
                items.put(XdsAsciiFile.MERGED_ITEMS.get(i), i);
            }
        }
        int[] col = new int[XdsAsciiFile.UNMERGED_ITEMS.size()];
        int maxCol = 0;
        for (int i = 0; i < col.length; i++) {
            String item = XdsAsciiFile.UNMERGED_ITEMS.get(i);
            col[i] = items.getOrDefault(item, -1);
            if (col[i] < 0 && i < 5) {
                throw new XdsAsciiFormatException(source, 0, "header declares no !ITEM_" + item);
            }
            maxCol = Math.max(maxCol, col[i]);
        }
        if (nItems < 0) {
            nItems = Math.max(5, maxCol + 1);
        }
        XdsAsciiHeader header = new XdsAsciiHeader(merged, friedel, sg, cell, wavelength, lines);
        List<Observation> obs = new ArrayList<>();
        String[] f = new String[Math.max(nItems, maxCol + 1)];
        boolean endOfData = false;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.startsWith("!")) {
                if (line.startsWith("!END_OF_DATA")) {
                    endOfData = true;
                    break;
                }
                continue;
            }
            int n = split(line, f);
            if (n < nItems) {
                throw new XdsAsciiFormatException(source, lineNo, "expected " + nItems + " items, found " + n);
            }
            try {
                MillerIndex hkl = new MillerIndex(Integer.parseInt(f[col[0]]), Integer.parseInt(f[col[1]]), Integer.parseInt(f[col[2]]));
                obs.add(new Observation(hkl, Double.parseDouble(f[col[3]]), Double.parseDouble(f[col[4]]),
                        number(f, col[5]), number(f, col[6]), number(f, col[7]), number(f, col[8]),
                        (int) Math.round(orZero(f, col[9])), (int) Math.round(orZero(f, col[10])), number(f, col[11])));
            } catch (NumberFormatException e) {
                throw new XdsAsciiFormatException(source, lineNo, "not a number in record '" + line.trim() + "'");
            }
        }
        if (!endOfData) {
            throw new XdsAsciiFormatException(source, lineNo, "no !END_OF_DATA line (truncated file?)");
        }
        return new XdsAsciiFile(header, obs);
    }

    private static double number(String[] f, int c) {
        return c < 0 ? Double.NaN : Double.parseDouble(f[c]);
    }

    private static double orZero(String[] f, int c) {
        return c < 0 ? 0 : Double.parseDouble(f[c]);
    }

    /** Splits on blanks into f; returns the number of fields (at most f.length are stored). */
    private static int split(String line, String[] f) {
        int n = 0, i = 0, len = line.length();
        while (i < len) {
            while (i < len && line.charAt(i) <= ' ') {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && line.charAt(i) > ' ') {
                i++;
            }
            if (n < f.length) {
                f[n] = line.substring(start, i);
            }
            n++;
        }
        return n;
    }
}
