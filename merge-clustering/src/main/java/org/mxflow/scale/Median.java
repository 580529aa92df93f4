package org.mxflow.scale;

/**
 * Whether the median of an array exceeds a value, in one pass and without sorting: the
 * error-model fit asks this some sixty times per intensity bin while it bisects for the variance
 * scale, and sorting each time was half of a 200-wedge merge's CPU time. The answer is exactly
 * that of the sort-based median (the middle order statistic, or the mean of the two middle ones)
 * compared with {@code >}, so results do not change. Values must not be NaN.
 */
final class Median {
    private Median() {}

    /** {@code median(v) > c}, for a non-empty array of non-NaN values. */
    static boolean exceeds(double[] v, double c) {
        int n = v.length, h = n / 2, above = 0;
        double maxAtOrBelow = Double.NEGATIVE_INFINITY, minAbove = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (x > c) {
                above++;
                if (x < minAbove) minAbove = x;
            } else if (x > maxAtOrBelow) {
                maxAtOrBelow = x;
            }
        }
        // sorted ascending, the elements above c are the last `above` ones
        if (n % 2 == 1) return above >= h + 1;
        if (above >= h + 1) return true;   // both middle values exceed c
        if (above <= h - 1) return false;  // both middle values are at or below c
        return 0.5 * (maxAtOrBelow + minAbove) > c; // the two middle values straddle c
    }
}
