package org.mxflow.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.Correlation;

/**
 * CC½: the Pearson correlation between the mean intensities of two random halves of each
 * reflection's observations (as iotbx.merging_statistics computes it, unweighted means).
 * Reflections with one observation take no part. The split uses a fixed seed, so a result
 * is reproducible.
 */
public final class CcHalf {

    private CcHalf() {}

    /** CC½ (fraction) of the observations; NaN with fewer than 2 usable reflections or no variance. */
    public static double of(List<IntensityObservation> observations, long seed) {
        Map<MillerIndex, List<Double>> byIndex = new HashMap<>();
        for (IntensityObservation o : observations) {
            byIndex.computeIfAbsent(o.hkl(), k -> new ArrayList<>()).add(o.intensity());
        }
        Random random = new Random(seed);
        List<double[]> pairs = new ArrayList<>();
        // Sorted keys make the random split independent of hash order.
        List<MillerIndex> keys = new ArrayList<>(byIndex.keySet());
        keys.sort(null);
        for (MillerIndex h : keys) {
            List<Double> values = byIndex.get(h);
            int n = values.size();
            if (n < 2) {
                continue;
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
            int half = n / 2;
            double m1 = 0, m2 = 0;
            for (int i = 0; i < half; i++) m1 += v[i];
            for (int i = half; i < n; i++) m2 += v[i];
            pairs.add(new double[] {m1 / half, m2 / (n - half)});
        }
        double[] x = new double[pairs.size()], y = new double[pairs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        return Correlation.pearson(x, y, x.length);
    }
}
