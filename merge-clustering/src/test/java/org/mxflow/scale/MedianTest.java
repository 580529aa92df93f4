package org.mxflow.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass test must answer exactly as the sort-based median the scaler used before (its outputs are pinned byte for byte). */
class MedianTest {

    static double sortedMedian(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }

    @Test
    void agreesWithTheSortBasedMedianOnRandomTiedAndBoundaryValues() {
        Random r = new Random(11);
        int decided = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + r.nextInt(300);
            double[] v = new double[n];
            boolean ties = trial % 3 == 0;
            for (int i = 0; i < n; i++) v[i] = ties ? r.nextInt(5) : r.nextGaussian() * r.nextGaussian();
            double med = sortedMedian(v);
            // thresholds at, just around and away from the median, and at data values
            double[] cs = {med, Math.nextUp(med), Math.nextDown(med), med + 0.1, med - 0.1, v[0], v[n - 1]};
            for (double c : cs) {
                assertThat(Median.exceeds(v, c)).as("n=%d trial %d c=%s", n, trial, c).isEqualTo(med > c);
                decided++;
            }
        }
        assertThat(decided).isEqualTo(21000);
    }

    @Test
    void evenLengthWithTheThresholdBetweenTheMiddleValues() {
        double[] v = {4, 1, 3, 2}; // median 2.5
        assertThat(Median.exceeds(v, 2.4)).isTrue();
        assertThat(Median.exceeds(v, 2.5)).isFalse();
        assertThat(Median.exceeds(new double[] {1, Double.POSITIVE_INFINITY}, 1e300)).isTrue();
    }
}
