package org.mxflow.reflection;

import java.util.List;
import java.util.Optional;
import org.mxflow.cell.UnitCell;

/**
 * The header of an XDS_ASCII.HKL file.
 *
 * <p>The typed fields are those the rest of mxflow uses; {@code lines} holds every header line
 * as read (without the FORMAT line, the item declarations and END_OF_HEADER), in order, so
 * keywords mxflow does not know survive a round trip. On writing, the lines of the typed
 * keywords (SPACE_GROUP_NUMBER, UNIT_CELL_CONSTANTS, X-RAY_WAVELENGTH) are regenerated from
 * the typed fields.
 *
 * @param merged           MERGE=TRUE (5 items per record) or FALSE (unmerged observations)
 * @param friedelsLaw      FRIEDEL'S_LAW=TRUE: Bijvoet mates were treated as equivalent
 * @param spaceGroupNumber SPACE_GROUP_NUMBER, the standard setting (R groups: hexagonal axes); 0 if absent
 * @param unitCell         UNIT_CELL_CONSTANTS, or null if absent
 * @param wavelengthA      X-RAY_WAVELENGTH in Å, NaN if absent
 * @param lines            all other header lines, verbatim, starting with '!'
 */
public record XdsAsciiHeader(boolean merged, boolean friedelsLaw, int spaceGroupNumber, UnitCell unitCell,
                             double wavelengthA, List<String> lines) {

    public XdsAsciiHeader {
        lines = List.copyOf(lines);
    }

    /** A header with no other keywords. */
    public static XdsAsciiHeader of(boolean merged, boolean friedelsLaw, int spaceGroupNumber, UnitCell cell, double wavelengthA) {
        return new XdsAsciiHeader(merged, friedelsLaw, spaceGroupNumber, cell, wavelengthA, List.of());
    }

    public XdsAsciiHeader withSpaceGroup(int number, UnitCell cell) {
        return new XdsAsciiHeader(merged, friedelsLaw, number, cell, wavelengthA, lines);
    }

    /**
     * The value text of a keyword anywhere in the header, e.g. keyword("DETECTOR_DISTANCE") ->
     * "268.292", keyword("NY") -> "2527" (several keywords may share a line), empty if absent.
     */
    public Optional<String> keyword(String name) {
        for (String line : lines) {
            Optional<String> v = keywordInLine(line, name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    static Optional<String> keywordInLine(String line, String name) {
        String body = line.startsWith("!") ? line.substring(1) : line;
        String[] tokens = body.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            int eq = t.indexOf('=');
            if (eq < 0 || !t.substring(0, eq).equals(name)) {
                continue;
            }
            StringBuilder v = new StringBuilder(t.substring(eq + 1));
            for (int j = i + 1; j < tokens.length && !tokens[j].contains("="); j++) {
                if (v.length() > 0) {
                    v.append(' ');
                }
                v.append(tokens[j]);
            }
            return Optional.of(v.toString());
        }
        return Optional.empty();
    }

    /** Numbers of a keyword's value, e.g. doubles("ROTATION_AXIS") -> {0.999999, -0.001347, -0.000967}. */
    public Optional<double[]> doubles(String name) {
        return keyword(name).map(v -> {
            String[] f = v.trim().split("\\s+");
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = Double.parseDouble(f[i]);
            }
            return d;
        });
    }
}
