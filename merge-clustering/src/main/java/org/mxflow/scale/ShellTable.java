package org.mxflow.scale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.CcHalf;
import org.mxflow.merge.IntensityObservation;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * The CORRECT.LP / XSCALE.LP statistics table ("SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >=
 * -3.0 AS FUNCTION OF RESOLUTION") computed from scaled unmerged observations: shells equally
 * spaced in 1/d² (as KAMO's RESOLUTION_SHELLS), then the total row.
 *
 * <p>Definitions as XDS prints them: R-obs = Σ|I−⟨I⟩|/ΣI and R-exp = Σσ/ΣI over reflections
 * with ≥ 2 observations (unweighted ⟨I⟩); R-meas with the √(n/(n−1)) factor; I/σ = mean of
 * merged I/σ(I); CC½ from a seeded random half split; the anomalous correlation between the
 * ΔI = I(+)−I(−) of two random half sets (reflections with ≥ 2 observations in each half);
 * SigAno = mean |ΔI|/σ(ΔI) — on intensities, where XDS uses amplitudes. Observations with
 * I/σ &lt; −3 are left out, as the table title says.
 */
public final class ShellTable {

    /** Seed of the half-set split; fixed so tables are reproducible. */
    public static final long SPLIT_SEED = 42;

    private ShellTable() {}

    /**
     * @param observations scaled observations (rejected ones are skipped)
     * @param dMaxA        low-resolution end of the first shell (Å), NaN: from infinity
     * @param dMinA        high-resolution limit (Å)
     * @param shells       number of shells (9 in KAMO)
     * @param anomalous    Friedel mates counted as different reflections (FRIEDEL'S_LAW=FALSE)
     */
    public static MergingStatistics compute(List<ScaledObservation> observations, SpaceGroup group, UnitCell cell,
                                            double dMaxA, double dMinA, int shells, boolean anomalous) {
        double sLow = Double.isNaN(dMaxA) ? 0 : 1 / (dMaxA * dMaxA);
        double sHigh = 1 / (dMinA * dMinA);
        List<List<ScaledObservation>> byShell = new ArrayList<>();
        for (int i = 0; i < shells; i++) byShell.add(new ArrayList<>());
        List<ScaledObservation> all = new ArrayList<>();
        for (ScaledObservation o : observations) {
            if (o.rejected() || !(o.sigma() > 0) || o.intensity() / o.sigma() < -3) continue;
            int sh = shellOf(o.oneOverDSq(), sLow, sHigh, shells);
            if (sh < 0) continue;
            byShell.get(sh).add(o);
            all.add(o);
        }
        long[][] possible = possibleCounts(group, cell, sLow, sHigh, shells);
        List<ShellStatistics> rows = new ArrayList<>();
        long totalPossible = 0;
        for (int i = 0; i < shells; i++) {
            double d = 1 / Math.sqrt(sLow + (sHigh - sLow) * (i + 1) / shells);
            long p = possible[i][anomalous ? 1 : 0];
            totalPossible += p;
            rows.add(shell(byShell.get(i), d, p, anomalous));
        }
        ShellStatistics total = shell(all, dMinA, totalPossible, anomalous);
        return new MergingStatistics(Double.isNaN(dMaxA) ? Double.NaN : dMaxA, rows, total);
    }

    static int shellOf(double s, double sLow, double sHigh, int shells) {
        if (s > sHigh * (1 + 1e-9) || s < sLow * (1 - 1e-9)) return -1;
        int i = (int) Math.floor((s - sLow) / (sHigh - sLow) * shells);
        return Math.max(0, Math.min(shells - 1, i));
    }

    private static MillerIndex key(ScaledObservation o, boolean anomalous) {
        return anomalous && o.minus() ? o.asu().negate() : o.asu();
    }

    private static ShellStatistics shell(List<ScaledObservation> obs, double dMinA, long possible, boolean anomalous) {
        Map<MillerIndex, List<ScaledObservation>> groups = new TreeMap<>();
        for (ScaledObservation o : obs) groups.computeIfAbsent(key(o, anomalous), k -> new ArrayList<>()).add(o);
        double sumAbs = 0, sumMeas = 0, sumI = 0, sumSig = 0, ioversig = 0;
        long compared = 0;
        for (List<ScaledObservation> g : groups.values()) {
            int n = g.size();
            double sw = 0, swi = 0, mean = 0;
            for (ScaledObservation o : g) {
                double w = 1 / (o.sigma() * o.sigma());
                sw += w;
                swi += w * o.intensity();
                mean += o.intensity();
            }
            ioversig += (swi / sw) * Math.sqrt(sw);
            if (n < 2) continue;
            mean /= n;
            double dev = 0;
            for (ScaledObservation o : g) {
                dev += Math.abs(o.intensity() - mean);
                sumI += o.intensity();
                sumSig += o.sigma();
            }
            sumAbs += dev;
            sumMeas += Math.sqrt(n / (n - 1.0)) * dev;
            compared += n;
        }
        List<IntensityObservation> io = new ArrayList<>(obs.size());
        for (ScaledObservation o : obs) io.add(new IntensityObservation(key(o, anomalous), o.intensity(), o.sigma()));
        double cc = CcHalf.of(io, SPLIT_SEED);
        double[] ano = anomalous(obs);
        long unique = groups.size();
        return new ShellStatistics(dMinA, obs.size(), unique, possible,
                possible > 0 ? 100.0 * unique / possible : Double.NaN,
                sumI > 0 ? 100 * sumAbs / sumI : Double.NaN, sumI > 0 ? 100 * sumSig / sumI : Double.NaN, compared,
                unique > 0 ? ioversig / unique : Double.NaN, sumI > 0 ? 100 * sumMeas / sumI : Double.NaN,
                Double.isNaN(cc) ? Double.NaN : 100 * cc, significant(cc, (int) Math.min(Integer.MAX_VALUE, unique)),
                Double.isNaN(ano[0]) ? Double.NaN : 100 * ano[0], significant(ano[0], (int) ano[2]), ano[1], (long) ano[2]);
    }

    /** Correlation significant at the 0.1 % level (one-sided t test, normal approximation), as XDS marks with '*'. */
    private static boolean significant(double r, int n) {
        if (Double.isNaN(r) || n < 4) return false;
        double t = r * Math.sqrt((n - 2) / Math.max(1e-12, 1 - r * r));
        return t > 3.09;
    }

    /** {anomalous half-set correlation, SigAno, Nano}. */
    private static double[] anomalous(List<ScaledObservation> obs) {
        Map<MillerIndex, List<ScaledObservation>> plus = new TreeMap<>();
        Map<MillerIndex, List<ScaledObservation>> minus = new HashMap<>();
        for (ScaledObservation o : obs) {
            if (o.centric()) continue;
            (o.minus() ? minus : plus).computeIfAbsent(o.asu(), k -> new ArrayList<>()).add(o);
        }
        Random random = new Random(SPLIT_SEED);
        List<double[]> halves = new ArrayList<>();
        double sigAno = 0;
        long nAno = 0;
        for (Map.Entry<MillerIndex, List<ScaledObservation>> e : plus.entrySet()) {
            List<ScaledObservation> m = minus.get(e.getKey());
            if (m == null) continue;
            double[] p = weighted(e.getValue()), q = weighted(m);
            sigAno += Math.abs(p[0] - q[0]) / Math.sqrt(p[1] * p[1] + q[1] * q[1]);
            nAno++;
            if (e.getValue().size() < 2 || m.size() < 2) continue;
            double[] sp = split(e.getValue(), random), sq = split(m, random);
            halves.add(new double[] {sp[0] - sq[0], sp[1] - sq[1]});
        }
        double[] x = new double[halves.size()], y = new double[halves.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = halves.get(i)[0];
            y[i] = halves.get(i)[1];
        }
        return new double[] {org.mxflow.stats.Correlation.pearson(x, y), nAno > 0 ? sigAno / nAno : Double.NaN, nAno};
    }

    private static double[] weighted(List<ScaledObservation> g) {
        double sw = 0, swi = 0;
        for (ScaledObservation o : g) {
            double w = 1 / (o.sigma() * o.sigma());
            sw += w;
            swi += w * o.intensity();
        }
        return new double[] {swi / sw, 1 / Math.sqrt(sw)};
    }

    private static double[] split(List<ScaledObservation> g, Random random) {
        double[] v = new double[g.size()];
        for (int i = 0; i < v.length; i++) v[i] = g.get(i).intensity();
        for (int i = v.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        int half = v.length / 2;
        return new double[] {Arrays.stream(v, 0, half).average().orElse(0), Arrays.stream(v, half, v.length).average().orElse(0)};
    }

    /** Complete-set sizes per shell (no absences, no 000): {Friedel merged, separate}. */
    static long[][] possibleCounts(SpaceGroup group, UnitCell cell, double sLow, double sHigh, int shells) {
        ReciprocalAsu asu = group.reciprocalAsu();
        double dStar = Math.sqrt(sHigh * (1 + 1e-9));
        int hm = (int) Math.ceil(dStar * cell.a() / Math.sin(Math.toRadians(Math.min(cell.beta(), cell.gamma())))) + 1;
        int km = (int) Math.ceil(dStar * cell.b() / Math.sin(Math.toRadians(Math.min(cell.alpha(), cell.gamma())))) + 1;
        int lm = (int) Math.ceil(dStar * cell.c() / Math.sin(Math.toRadians(Math.min(cell.alpha(), cell.beta())))) + 1;
        long[][] out = new long[shells][2];
        double[] gStar = cell.reciprocalMetric();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    double s = UnitCell.oneOverDSquared(gStar, h, k, l);
                    int sh = shellOf(s, sLow, sHigh, shells);
                    if (sh < 0) continue;
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (!asu.isInAsu(m) || group.isSystematicallyAbsent(m)) continue;
                    out[sh][0]++;
                    out[sh][1] += group.isCentric(m) ? 1 : 2;
                }
            }
        }
        return out;
    }
}
