package org.mxflow.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point numbers formatted as Python's {@code "%W.Df" % x} does, which KAMO's text files
 * and directory names use: the exact binary value rounded half-even. Java's {@code %.Df}
 * rounds half-up instead, so 1.25 would become "1.3" where KAMO writes "1.2", and a
 * 2.125 Å directory would be named 2.13 instead of 2.12.
 */
public final class KamoFormat {

    private KamoFormat() {}

    /** {@code "%.Df" % x}. */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative number that rounds to zero ("-0.0").
        return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    /** {@code "%W.Df" % x}: right-aligned in at least {@code width} characters. */
    public static String fixed(double x, int width, int decimals) {
        String s = fixed(x, decimals);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code float("%.Df" % x)}: how KAMO rounds resolutions to 0.01 Å. */
    public static double round(double x, int decimals) {
        return Double.parseDouble(fixed(x, decimals));
    }
}
