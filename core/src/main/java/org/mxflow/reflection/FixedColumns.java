package org.mxflow.reflection;

import java.util.Locale;

/**
 * Numbers in fixed-width columns, character for character as {@code String.format(Locale.ROOT,
 * "%W.Df" / "%W.DE" / "%Wd", x)} writes them, without the Formatter's cost per call (parsing the
 * pattern, locale symbols, boxing): writing a 200-wedge merge's xscale.hkl files with
 * String.format took 30 % of the merge's CPU time.
 *
 * <p>Formatter rounds the shortest decimal representation of x half-up; this class rounds the
 * binary value scaled by a power of ten. The two agree unless the scaled value lies within a
 * hair of a rounding tie, and those rare cases, like non-finite or very large values, are
 * handed to String.format itself, so the output is always Formatter's.
 */
public final class FixedColumns {

    private FixedColumns() {}

    private static final double[] POWERS_OF_TEN = new double[23]; // 1e0..1e22 are exact doubles

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Beyond this a long holds the digits but a double no longer holds the fraction. */
    private static final double MAX_SCALED = 1e15;

    /** Appends {@code String.format(Locale.ROOT, "%<width>.<decimals>f", x)}, 0 ≤ decimals ≤ 9. */
    public static StringBuilder fixed(StringBuilder out, double x, int width, int decimals) {
        double scaled = Math.abs(x) * POWERS_OF_TEN[decimals];
        long digits = roundedOrMinusOne(scaled);
        if (!Double.isFinite(x) || digits < 0) {
            return out.append(formatter(width, decimals, 'f', x));
        }
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        long whole = digits / (long) POWERS_OF_TEN[decimals], fraction = digits % (long) POWERS_OF_TEN[decimals];
        int length = (negative ? 1 : 0) + digitCount(whole) + (decimals > 0 ? decimals + 1 : 0);
        pad(out, width - length);
        if (negative) out.append('-');
        out.append(whole);
        if (decimals > 0) {
            out.append('.');
            zeroPadded(out, fraction, decimals);
        }
        return out;
    }

    /** Appends {@code String.format(Locale.ROOT, "%<width>.<decimals>E", x)}, 0 ≤ decimals ≤ 9. */
    public static StringBuilder exponent(StringBuilder out, double x, int width, int decimals) {
        double a = Math.abs(x);
        long digits;
        int exp;
        if (a == 0) {
            digits = 0;
            exp = 0;
        } else {
            exp = (int) Math.floor(Math.log10(a));
            digits = -1;
            for (int attempt = 0; attempt < 2 && Double.isFinite(a); attempt++) {
                double scaled = scaleToDigits(a, exp, decimals);
                if (Double.isNaN(scaled)) break;
                // log10 can be off by one next to a power of ten: move the exponent and scale again
                if (scaled < POWERS_OF_TEN[decimals]) {
                    exp--;
                    continue;
                }
                if (scaled >= POWERS_OF_TEN[decimals + 1]) {
                    exp++;
                    continue;
                }
                digits = roundedOrMinusOne(scaled);
                break;
            }
            if (digits == (long) POWERS_OF_TEN[decimals + 1]) { // 9.9996 → 1.000E+01
                digits /= 10;
                exp++;
            }
        }
        if (!Double.isFinite(x) || digits < 0 || Math.abs(exp) > 99) {
            return out.append(formatter(width, decimals, 'E', x));
        }
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        int length = (negative ? 1 : 0) + 1 + (decimals > 0 ? decimals + 1 : 0) + 4;
        pad(out, width - length);
        if (negative) out.append('-');
        long lead = digits / (long) POWERS_OF_TEN[decimals];
        out.append(lead);
        if (decimals > 0) {
            out.append('.');
            zeroPadded(out, digits - lead * (long) POWERS_OF_TEN[decimals], decimals);
        }
        out.append('E').append(exp < 0 ? '-' : '+');
        zeroPadded(out, Math.abs(exp), 2);
        return out;
    }

    /** Appends {@code String.format(Locale.ROOT, "%<width>d", v)}. */
    public static StringBuilder integer(StringBuilder out, long v, int width) {
        int length = digitCount(Math.abs(v)) + (v < 0 ? 1 : 0);
        if (v == Long.MIN_VALUE) return out.append(String.format(Locale.ROOT, "%" + width + "d", v));
        pad(out, width - length);
        return out.append(v);
    }

    /** Formatter itself, for the rare values this class does not write (width 0: no width). */
    private static String formatter(int width, int decimals, char conversion, double x) {
        return String.format(Locale.ROOT, "%" + (width > 0 ? Integer.toString(width) : "") + "." + decimals + conversion, x);
    }

    /** a·10^(decimals−exp) with one rounding, or NaN when the power of ten is not exact. */
    private static double scaleToDigits(double a, int exp, int decimals) {
        int shift = decimals - exp;
        if (Math.abs(shift) >= POWERS_OF_TEN.length) return Double.NaN;
        return shift >= 0 ? a * POWERS_OF_TEN[shift] : a / POWERS_OF_TEN[-shift];
    }

    /** The scaled value rounded half-up, or −1 where it is too large or too near a tie to be sure. */
    private static long roundedOrMinusOne(double scaled) {
        if (!(scaled < MAX_SCALED)) return -1;
        double floor = Math.floor(scaled), fraction = scaled - floor;
        // The scaled value is within 0.5 ulp of x·10^d, and Formatter's decimal digits of x within
        // 1.5 ulp: a fraction this close to .5 may round either way there.
        if (Math.abs(fraction - 0.5) < Math.max(1e-6, 8 * Math.ulp(scaled))) return -1;
        return (long) floor + (fraction > 0.5 ? 1 : 0);
    }

    private static int digitCount(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static void zeroPadded(StringBuilder out, long v, int digits) {
        for (int i = digitCount(v); i < digits; i++) out.append('0');
        out.append(v);
    }

    private static void pad(StringBuilder out, int spaces) {
        for (int i = 0; i < spaces; i++) out.append(' ');
    }
}
