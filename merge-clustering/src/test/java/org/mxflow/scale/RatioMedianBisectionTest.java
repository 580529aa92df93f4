package org.mxflow.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pruned bisection must return, bit for bit, what plain bisection with a sorted median over
 * every point returns (the error model, and so every scaled output, depends on it).
 */
class RatioMedianBisectionTest {

    /** Plain bisection: the median by sorting all ratios at every midpoint. */
    private static double reference(double[] e2, double[] m, double[] shape, double c, double hi, int steps) {
        double lo = 0;
        double[] q = new double[e2.length];
        for (int step = 0; step < steps; step++) {
            double mid = 0.5 * (lo + hi);
            for (int j = 0; j < q.length; j++) q[j] = e2[j] / Math.max(mid * shape[j] + m[j], 1e-300);
            if (MedianTest.sortedMedian(q) > c) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void sameBitsAsSortedMedianBisectionOnRandomBins() {
        SplittableRandom random = new SplittableRandom(11);
        double c = 0.454936;
        int straddling = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = random.nextInt(1, 400);
            double[] e2 = new double[n], m = new double[n], shape = new double[n];
            double spread = Math.pow(10, random.nextDouble(0, 4));
            double maxRatio = 0;
            for (int j = 0; j < n; j++) {
                shape[j] = Math.pow(spread, random.nextDouble());
                double g = random.nextGaussian() * Math.sqrt(shape[j] * random.nextDouble(0.2, 5));
                e2[j] = random.nextInt(10) == 0 ? 0 : g * g;           // some exact zeros
                m[j] = random.nextInt(4) == 0 ? 0 : shape[j] * random.nextDouble(0, 2);
                if (random.nextInt(20) == 0 && j > 0) {                 // duplicated points: tied ratios
                    e2[j] = e2[j - 1];
                    m[j] = m[j - 1];
                    shape[j] = shape[j - 1];
                }
                maxRatio = Math.max(maxRatio, e2[j] / shape[j]);
            }
            double hi = Math.max(maxRatio, 1e-300) / c;
            double expected = reference(e2, m, shape, c, hi, 60);
            double got = RatioMedianBisection.solve(e2, m, shape, c, hi, 60);
            assertThat(Double.doubleToLongBits(got)).as("trial %d, n %d: %s vs %s", trial, n, got, expected)
                    .isEqualTo(Double.doubleToLongBits(expected));
            if (n % 2 == 0 && expected > 0) straddling++;
            assertThat(RatioMedianBisection.medianExceeds(e2, m, shape, c, 0)).isEqualTo(MedianTest.sortedMedian(ratios(e2, m, shape, 0)) > c);
        }
        assertThat(straddling).isGreaterThan(1000);
    }

    @Test
    void solvesAKnownBin() {
        // e² = 2, m = 0, shape = 1 for all: r = 2/λ, so median r = c at λ = 2/c.
        double[] e2 = new double[10], m = new double[10], shape = new double[10];
        Arrays.fill(e2, 2);
        Arrays.fill(shape, 1);
        double c = 0.5;
        assertThat(RatioMedianBisection.solve(e2, m, shape, c, 100, 60)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    private static double[] ratios(double[] e2, double[] m, double[] shape, double lambda) {
        double[] q = new double[e2.length];
        for (int j = 0; j < q.length; j++) q[j] = RatioMedianBisection.ratio(e2, m, shape, j, lambda);
        return q;
    }
}
