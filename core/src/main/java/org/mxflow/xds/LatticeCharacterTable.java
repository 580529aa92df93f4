package org.mxflow.xds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mxflow.cell.UnitCell;

/**
 * The "DETERMINATION OF LATTICE CHARACTER AND BRAVAIS LATTICE" table that IDXREF and CORRECT
 * print (CORRECT.LP, CORRECT.LP_noscale, IDXREF.LP): one row per lattice character, in the order
 * XDS prints them (best fit first).
 */
public record LatticeCharacterTable(List<Row> rows) {

    static final String HEADER = "LATTICE-  BRAVAIS-   QUALITY  UNIT CELL CONSTANTS";

    /**
     * One row.
     *
     * @param character    the lattice character number (1–44)
     * @param bravais      the Bravais lattice symbol (aP, mC, oP …)
     * @param marked       XDS marked it with "*" (consistent with the spot positions)
     * @param qualityOfFit XDS's quality of fit
     * @param cell         the implicated cell (Å, °), as printed (one decimal)
     */
    public record Row(int character, String bravais, boolean marked, double qualityOfFit, UnitCell cell) {}

    public LatticeCharacterTable {
        rows = List.copyOf(rows);
    }

    /** The first aP row: the reduced cell of the lattice (quality of fit 0). */
    public Optional<Row> firstTriclinic() {
        return rows.stream().filter(r -> r.bravais().equals("aP")).findFirst();
    }

    /** Reads the table from a file; empty if the file has none. */
    public static Optional<LatticeCharacterTable> read(Path file) throws IOException {
        // XDS writes plain ASCII; ISO-8859-1 never fails on a stray byte.
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }

    /**
     * The last table in the lines (CORRECT repeats IDXREF's analysis for the final cell); empty if
     * there is none. A row that does not read as numbers is an error naming source and line.
     */
    public static Optional<LatticeCharacterTable> parse(String source, List<String> lines) throws XdsLogFormatException {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(HEADER)) start = i;
        }
        if (start < 0) return Optional.empty();
        List<Row> rows = new ArrayList<>();
        int i = start + 1;
        // The column header's second line, then a blank line, then rows up to the next blank line.
        while (i < lines.size() && !lines.get(i).isBlank()) i++;
        while (i < lines.size() && lines.get(i).isBlank()) i++;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String line = lines.get(i);
            String t = line.trim();
            boolean marked = t.startsWith("*");
            if (marked) t = t.substring(1).trim();
            String[] f = t.split("\\s+");
            if (f.length < 9) {
                throw new XdsLogFormatException(source, i + 1, "lattice-character row has " + f.length + " fields, expected at least 9: '" + line + "'");
            }
            try {
                double[] v = new double[6];
                for (int k = 0; k < 6; k++) v[k] = Double.parseDouble(f[3 + k]);
                rows.add(new Row(Integer.parseInt(f[0]), f[1], marked, Double.parseDouble(f[2]),
                        new UnitCell(v[0], v[1], v[2], v[3], v[4], v[5])));
            } catch (IllegalArgumentException e) {
                throw new XdsLogFormatException(source, i + 1, "lattice-character row does not read as numbers (" + e.getMessage() + "): '" + line + "'");
            }
        }
        if (rows.isEmpty()) {
            throw new XdsLogFormatException(source, start + 1, "lattice-character table has no rows");
        }
        return Optional.of(new LatticeCharacterTable(rows));
    }
}
