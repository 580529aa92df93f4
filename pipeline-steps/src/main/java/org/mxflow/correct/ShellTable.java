package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * The per-shell table of XDS CORRECT ("SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS
 * FUNCTION OF RESOLUTION"): completeness against the complete set of the space group, R-obs
 * and R-expected, ⟨I/σ⟩ of merged reflections, R-meas, CC½ (random half sets, Pearson on half-set
 * means, significant when t > 3.09, p = 0.1 %), anomalous correlation, SigAno and Nano.
 * With {@code anomalous} (FRIEDEL'S_LAW=FALSE, KAMO's default) Bijvoet mates count as separate
 * unique reflections, as XDS counts them.
 *
 * <p>A minimal calculator owned by the engine; swap for refl's MergingStatisticsCalculator when
 * that lands, as long as the numbers stay XDS's.
 */
public final class ShellTable {

    private ShellTable() {}

    /** Shell limits (Å, decreasing d) of {@code n} shells of equal reciprocal volume between dMax and dMin. */
    public static double[] equalVolumeLimits(double dMaxA, double dMinA, int n) {
        double v0 = Math.pow(1 / dMaxA, 3), v1 = Math.pow(1 / dMinA, 3);
        double[] lim = new double[n];
        for (int i = 0; i < n; i++) lim[i] = 1 / Math.cbrt(v0 + (v1 - v0) * (i + 1) / n);
        lim[n - 1] = dMinA;
        return lim;
    }

    public static MergingStatistics compute(List<CorrectedObservation> obs, SpaceGroup sg, UnitCell cell, boolean anomalous,
                                            double dMaxA, double dMinA, int nShells) {
        double[] lim = equalVolumeLimits(dMaxA, dMinA, nShells);
        long[] possible = possible(sg, cell, anomalous, dMaxA, lim);
        Map<Merging.Key, List<CorrectedObservation>> groups = Merging.group(obs, sg, anomalous);
        List<ShellStatistics> shells = new ArrayList<>();
        Acc total = new Acc();
        Acc[] acc = new Acc[nShells];
        for (int i = 0; i < nShells; i++) acc[i] = new Acc();
        for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : groups.entrySet()) {
            double d = cell.dSpacing(e.getKey().asu());
            if (d > dMaxA || d < dMinA) continue;
            int s = shellOf(lim, d);
            acc[s].add(e.getKey(), e.getValue());
            total.add(e.getKey(), e.getValue());
        }
        // anomalous pairs: + and − of the same ASU reflection
        if (anomalous) {
            for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : groups.entrySet()) {
                if (e.getKey().minus()) continue;
                List<CorrectedObservation> minus = groups.get(new Merging.Key(e.getKey().asu(), true));
                if (minus == null) continue;
                double d = cell.dSpacing(e.getKey().asu());
                if (d > dMaxA || d < dMinA) continue;
                acc[shellOf(lim, d)].addPair(e.getKey(), e.getValue(), minus);
                total.addPair(e.getKey(), e.getValue(), minus);
            }
        }
        long allPossible = 0;
        for (int i = 0; i < nShells; i++) {
            shells.add(acc[i].row(lim[i], possible[i]));
            allPossible += possible[i];
        }
        return new MergingStatistics(dMaxA, shells, total.row(dMinA, allPossible));
    }

    static int shellOf(double[] lim, double d) {
        for (int i = 0; i < lim.length; i++) if (d >= lim[i]) return i;
        return lim.length - 1;
    }

    /** Number of unique non-absent reflections per shell in the space group's ASU (Bijvoet mates apart when anomalous). */
    static long[] possible(SpaceGroup sg, UnitCell cell, boolean anomalous, double dMaxA, double[] lim) {
        double dMin = lim[lim.length - 1];
        int hm = (int) Math.ceil(cell.a() / dMin) + 1, km = (int) Math.ceil(cell.b() / dMin) + 1, lm = (int) Math.ceil(cell.c() / dMin) + 1;
        ReciprocalAsu asu = sg.reciprocalAsu();
        long[] n = new long[lim.length];
        for (int h = -hm; h <= hm; h++)
            for (int k = -km; k <= km; k++)
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    double d = cell.dSpacing(h, k, l);
                    if (d < dMin || d > dMaxA) continue;
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (!asu.isInAsu(m) || sg.isSystematicallyAbsent(m)) continue;
                    n[shellOf(lim, d)] += anomalous && !sg.isCentric(m) ? 2 : 1;
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

    /** Half-set means {mean1, mean2} of a reflection with ≥ 2 observations. */
    static double[] halfMeans(Merging.Key key, List<CorrectedObservation> os) {
        double s1 = 0, s2 = 0;
        int n1 = 0, n2 = 0;
        for (int i = 0; i < os.size(); i++) {
            if (firstHalf(key, i, os.size())) { s1 += os.get(i).intensity(); n1++; } else { s2 += os.get(i).intensity(); n2++; }
        }
        return new double[] {s1 / n1, s2 / n2};
    }

    /** t-test of a correlation over n pairs at the 0.1 % level (one-sided). */
    static boolean significant(double cc, long n) {
        if (n < 4 || !(Math.abs(cc) < 1)) return n >= 4 && cc >= 1;
        return cc * Math.sqrt((n - 2) / (1 - cc * cc)) > 3.09;
    }

    private static final class Acc {
        long observed, unique, compared;
        double sumAbsDev, sumI, sumSigma, sumMeasNum, sumIoverSigma;
        List<double[]> halves = new ArrayList<>();
        List<double[]> anomHalves = new ArrayList<>();
        double sumSigAno;
        long nano;

        void add(Merging.Key key, List<CorrectedObservation> os) {
            int n = os.size();
            observed += n;
            unique++;
            double[] wm = Merging.weightedMean(os);
            sumIoverSigma += wm[0] / wm[1];
            if (n < 2) return;
            double mean = 0;
            for (CorrectedObservation o : os) mean += o.intensity();
            mean /= n;
            double dev = 0;
            for (CorrectedObservation o : os) {
                dev += Math.abs(o.intensity() - mean);
                sumI += o.intensity();
                sumSigma += o.sigma();
            }
            sumAbsDev += dev;
            sumMeasNum += Math.sqrt(n / (n - 1.0)) * dev;
            compared += n;
            halves.add(halfMeans(key, os));
        }

        void addPair(Merging.Key key, List<CorrectedObservation> plus, List<CorrectedObservation> minus) {
            double[] p = Merging.weightedMean(plus), m = Merging.weightedMean(minus);
            sumSigAno += Math.abs(p[0] - m[0]) / Math.hypot(p[1], m[1]);
            nano++;
            if (plus.size() >= 2 && minus.size() >= 2) {
                double[] hp = halfMeans(key, plus), hm = halfMeans(new Merging.Key(key.asu(), true), minus);
                anomHalves.add(new double[] {hp[0] - hm[0], hp[1] - hm[1]});
            }
        }

        ShellStatistics row(double dMin, long possible) {
            double cc = corr(halves), anom = corr(anomHalves);
            return new ShellStatistics(dMin, observed, unique, possible,
                    possible > 0 ? 100.0 * unique / possible : Double.NaN,
                    sumI > 0 ? 100 * sumAbsDev / sumI : Double.NaN,
                    sumI > 0 ? 100 * sumSigma / sumI : Double.NaN,
                    compared, unique > 0 ? sumIoverSigma / unique : Double.NaN,
                    sumI > 0 ? 100 * sumMeasNum / sumI : Double.NaN,
                    Double.isNaN(cc) ? Double.NaN : 100 * cc, significant(cc, halves.size()),
                    Double.isNaN(anom) ? 0 : 100 * anom, significant(anom, anomHalves.size()),
                    nano > 0 ? sumSigAno / nano : 0, nano);
        }

        private static double corr(List<double[]> pairs) {
            int n = pairs.size();
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) { x[i] = pairs.get(i)[0]; y[i] = pairs.get(i)[1]; }
            return Merging.pearson(x, y, n);
        }
    }
}
