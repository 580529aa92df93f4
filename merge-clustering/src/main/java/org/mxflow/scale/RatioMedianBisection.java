package org.mxflow.scale;

/**
 * Bisection for the variance scale λ of an intensity bin: the λ at which the median over the bin
 * of r_j(λ) = e²_j / max(λ·shape_j + m_j, 1e-300) falls to c (the error-model fit,
 * Scaler.robustOwnVariance). Every step takes exactly the decision a full median would take, so
 * the result is the same to the bit as bisecting with {@link Median#exceeds} over all points; it
 * is faster because each r_j falls as λ grows: once r_j at the bracket's low end is at or below c,
 * or at its high end above c, point j is on that side for every later midpoint and is only
 * counted, not evaluated again.
 *
 * <p>For an even number of points the median is the mean of the two middle values, so a step
 * where exactly half are above c needs the largest value below and the smallest above. Settled
 * points stay candidates for those extremes until bounds at the bracket's ends show another
 * settled point beats them for every λ left in the bracket.
 */
final class RatioMedianBisection {

    private RatioMedianBisection() {}

    /**
     * Midpoint of the bracket [0, hi] after {@code steps} bisection steps in which the low end moves
     * to the midpoint whenever the median of r exceeds c.
     */
    static double solve(double[] e2, double[] m, double[] shape, double c, double hi, int steps) {
        int n = e2.length, half = n / 2;
        boolean even = n % 2 == 0;
        double lo = 0;
        double[] r = new double[n], rOther = new double[n];
        int[] open = new int[n], below = new int[n], above = new int[n];
        int nOpen = n, nBelow = 0, nAbove = 0, settledAbove = 0;
        for (int j = 0; j < n; j++) open[j] = j;
        for (int step = 0; step < steps; step++) {
            double mid = 0.5 * (lo + hi);
            int openAbove = 0;
            double maxAtOrBelow = Double.NEGATIVE_INFINITY, minAbove = Double.POSITIVE_INFINITY;
            for (int k = 0; k < nOpen; k++) {
                int j = open[k];
                double q = ratio(e2, m, shape, j, mid);
                r[j] = q;
                if (q > c) {
                    openAbove++;
                    if (q < minAbove) minAbove = q;
                } else if (q > maxAtOrBelow) {
                    maxAtOrBelow = q;
                }
            }
            int count = settledAbove + openAbove;
            boolean exceeds;
            boolean straddles = false;
            if (!even || count != half) {
                exceeds = count >= half + 1;
            } else {
                for (int k = 0; k < nBelow; k++) {
                    int j = below[k];
                    r[j] = ratio(e2, m, shape, j, mid);
                    if (r[j] > maxAtOrBelow) maxAtOrBelow = r[j];
                }
                for (int k = 0; k < nAbove; k++) {
                    int j = above[k];
                    r[j] = ratio(e2, m, shape, j, mid);
                    if (r[j] < minAbove) minAbove = r[j];
                }
                exceeds = 0.5 * (maxAtOrBelow + minAbove) > c;
                straddles = true;
            }
            if (exceeds) lo = mid;
            else hi = mid;
            int kept = 0;
            for (int k = 0; k < nOpen; k++) {
                int j = open[k];
                if (exceeds && r[j] <= c) {          // r_j(lo) ≤ c: below for the rest of the bracket
                    if (even) below[nBelow++] = j;
                } else if (!exceeds && r[j] > c) {   // r_j(hi) > c: above for the rest
                    settledAbove++;
                    if (even) above[nAbove++] = j;
                } else {
                    open[kept++] = j;
                }
            }
            nOpen = kept;
            if (straddles) {
                nBelow = prune(e2, m, shape, below, nBelow, r, rOther, exceeds, exceeds ? hi : lo, true);
                nAbove = prune(e2, m, shape, above, nAbove, r, rOther, exceeds, exceeds ? hi : lo, false);
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Keeps the settled points that can still be the extreme a straddling step needs: for the
     * largest below c, j is dropped when r_j(lo) < r_k(hi) for some k, since then r_j < r_k at
     * every λ left; for the smallest above c, the mirror (values negated). r holds the values at
     * the old midpoint, now one end of the bracket; the other end is {@code otherEnd}.
     */
    private static int prune(double[] e2, double[] m, double[] shape, int[] idx, int n, double[] r, double[] rOther,
                             boolean midIsLow, double otherEnd, boolean largestBelow) {
        double sign = largestBelow ? 1 : -1, best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int j = idx[k];
            rOther[j] = ratio(e2, m, shape, j, otherEnd);
            double atHigh = midIsLow ? rOther[j] : r[j], atLow = midIsLow ? r[j] : rOther[j];
            best = Math.max(best, sign * (largestBelow ? atHigh : atLow)); // the bound every λ left beats
        }
        int kept = 0;
        for (int k = 0; k < n; k++) {
            int j = idx[k];
            double atHigh = midIsLow ? rOther[j] : r[j], atLow = midIsLow ? r[j] : rOther[j];
            if (sign * (largestBelow ? atLow : atHigh) >= best) idx[kept++] = j;
        }
        return kept;
    }

    /** Whether the median over all points of r(λ) exceeds c: one full evaluation. */
    static boolean medianExceeds(double[] e2, double[] m, double[] shape, double c, double lambda) {
        double[] q = new double[e2.length];
        for (int j = 0; j < q.length; j++) q[j] = ratio(e2, m, shape, j, lambda);
        return Median.exceeds(q, c);
    }

    /** r_j(λ). */
    static double ratio(double[] e2, double[] m, double[] shape, int j, double lambda) {
        return e2[j] / Math.max(lambda * shape[j] + m[j], 1e-300);
    }
}
