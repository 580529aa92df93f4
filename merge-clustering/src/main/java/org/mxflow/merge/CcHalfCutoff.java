package org.mxflow.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.mxflow.cell.UnitCell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KAMO's resolution cut-off from CC½ ({@code estimate_resolution_based_on_cc_half},
 * kamo-conventions 4.11): a tanh fit gives a first estimate, then the resolution is moved in
 * 0.01 Å steps and bisected until the outer of 9 shells has {@code ccMin ≤ CC½ < ccMin + tol}.
 */
public final class CcHalfCutoff {

    private static final Logger LOG = LoggerFactory.getLogger(CcHalfCutoff.class);

    /** KAMO's rescut.cc_half_tol. */
    public static final double DEFAULT_TOLERANCE = 0.03;
    /** KAMO's rescut.n_bins: shells used for the outer-shell CC½. */
    public static final int DEFAULT_SHELLS = 9;
    /** Seed of the random half split; fixed so a cut is reproducible. */
    public static final long SPLIT_SEED = 42;

    private final double ccMin;
    private final double tolerance;
    private final int shells;

    /**
     * @param ccMin     target outer-shell CC½ (fraction): 0.35 in pass 1, 0.5 in pass 2
     * @param tolerance accepted excess over ccMin (0.03)
     * @param shells    shells for the outer-shell CC½ (9)
     */
    public CcHalfCutoff(double ccMin, double tolerance, int shells) {
        if (!(ccMin > 0 && ccMin < 1)) {
            throw new IllegalArgumentException("CC½ target must lie in (0, 1), got " + ccMin);
        }
        this.ccMin = ccMin;
        this.tolerance = tolerance;
        this.shells = shells;
    }

    /** The cut-off with KAMO's defaults (tol 0.03, 9 shells). */
    public static CcHalfCutoff forTarget(double ccMin) {
        return new CcHalfCutoff(ccMin, DEFAULT_TOLERANCE, DEFAULT_SHELLS);
    }

    /**
     * Outcome of a cut-off decision.
     *
     * @param dMinA        chosen resolution (Å), NaN if none
     * @param ccHalfOuter  outer-shell CC½ at that resolution (fraction)
     * @param fit          the tanh fit that gave the first estimate (null if it failed)
     * @param reason       why there is no cut, or "" on success
     */
    public record Cut(double dMinA, double ccHalfOuter, TanhCcHalfFit fit, String reason) {
        public boolean found() {
            return Double.isFinite(dMinA);
        }

        static Cut failed(String reason, TanhCcHalfFit fit) {
            return new Cut(Double.NaN, Double.NaN, fit, reason);
        }
    }

