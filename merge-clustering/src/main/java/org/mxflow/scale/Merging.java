package org.mxflow.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;

/**
 * Merging of scaled observations into unique reflections (inverse-variance weighted means, σ
 * propagated; Bijvoet halves kept apart too), in ascending ASU index order.
 */
public final class Merging {

    private Merging() {}

    /** Merges the accepted observations (rejected ones and σ ≤ 0 are left out). */
    public static List<MergedReflection> merge(List<ScaledObservation> observations) {
        Map<MillerIndex, double[]> sums = new TreeMap<>();
        for (ScaledObservation o : observations) {
            if (o.rejected() || !(o.sigma() > 0)) continue;
            double w = 1 / (o.sigma() * o.sigma());
            // all: w, wI, n; plus: w, wI; minus: w, wI; centric flag; n+, n-
            double[] s = sums.computeIfAbsent(o.asu(), k -> new double[10]);
            s[0] += w;
            s[1] += w * o.intensity();
            s[2] += 1;
            int off = o.minus() ? 5 : 3;
            s[off] += w;
            s[off + 1] += w * o.intensity();
            s[7] = o.centric() ? 1 : 0;
            s[o.minus() ? 9 : 8] += 1;
        }
        List<MergedReflection> out = new ArrayList<>(sums.size());
        for (Map.Entry<MillerIndex, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            out.add(new MergedReflection(e.getKey(), s[1] / s[0], 1 / Math.sqrt(s[0]), (int) s[2],
                    s[3] > 0 ? s[4] / s[3] : Double.NaN, s[3] > 0 ? 1 / Math.sqrt(s[3]) : Double.NaN, (int) s[8],
                    s[5] > 0 ? s[6] / s[5] : Double.NaN, s[5] > 0 ? 1 / Math.sqrt(s[5]) : Double.NaN, (int) s[9], s[7] > 0));
        }
        return out;
    }
}
