package org.mxflow.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * The CORRECT.LP / XSCALE.LP statistics table ("SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >=
 * -3.0 AS FUNCTION OF RESOLUTION") from unmerged observations.
 *
 * <ul>
 * <li>With an explicit range, no observation gives a table of empty shells (the possible counts
 *     still filled), as a scaling run whose data all fell outside it prints.</li>
 * <li>Shells: {@code n} shells of equal width in 1/d² between 1/dMax² and 1/dMin² (the rule
 *     XDS follows: the real CORRECT.LP with INCLUDE_RESOLUTION_RANGE=50 1.69 has limits 5.04
 *     3.58 2.92 2.53 2.27 2.07 1.92 1.79 1.69). dMax, dMin default to the data's range.</li>
 * <li>Observations with σ ≤ 0 (XDS misfits) and systematic absences are left out; unique
 *     reflections whose merged I &lt; −3σ are rejected with their observations (XDS's
 *     "SIGNAL/NOISE >= -3.0"; cctbx {@code sigma_filtering="xds"}).</li>
 * <li>Merging: inverse-variance weighted mean, σ = 1/√Σw. R-observed = Σ|Iᵢ−⟨I⟩|/ΣIᵢ and
 *     R-meas (×√(n/(n−1))) over reflections with n ≥ 2 ("compared" counts their observations);
 *     R-expected = Σ √(2/π)·√(σᵢ² − 1/Σw) / ΣIᵢ, the expectation of Σ|Iᵢ−⟨I⟩| for Gaussian
 *     errors of the stated σ. I/σ is the mean over unique reflections of ⟨I⟩/σ(⟨I⟩).</li>
 * <li>CC½: Pearson correlation of the σ-weighted means of random halves of each reflection's
 *     observations (n ≥ 2; an odd one goes to either half at random), as cctbx's
 *     {@code split_unmerged}. The split is drawn from a generator seeded by the reflection's
 *     index and {@link Settings#seed()}, so results are reproducible and independent of
 *     input order and thread count.</li>
 * <li>Anomalous: over acentric reflections with at least two observations of each parity
 *     (Nano), before the −3σ rejection: the correlation of ΔI = ⟨I(+)⟩−⟨I(−)⟩ between
 *     unweighted random half sets (cctbx {@code half_dataset_anomalous_correlation}), and
 *     SigAno = mean |I(+)−I(−)|/√(σ₊²+σ₋²) with weighted parity means — to first order the
 *     |F(+)−F(−)|/σ XDS prints, since ΔF ≈ ΔI/2F and σ(ΔF) ≈ σ(ΔI)/2F.</li>
 * <li>Significance (XDS's asterisk): one-sided p &lt; 0.1 % by Student's t ({@link Correlation}).</li>
 * </ul>
 */
public final class MergingStatisticsCalculator {

    /** XDS's significance level for the asterisk. */
    public static final double SIGNIFICANCE_LEVEL = 0.001;

    /**
     * @param shellCount number of resolution shells (XDS: 9)
     * @param dMaxA      low-resolution limit in Å (NaN: the data's; +∞: shells start at 1/d² = 0, as
     *                   XSCALE's RESOLUTION_SHELLS without a low-resolution limit)
     * @param dMinA      high-resolution limit in Å (NaN: the data's)
     * @param anomalous  keep I(+) and I(−) apart as unique reflections (XDS FRIEDEL'S_LAW=FALSE)
     * @param seed       seed of the random half-set split
     */
    public record Settings(int shellCount, double dMaxA, double dMinA, boolean anomalous, long seed) {
        public Settings {
            if (shellCount < 1) {
                throw new IllegalArgumentException("need at least one resolution shell, got " + shellCount);
            }
            if (dMaxA <= 0 || dMinA <= 0 || dMaxA < dMinA) {
                throw new IllegalArgumentException("resolution range must have dMax >= dMin > 0 Å, got " + dMaxA + " to " + dMinA);
            }
        }

        /** 9 shells over the data's range, Friedel mates merged, seed 0. */
        public static Settings xds() {
            return new Settings(9, Double.NaN, Double.NaN, false, 0L);
        }

        public Settings withRange(double dMax, double dMin) {
            return new Settings(shellCount, dMax, dMin, anomalous, seed);
        }

        public Settings withAnomalous(boolean a) {
            return new Settings(shellCount, dMaxA, dMinA, a, seed);
        }
    }

    private MergingStatisticsCalculator() {}

    /** High-resolution limits (Å) of n shells equal in 1/d² between dMax and dMin, low to high resolution. */
    public static double[] shellLimits(double dMaxA, double dMinA, int n) {
        double s0 = 1 / (dMaxA * dMaxA), s1 = 1 / (dMinA * dMinA);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i == n - 1 ? dMinA : 1 / Math.sqrt(s0 + (s1 - s0) * (i + 1) / n);
        }
        return d;
    }

    /** Unique reflection key: ASU index and parity (parity only when anomalous). */
    private record Key(MillerIndex hkl, boolean minus) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = hkl.compareTo(o.hkl);
            return c != 0 ? c : Boolean.compare(minus, o.minus);
        }
    }

    /** Running sums of one shell (or of all data). */
    private static final class Acc {
        long observed, unique, possible, compared, nano, rejected;
        double rNum, rDen, rMeasNum, rExpNum, iOverSigma, sigAno;
        final List<double[]> ccPairs = new ArrayList<>();
        final List<double[]> anoPairs = new ArrayList<>();
    }

    public static MergingStatistics calculate(List<Observation> observations, SpaceGroup sg, UnitCell cell, Settings settings) {
        List<EquivalentsMerger.Mapped> mapped = EquivalentsMerger.toAsu(observations, sg);
        double[] gStar = cell.reciprocalMetric(); // once, not per reflection
        boolean rangeGiven = !Double.isNaN(settings.dMaxA()) && !Double.isNaN(settings.dMinA());
        if (mapped.isEmpty() && !rangeGiven) {
            throw new IllegalArgumentException("no usable observations (σ > 0, not systematically absent) to compute statistics from");
        }
        double sLo = Double.POSITIVE_INFINITY, sHi = 0;
        for (EquivalentsMerger.Mapped m : mapped) {
            double s = UnitCell.oneOverDSquared(gStar, m.hkl().h(), m.hkl().k(), m.hkl().l());
            sLo = Math.min(sLo, s);
            sHi = Math.max(sHi, s);
        }
        double dMax = Double.isNaN(settings.dMaxA()) ? 1 / Math.sqrt(sLo) : settings.dMaxA();
        double dMin = Double.isNaN(settings.dMinA()) ? 1 / Math.sqrt(sHi) : settings.dMinA();
        int n = settings.shellCount();
        double s0 = 1 / (dMax * dMax), s1 = 1 / (dMin * dMin);
        double step = (s1 - s0) / n;
        double eps = 1e-9 * s1;

        List<EquivalentsMerger.Mapped> inRange = new ArrayList<>(mapped.size());
        for (EquivalentsMerger.Mapped m : mapped) {
            double s = UnitCell.oneOverDSquared(gStar, m.hkl().h(), m.hkl().k(), m.hkl().l());
            if (s >= s0 - eps && s <= s1 + eps) {
                inRange.add(m);
            }
        }
        Acc[] acc = new Acc[n + 1];
        for (int i = 0; i < n + 1; i++) {
            acc[i] = new Acc();
        }
        countPossible(sg, cell, settings.anomalous(), dMax, dMin, s0, step, n, acc);

        // Unique reflections (parity only when anomalous) in index order, then Friedel pairs in index order.
        for (List<EquivalentsMerger.Mapped> g : groups(inRange, settings.anomalous())) {
            MillerIndex h = g.get(0).hkl();
            int shell = shellOf(UnitCell.oneOverDSquared(gStar, h.h(), h.k(), h.l()), s0, step, n);
            addUnique(new Key(h, settings.anomalous() && g.get(0).minus()), g, settings.seed(), acc[shell], acc[n]);
        }
        for (List<EquivalentsMerger.Mapped> g : groups(inRange, false)) {
            MillerIndex h = g.get(0).hkl();
            if (sg.isCentric(h)) {
                continue;
            }
            int shell = shellOf(UnitCell.oneOverDSquared(gStar, h.h(), h.k(), h.l()), s0, step, n);
            addAnomalous(h, g, settings.seed(), acc[shell], acc[n]);
        }
        double[] limits = shellLimits(dMax, dMin, n);
        List<ShellStatistics> shells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shells.add(row(limits[i], acc[i]));
        }
        return new MergingStatistics(dMax, shells, row(dMin, acc[n]));
    }

    /** A canonical order inside each group makes sums and half-set splits independent of input order. */
    private static final Comparator<EquivalentsMerger.Mapped> CANONICAL = (x, y) -> {
        int c = Double.compare(x.intensity(), y.intensity());
        if (c == 0) c = Double.compare(x.sigma(), y.sigma());
        return c != 0 ? c : Boolean.compare(x.minus(), y.minus());
    };

    /**
     * The observations grouped by ASU index (and parity when {@code byParity}), groups in
     * {@link Key} order, each group in {@link #CANONICAL} order.
     */
    private static List<List<EquivalentsMerger.Mapped>> groups(List<EquivalentsMerger.Mapped> obs, boolean byParity) {
        List<EquivalentsMerger.Mapped> sorted = sortedByKey(obs, byParity);
        List<List<EquivalentsMerger.Mapped>> groups = new ArrayList<>();
        for (int start = 0, end; start < sorted.size(); start = end) {
            EquivalentsMerger.Mapped first = sorted.get(start);
            for (end = start + 1; end < sorted.size(); end++) {
                EquivalentsMerger.Mapped m = sorted.get(end);
                if (!m.hkl().equals(first.hkl()) || (byParity && m.minus() != first.minus())) break;
            }
            List<EquivalentsMerger.Mapped> g = new ArrayList<>(sorted.subList(start, end));
            g.sort(CANONICAL);
            groups.add(g);
        }
        return groups;
    }

    private static final int INDEX_BITS = 26;

    /**
     * A stable sort by {@link Key}. Keys (indices within ±2047, 37 bits) and input positions are
     * packed into one long and sorted as primitives: grouping in a TreeMap took a tenth of a merge's CPU.
     */
    private static List<EquivalentsMerger.Mapped> sortedByKey(List<EquivalentsMerger.Mapped> obs, boolean byParity) {
        int n = obs.size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            MillerIndex h = obs.get(i).hkl();
            if (n >= 1 << INDEX_BITS || Math.abs(h.h()) > 2047 || Math.abs(h.k()) > 2047 || Math.abs(h.l()) > 2047) {
                List<EquivalentsMerger.Mapped> sorted = new ArrayList<>(obs);
                sorted.sort(Comparator.comparing((EquivalentsMerger.Mapped m) -> new Key(m.hkl(), byParity && m.minus())));
                return sorted;
            }
            long key = ((long) (h.h() + 2048) << 25) | ((long) (h.k() + 2048) << 13) | ((long) (h.l() + 2048) << 1)
                    | (byParity && obs.get(i).minus() ? 1 : 0);
            packed[i] = key << INDEX_BITS | i;
        }
        java.util.Arrays.sort(packed);
        List<EquivalentsMerger.Mapped> sorted = new ArrayList<>(n);
        for (long p : packed) sorted.add(obs.get((int) (p & ((1L << INDEX_BITS) - 1))));
        return sorted;
    }

    private static int shellOf(double s, double s0, double step, int n) {
        int i = (int) Math.ceil((s - s0) / step) - 1;
        return Math.max(0, Math.min(n - 1, i));
    }

    private static void countPossible(SpaceGroup sg, UnitCell cell, boolean anomalous, double dMax, double dMin, double s0,
                                      double step, int n, Acc[] acc) {
        double[] gStar = cell.reciprocalMetric(); // once, not per reflection
        ReciprocalAsu asu = sg.reciprocalAsu();
        int hMax = (int) Math.floor(cell.a() / dMin), kMax = (int) Math.floor(cell.b() / dMin),
                lMax = (int) Math.floor(cell.c() / dMin);
        double sLo = s0 * (1 - 1e-9), sHi = 1 / (dMin * dMin) * (1 + 1e-9);
        for (int h = -hMax; h <= hMax; h++) {
            for (int k = -kMax; k <= kMax; k++) {
                for (int l = -lMax; l <= lMax; l++) {
                    double s = UnitCell.oneOverDSquared(gStar, h, k, l);
                    if (s < sLo || s > sHi || (h == 0 && k == 0 && l == 0)) {
                        continue;
                    }
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (!asu.isInAsu(m) || sg.isSystematicallyAbsent(m)) {
                        continue;
                    }
                    int count = anomalous && !sg.isCentric(m) ? 2 : 1;
                    acc[shellOf(s, s0, step, n)].possible += count;
                    acc[n].possible += count;
                }
            }
        }
    }

    private static void addUnique(Key key, List<EquivalentsMerger.Mapped> obs, long seed, Acc shell, Acc total) {
        int n = obs.size();
        double sw = 0, swi = 0;
        for (EquivalentsMerger.Mapped m : obs) {
            double w = 1 / (m.sigma() * m.sigma());
            sw += w;
            swi += w * m.intensity();
        }
        double mean = swi / sw, sigma = 1 / Math.sqrt(sw);
        if (mean < -3 * sigma) {
            shell.rejected += n;
            total.rejected += n;
            return;
        }
        double absDev = 0, sumI = 0, expDev = 0;
        for (EquivalentsMerger.Mapped m : obs) {
            absDev += Math.abs(m.intensity() - mean);
            sumI += m.intensity();
            expDev += Math.sqrt(Math.max(m.sigma() * m.sigma() - 1 / sw, 0));
        }
        double[] pair = n >= 2 ? halfMeans(obs, true, random(seed, key.hkl(), key.minus() ? 2 : 0)) : null;
        for (Acc a : new Acc[] {shell, total}) {
            a.observed += n;
            a.unique++;
            a.iOverSigma += mean / sigma;
            if (n >= 2) {
                a.compared += n;
                a.rNum += absDev;
                a.rDen += sumI;
                a.rMeasNum += Math.sqrt((double) n / (n - 1)) * absDev;
                a.rExpNum += Math.sqrt(2 / Math.PI) * expDev;
                a.ccPairs.add(pair);
            }
        }
    }

    private static void addAnomalous(MillerIndex h, List<EquivalentsMerger.Mapped> obs, long seed, Acc shell, Acc total) {
        List<EquivalentsMerger.Mapped> plus = new ArrayList<>(), minus = new ArrayList<>();
        for (EquivalentsMerger.Mapped m : obs) {
            (m.minus() ? minus : plus).add(m);
        }
        if (plus.size() < 2 || minus.size() < 2) {
            return;
        }
        double[] p = weighted(plus), m = weighted(minus);
        double sigAno = Math.abs(p[0] - m[0]) / Math.sqrt(p[1] * p[1] + m[1] * m[1]);
        double[] hp = halfMeans(plus, false, random(seed, h, 4));
        double[] hm = halfMeans(minus, false, random(seed, h, 5));
        double[] pair = {hp[0] - hm[0], hp[1] - hm[1]};
        for (Acc a : new Acc[] {shell, total}) {
            a.nano++;
            a.sigAno += sigAno;
            a.anoPairs.add(pair);
        }
    }

    private static double[] weighted(List<EquivalentsMerger.Mapped> obs) {
        double sw = 0, swi = 0;
        for (EquivalentsMerger.Mapped m : obs) {
            double w = 1 / (m.sigma() * m.sigma());
            sw += w;
            swi += w * m.intensity();
        }
        return new double[] {swi / sw, 1 / Math.sqrt(sw)};
    }

    private static SplittableRandom random(long seed, MillerIndex h, int stream) {
        long x = seed * 0x9E3779B97F4A7C15L + ((long) h.h() * 73856093L) ^ ((long) h.k() * 19349663L)
                ^ ((long) h.l() * 83492791L) ^ ((long) stream << 56);
        return new SplittableRandom(x);
    }

    /** Means of two random halves (σ-weighted or plain); an odd observation goes to the first half with probability ½. */
    private static double[] halfMeans(List<EquivalentsMerger.Mapped> obs, boolean weightedMeans, SplittableRandom rnd) {
        int n = obs.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int first = n / 2;
        if (n % 2 == 1 && rnd.nextBoolean()) {
            first++;
        }
        double[] sw = new double[2], swi = new double[2];
        for (int i = 0; i < n; i++) {
            EquivalentsMerger.Mapped m = obs.get(idx[i]);
            double w = weightedMeans ? 1 / (m.sigma() * m.sigma()) : 1;
            int half = i < first ? 0 : 1;
            sw[half] += w;
            swi[half] += w * m.intensity();
        }
        return new double[] {swi[0] / sw[0], swi[1] / sw[1]};
    }

    private static ShellStatistics row(double dMin, Acc a) {
        double cc = correlation(a.ccPairs);
        double ano = correlation(a.anoPairs);
        return new ShellStatistics(dMin, a.observed, a.unique, a.possible,
                a.possible == 0 ? Double.NaN : 100.0 * a.unique / a.possible,
                a.rDen == 0 ? Double.NaN : 100 * a.rNum / a.rDen,
                a.rDen == 0 ? Double.NaN : 100 * a.rExpNum / a.rDen,
                a.compared,
                a.unique == 0 ? Double.NaN : a.iOverSigma / a.unique,
                a.rDen == 0 ? Double.NaN : 100 * a.rMeasNum / a.rDen,
                100 * cc, Correlation.isSignificant(cc, a.ccPairs.size(), SIGNIFICANCE_LEVEL),
                100 * ano, Correlation.isSignificant(ano, a.anoPairs.size(), SIGNIFICANCE_LEVEL),
                a.nano == 0 ? Double.NaN : a.sigAno / a.nano, a.nano);
    }

    private static double correlation(List<double[]> pairs) {
        double[] x = new double[pairs.size()], y = new double[pairs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        return Correlation.pearson(x, y, x.length);
    }
}