    /**
     * Decides the cut-off for unmerged observations (σ ≤ 0 ignored) in the given cell.
     */
    public Cut decide(List<IntensityObservation> observations, UnitCell cell) {
        List<double[]> dAndIndex = new ArrayList<>();
        List<IntensityObservation> used = new ArrayList<>();
        for (IntensityObservation o : observations) {
            if (o.sigma() > 0 && !o.hkl().isOrigin()) {
                used.add(o);
            }
        }
        if (used.isEmpty()) {
            return Cut.failed("no reflections", null);
        }
        double[] d = new double[used.size()];
        double dMaxData = 0, dMinData = Double.POSITIVE_INFINITY;
        double[] g = cell.reciprocalMetric();
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 / Math.sqrt(UnitCell.oneOverDSquared(g, used.get(i).hkl().h(), used.get(i).hkl().k(), used.get(i).hkl().l()));
            dMaxData = Math.max(dMaxData, d[i]);
            dMinData = Math.min(dMinData, d[i]);
        }
        // First estimate: fit on N_obs/50 shells (9..200).
        int nFit = Math.max(9, Math.min(200, (int) Math.floor(used.size() / 50.0 + 0.5)));
        ResolutionShells fitShells = new ResolutionShells(dMaxData, dMinData, nFit);
        List<List<IntensityObservation>> bins = new ArrayList<>();
        double[] binDMin = new double[nFit];
        for (int i = 0; i < nFit; i++) {
            bins.add(new ArrayList<>());
            binDMin[i] = Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < d.length; i++) {
            int b = fitShells.shellOf(d[i]);
            bins.get(b).add(used.get(i));
            binDMin[b] = Math.min(binDMin[b], d[i]);
        }
        List<Double> s = new ArrayList<>(), cc = new ArrayList<>();
        for (int i = 0; i < nFit; i++) {
            if (bins.get(i).isEmpty()) {
                continue;
            }
            s.add(1 / (binDMin[i] * binDMin[i]));
            cc.add(CcHalf.of(bins.get(i), SPLIT_SEED));
        }
        TanhCcHalfFit fit;
        try {
            fit = TanhCcHalfFit.fit(s.stream().mapToDouble(Double::doubleValue).toArray(),
                    cc.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            return Cut.failed(e.getMessage(), null);
        }
        double estimate = fit.resolutionAt(ccMin);
        LOG.debug("tanh fit d0={} r={} -> first estimate {} Å", fit.d0(), fit.r(), estimate);
        if (!Double.isFinite(estimate)) {
            return Cut.failed("the CC½ curve fit never reaches " + ccMin, fit);
        }
        double dMax = dMaxData;
        DoubleUnaryOperator ccOuter = dCut -> {
            ResolutionShells sh = new ResolutionShells(dMax, dCut, shells);
            List<IntensityObservation> outer = new ArrayList<>();
            for (int i = 0; i < d.length; i++) {
                if (d[i] >= dCut * (1 - 1e-9) && sh.shellOf(d[i]) == shells - 1) {
                    outer.add(used.get(i));
                }
            }
            return CcHalf.of(outer, SPLIT_SEED);
        };
        Cut cut = search(estimate, dMinData, ccOuter);
        return new Cut(cut.dMinA(), cut.ccHalfOuter(), fit, cut.reason());
    }

    /**
     * The search of 4.11.2 from a first estimate, given the outer-shell CC½ as a function of
     * the cut-off d (Å) and the data's own limit {@code dataLimitA}.
     */
    public Cut search(double estimateA, double dataLimitA, DoubleUnaryOperator ccOuterAt) {
        Map<Double, Double> memo = new HashMap<>();
        DoubleUnaryOperator cc = dd -> memo.computeIfAbsent(dd, ccOuterAt::applyAsDouble);
        double d = round2(estimateA);
        if (d < dataLimitA) {
            LOG.info("CC½ estimate {} Å is beyond the data limit {} Å; starting there", KamoFormat.fixed(d, 2), KamoFormat.fixed(dataLimitA, 2));
            d = dataLimitA;
        }
        double c = cc.applyAsDouble(d);
        if (c >= ccMin && c < ccMin + tolerance) {
            return new Cut(d, c, null, "");
        }
        double lower, upper;
        if (c >= ccMin + tolerance) {
            upper = d;
            lower = d;
            for (int i = 1; i <= 300; i++) {
                double t = round2(d - 0.01 * i);
                if (t <= dataLimitA) {
                    break;
                }
                lower = t;
                if (cc.applyAsDouble(t) < ccMin) {
                    break;
                }
            }
        } else {
            lower = d;
            upper = d;
            for (int i = 1; i <= 300; i++) {
                upper = round2(d + 0.01 * i);
                if (cc.applyAsDouble(upper) >= ccMin) {
                    break;
                }
            }
        }
        LOG.debug("CC½ cut bracket [{}, {}] Å", lower, upper);
        double lo = lower, hi = upper;
        double last = Double.NaN;
        while (true) {
            double mid = round2((lo + hi) / 2);
            if (mid == last) {
                return new Cut(hi, cc.applyAsDouble(hi), null, "");
            }
            last = mid;
            double cm = cc.applyAsDouble(mid);
            if (!(cm >= ccMin)) { // NaN counts as failing
                lo = mid;
            } else if (cm - ccMin > tolerance) {
                hi = mid;
            } else {
                return new Cut(mid, cm, null, "");
            }
        }
    }

    /** float("%.2f" % x), as KAMO rounds. */
    static double round2(double x) {
        return KamoFormat.round(x, 2);
    }
}
