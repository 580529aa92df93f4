package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.Correlation;
import org.mxflow.symmetry.ReciprocalAsu;
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
        long nTheory = possible(sg, cell, dMaxA, dMinA);
        int nBins = (int) Math.max(1, Math.min(200, Math.round(nTheory / 500.0)));
        double[] lim = equalVolumeLimits(dMaxA, dMinA, nBins);
        List<List<double[]>> halves = new ArrayList<>();
        for (int i = 0; i < nBins; i++) halves.add(new ArrayList<>());
        for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : Merging.group(obs, sg, false).entrySet()) {
            if (e.getValue().size() < 2) continue;
            double d = cell.dSpacing(e.getKey().asu());
            if (d > dMaxA || d < dMinA) continue;
            halves.get(shellOf(lim, d)).add(halfMeans(e.getKey(), e.getValue()));
        }
        for (int i = 0; i < nBins; i++) {
            List<double[]> p = halves.get(i);
            double[] x = new double[p.size()], y = new double[p.size()];
            for (int j = 0; j < p.size(); j++) { x[j] = p.get(j)[0]; y[j] = p.get(j)[1]; }
            double cc = Correlation.pearson(x, y, p.size());
            // a shell with too few pairs says nothing either way (a narrow wedge has few mates)
            if (Double.isNaN(cc) || p.size() < 10) continue;
            if (cc < 0.5) {
                return i == 0 ? OptionalDouble.empty() : OptionalDouble.of(lim[i - 1]);
            }
        }
        return OptionalDouble.empty();
    }

    /** Shell limits (Å, decreasing d) of {@code n} shells of equal reciprocal volume between dMax and dMin. */
    static double[] equalVolumeLimits(double dMaxA, double dMinA, int n) {
        double v0 = Math.pow(1 / dMaxA, 3), v1 = Math.pow(1 / dMinA, 3);
        double[] lim = new double[n];
        for (int i = 0; i < n; i++) lim[i] = 1 / Math.cbrt(v0 + (v1 - v0) * (i + 1) / n);
        lim[n - 1] = dMinA;
        return lim;
    }

    static int shellOf(double[] lim, double d) {
        for (int i = 0; i < lim.length; i++) if (d >= lim[i]) return i;
        return lim.length - 1;
    }

    /** Number of unique non-absent reflections (Friedel mates together) between dMax and dMin: the complete set KAMO bins by. */
    static long possible(SpaceGroup sg, UnitCell cell, double dMaxA, double dMinA) {
        int hm = (int) Math.ceil(cell.a() / dMinA) + 1, km = (int) Math.ceil(cell.b() / dMinA) + 1, lm = (int) Math.ceil(cell.c() / dMinA) + 1;
        ReciprocalAsu asu = sg.reciprocalAsu();
        long n = 0;
        for (int h = -hm; h <= hm; h++)
            for (int k = -km; k <= km; k++)
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    double d = cell.dSpacing(h, k, l);
                    if (d < dMinA || d > dMaxA) continue;
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (asu.isInAsu(m) && !sg.isSystematicallyAbsent(m)) n++;
                }
        return n;
    }

    /** Deterministic "random" half-set assignment of the i-th observation of a reflection. */
    static boolean firstHalf(Merging.Key key, int i, int n) {
        long x = key.asu().h() * 73856093L ^ key.asu().k() * 19349663L ^ key.asu().l() * 83492791L ^ (key.minus() ? 0x5bd1e995L : 0);
        // a permutation of 0..n-1 seeded by the key: rank of hash(x, j)
        long hi = mix(x + i);
        int rank = 0;
        for (int j = 0; j < n; j++) if (j != i && (mix(x + j) < hi || (mix(x + j) == hi && j < i))) rank++;
        return rank < n / 2;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Half-set means {mean1, mean2} (unweighted) of a reflection with ≥ 2 observations. */
    static double[] halfMeans(Merging.Key key, List<CorrectedObservation> os) {
        double s1 = 0, s2 = 0;
        int n1 = 0, n2 = 0;
        for (int i = 0; i < os.size(); i++) {
            if (firstHalf(key, i, os.size())) { s1 += os.get(i).intensity(); n1++; } else { s2 += os.get(i).intensity(); n2++; }
        }
        return new double[] {s1 / n1, s2 / n2};
    }
}
