package org.mxflow.geometry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mxflow.cell.UnitCell;

/**
 * Reads the geometry keywords of an XDS.INP (or XPARM-free XDS input) into an {@link Experiment}.
 * XDS syntax: KEYWORD=value pairs, several per line, '!' starts a comment; values run until
 * the next keyword on the line.
 */
public final class XdsInputFile {

    /** The parsed geometry plus the optional prior cell and space-group number. */
    public record Contents(Experiment experiment, Optional<UnitCell> unitCell, int spaceGroupNumber) {}

    private XdsInputFile() {}

    public static Contents read(Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    /** Parses XDS.INP text; {@code source} names the file in error messages. */
    public static Contents parse(List<String> lines, String source) {
        Map<String, String> kv = new HashMap<>();
        for (String raw : lines) {
            int bang = raw.indexOf('!');
            String line = bang >= 0 ? raw.substring(0, bang) : raw;
            // Split at every "KEY=" token: a keyword is a run of non-blank chars ending in '='.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_'()\\-./]+)=").matcher(line);
            int lastStart = -1;
            String lastKey = null;
            while (m.find()) {
                if (lastKey != null) kv.put(lastKey, line.substring(lastStart, m.start()).trim());
                lastKey = m.group(1).toUpperCase(Locale.ROOT);
                lastStart = m.end();
            }
            if (lastKey != null) kv.put(lastKey, line.substring(lastStart).trim());
        }
        double[] axis = vec(kv, "ROTATION_AXIS", "1 0 0", source);
        double[] beamDir = vec(kv, "INCIDENT_BEAM_DIRECTION", "0 0 1", source);
        double[] xAxis = vec(kv, "DIRECTION_OF_DETECTOR_X-AXIS", "1 0 0", source);
        double[] yAxis = vec(kv, "DIRECTION_OF_DETECTOR_Y-AXIS", "0 1 0", source);
        double wavelength = num(kv, "X-RAY_WAVELENGTH", null, source);
        double osc = num(kv, "OSCILLATION_RANGE", null, source);
        double start = num(kv, "STARTING_ANGLE", "0", source);
        // Without STARTING_FRAME, XDS takes the first frame of DATA_RANGE.
        int startFrame = kv.containsKey("STARTING_FRAME") ? (int) num(kv, "STARTING_FRAME", null, source)
                : (int) num(kv, "DATA_RANGE", "1", source);
        Detector det = new Detector(num(kv, "ORGX", null, source), num(kv, "ORGY", null, source),
                num(kv, "DETECTOR_DISTANCE", null, source), num(kv, "QX", null, source), num(kv, "QY", null, source),
                v(xAxis), v(yAxis), (int) num(kv, "NX", "0", source), (int) num(kv, "NY", "0", source));
        Experiment exp = new Experiment(new Beam(wavelength, v(beamDir)), new Goniometer(v(axis), start, osc, startFrame), det);
        Optional<UnitCell> cell = Optional.empty();
        if (kv.containsKey("UNIT_CELL_CONSTANTS")) {
            try {
                cell = Optional.of(UnitCell.parse(kv.get("UNIT_CELL_CONSTANTS")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": UNIT_CELL_CONSTANTS: " + e.getMessage());
            }
        }
        int sg = (int) num(kv, "SPACE_GROUP_NUMBER", "0", source);
        return new Contents(exp, cell, sg);
    }

    private static Vec3 v(double[] a) { return new Vec3(a[0], a[1], a[2]); }

    private static double[] vec(Map<String, String> kv, String key, String dflt, String source) {
        String s = kv.getOrDefault(key, dflt);
        String[] f = s.trim().split("\\s+");
        if (f.length < 3) throw new IllegalArgumentException(source + ": " + key + " needs 3 numbers, got '" + s + "'");
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) r[i] = parse(f[i], key, source);
        return r;
    }

    private static double num(Map<String, String> kv, String key, String dflt, String source) {
        String s = kv.get(key);
        if (s == null) {
            if (dflt == null) throw new IllegalArgumentException(source + ": keyword " + key + "= is missing");
            s = dflt;
        }
        return parse(s.trim().split("\\s+")[0], key, source);
    }

    private static double parse(String s, String key, String source) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " value '" + s + "' is not a number");
        }
    }
}
