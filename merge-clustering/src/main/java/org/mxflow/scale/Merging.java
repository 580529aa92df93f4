package org.mxflow.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.MergingStatisticsCalculator;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Merging of scaled observations into unique reflections (inverse-variance weighted means, σ
 * propagated; Bijvoet halves kept apart too), in ascending ASU index order, and the XSCALE.LP
 * statistics table of the same observations.
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

    /**
     * The CORRECT.LP / XSCALE.LP statistics table of the accepted scaled observations, by core's
     * {@link MergingStatisticsCalculator} (its definitions: weighted means, R-meas against the
     * weighted mean, merged I &lt; −3σ rejected, CC½ by seeded per-reflection half split).
     *
     * @param dMaxA     low-resolution end of the first shell (Å), NaN: shells start at 1/d² = 0 (KAMO's
     *                  RESOLUTION_SHELLS without d_max); the result then carries NaN as its dMax
     * @param dMinA     high-resolution limit (Å)
     * @param shells    number of shells, equal in 1/d² (9 in KAMO)
     * @param anomalous Friedel mates counted as different reflections (FRIEDEL'S_LAW=FALSE)
     */
    public static MergingStatistics statistics(List<ScaledObservation> observations, SpaceGroup group, UnitCell cell, double dMaxA,
                                               double dMinA, int shells, boolean anomalous) {
        List<Observation> obs = new ArrayList<>(observations.size());
        for (ScaledObservation o : observations) {
            if (o.rejected() || !(o.sigma() > 0)) continue;
            obs.add(Observation.merged(o.minus() ? o.asu().negate() : o.asu(), o.intensity(), o.sigma()));
        }
        boolean open = Double.isNaN(dMaxA);
        MergingStatistics s = MergingStatisticsCalculator.calculate(obs, group, cell,
                new MergingStatisticsCalculator.Settings(shells, open ? Double.POSITIVE_INFINITY : dMaxA, dMinA, anomalous, 0L));
        return open ? new MergingStatistics(Double.NaN, s.shells(), s.total()) : s;
    }
}
