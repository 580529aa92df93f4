package org.mxflow.merge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.reflection.MillerIndex;

/**
 * A merged intensity of one unique reflection: the inverse-variance weighted mean of its
 * observations, σ from the propagated errors (cctbx {@code merge_equivalents(use_internal_variance=False)}).
 *
 * @param intensity merged I
 * @param sigma     1/sqrt(Σ 1/σ_i²)
 * @param count     observations merged
 */
public record MergedIntensity(double intensity, double sigma, int count) {

    /** Merges observations by their (ASU) index, dropping σ ≤ 0 as XDS-rejected. */
    public static Map<MillerIndex, MergedIntensity> merge(List<IntensityObservation> observations) {
        Map<MillerIndex, double[]> sums = new HashMap<>();
        for (IntensityObservation o : observations) {
            if (!(o.sigma() > 0)) {
                continue;
            }
            double w = 1 / (o.sigma() * o.sigma());
            double[] s = sums.computeIfAbsent(o.hkl(), k -> new double[3]);
            s[0] += w * o.intensity();
            s[1] += w;
            s[2] += 1;
        }
        Map<MillerIndex, MergedIntensity> out = new HashMap<>(sums.size() * 2);
        sums.forEach((h, s) -> out.put(h, new MergedIntensity(s[0] / s[1], 1 / Math.sqrt(s[1]), (int) s[2])));
        return out;
    }
}
