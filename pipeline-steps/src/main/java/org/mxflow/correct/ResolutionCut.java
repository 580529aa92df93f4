package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SpaceGroup;

/**
 * KAMO's per-dataset resolution cut (kamo-conventions §3.7): CC½ in min(200, N_unique/500)
 * equal-volume shells (Friedel mates merged); the cut is the d_min of the shell before the first
 * shell with CC½ < 0.5; none if the first shell fails or no shell does.
 */
public final class ResolutionCut {

    private ResolutionCut() {}

    /** The cut in Å, or empty when KAMO would say "Can't decide resolution". */
    public static OptionalDouble decide(List<CorrectedObservation> obs, SpaceGroup sg, UnitCell cell, double dMaxA, double dMinA) {
        double[] one = {dMinA};
        long nTheory = ShellTable.possible(sg, cell, false, dMaxA, one)[0];
        int nBins = (int) Math.max(1, Math.min(200, Math.round(nTheory / 500.0)));
        double[] lim = ShellTable.equalVolumeLimits(dMaxA, dMinA, nBins);
        List<List<double[]>> halves = new ArrayList<>();
        for (int i = 0; i < nBins; i++) halves.add(new ArrayList<>());
        for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : Merging.group(obs, sg, false).entrySet()) {
            if (e.getValue().size() < 2) continue;
            double d = cell.dSpacing(e.getKey().asu());
            if (d > dMaxA || d < dMinA) continue;
            halves.get(ShellTable.shellOf(lim, d)).add(ShellTable.halfMeans(e.getKey(), e.getValue()));
        }
        for (int i = 0; i < nBins; i++) {
            List<double[]> p = halves.get(i);
            double[] x = new double[p.size()], y = new double[p.size()];
            for (int j = 0; j < p.size(); j++) { x[j] = p.get(j)[0]; y[j] = p.get(j)[1]; }
            double cc = Merging.pearson(x, y, p.size());
            // a shell with too few pairs says nothing either way (a narrow wedge has few mates)
            if (Double.isNaN(cc)) continue;
            if (cc < 0.5) {
                return i == 0 ? OptionalDouble.empty() : OptionalDouble.of(lim[i - 1]);
            }
        }
        return OptionalDouble.empty();
    }
}
