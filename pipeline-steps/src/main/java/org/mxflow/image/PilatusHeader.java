package org.mxflow.image;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "# Key value" lines of a PILATUS_1.2 miniCBF header ({@code _array_data.header_contents}),
 * keyed by their first word: "Detector", "Pixel_size", "Silicon", "Exposure_time",
 * "Count_cutoff", "Wavelength", "Detector_distance", "Beam_xy", "Start_angle",
 * "Angle_increment", "Phi", "Omega", ... Values keep their units as written.
 */
public record PilatusHeader(Map<String, String> keys) {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    public static PilatusHeader parse(String headerContents) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : headerContents.split("\\r?\\n|\\r")) {
            String l = line.strip();
            if (!l.startsWith("#")) {
                continue;
            }
            l = l.substring(1).strip();
            if (l.isEmpty()) {
                continue;
            }
            int cut = 0;
            while (cut < l.length() && !Character.isWhitespace(l.charAt(cut)) && l.charAt(cut) != ':' && l.charAt(cut) != '=') {
                cut++;
            }
            String key = l.substring(0, cut);
            String value = l.substring(cut).strip();
            if (value.startsWith(":") || value.startsWith("=")) {
                value = value.substring(1).strip();
            }
            keys.putIfAbsent(key, value);
        }
        return new PilatusHeader(Map.copyOf(keys));
    }

    public boolean has(String key) {
        return keys.containsKey(key);
    }

    public String text(String key) {
        return keys.get(key);
    }

    /** The n-th number (0-based) in the value of a key. */
    public double number(Path file, String key, int n) throws ImageFormatException {
        String v = keys.get(key);
        if (v == null) {
            throw new ImageFormatException(file, "PILATUS header lacks the '" + key + "' line");
        }
        Matcher m = NUMBER.matcher(v);
        for (int i = 0; i <= n; i++) {
            if (!m.find()) {
                throw new ImageFormatException(file, "PILATUS header line '" + key + " " + v + "' has no number at position " + (n + 1));
            }
        }
        return Double.parseDouble(m.group());
    }

    public double number(Path file, String key) throws ImageFormatException {
        return number(file, key, 0);
    }

    /** A length written in m, in mm without binary rounding noise (172e-6 m is 0.172 mm exactly). */
    public double metresAsMm(Path file, String key, int n) throws ImageFormatException {
        return new java.math.BigDecimal(Double.toString(number(file, key, n))).movePointRight(3).doubleValue();
    }

    /**
     * The geometry this header describes for a {@code width x height} array. Distances are
     * written in m and converted to mm; the beam centre is in pixels as written.
     */
    public ImageHeader toImageHeader(Path file, int width, int height) throws ImageFormatException {
        return new ImageHeader(
                keys.getOrDefault("Detector", "unknown detector"),
                width, height,
                metresAsMm(file, "Pixel_size", 0),
                metresAsMm(file, "Pixel_size", 1),
                number(file, "Wavelength"),
                metresAsMm(file, "Detector_distance", 0),
                number(file, "Beam_xy", 0),
                number(file, "Beam_xy", 1),
                number(file, "Start_angle"),
                number(file, "Angle_increment"),
                number(file, "Exposure_time"),
                Math.round(number(file, "Count_cutoff")),
                1);
    }
}
