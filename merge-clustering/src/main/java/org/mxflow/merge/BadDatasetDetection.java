package org.mxflow.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Bad-dataset detection after run_02, KAMO's {@code lpstats} (kamo-conventions 4.10.3) with
 * Tukey fences {@code Q3 + 1.5·IQR}, made safe for the small, noisy clusters mxflow meets:
 *
 * <ul>
 * <li>Statistic {@code em.ab} (reason {@code bad_em.ab}, one of KAMO's choices) on a log scale,
 *     not KAMO's default {@code em.b}: a non-isomorphous wedge disagrees with its mates at every
 *     intensity, and the fitted error model puts that into a (a = 10–30, b ≈ the others' b), so
 *     its b alone does not stand out while a·b = 1/ISa² does, by a factor 10 or more. A wedge
 *     with a 25 % unmodelled error has a·b 25 times the others'.</li>
 * <li>Relative B ({@code bad_B}) in Å².</li>
 * <li>The IQR is floored ({@link #MIN_LOG_IQR_AB}, {@link #MIN_IQR_B_A2}): with 4–6 good wedges
 *     the quartiles of a fitted statistic are closer than its own estimation error (b of six
 *     simulated good 10° wedges with one true b = 0.0025 spans 0.0008–0.0029), and plain fences
 *     dropped a good wedge (bench/results/merge-vs-dials.txt: 3 of 4 good lysA wedges kept).</li>
 * <li>Only the upper tail is rejected: a lower a·b or B means better data. KAMO rejects both
 *     tails.</li>
 * </ul>
 */
public final class BadDatasetDetection {

    /** KAMO's rejection.lpstats.iqr_coeff. */
    public static final double IQR_COEFFICIENT = 1.5;
    /** Smallest IQR of ln(a·b) used for the fence: the fence is at least 2^1.5 = 2.8 times Q3. */
    public static final double MIN_LOG_IQR_AB = Math.log(2);
    /**
     * Smallest a·b counted: ISa = 1/√(a·b) above 100 is not resolved by a small wedge's error
     * model (b fits to 0 when counting noise dominates), and without this floor three wedges
     * with b = 0 and one with b = 5e-5 (ISa 173) put the one above the others' fence (the
     * demo's lysA cluster lost a good wedge that way).
     */
    public static final double MIN_AB = 1e-4;
    /** Smallest IQR of the relative B (Å²): the fence is at least Q3 + 3 Å². */
    public static final double MIN_IQR_B_A2 = 2.0;

    private BadDatasetDetection() {}

    /**
     * Flags values above {@code Q3 + 1.5·max(IQR, minIqr)} (Q1, Q3 linearly interpolated, as
     * NumPy's percentile).
     *
     * @return 0-based datasets above the upper fence (NaN values are never flagged)
     */
    public static List<Integer> upperOutliers(double[] values, double minIqr) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        List<Integer> out = new ArrayList<>();
        if (finite.length < 3) return out;
        double q1 = CellOutlierFilter.quantile(finite, 0.25), q3 = CellOutlierFilter.quantile(finite, 0.75);
        double fence = q3 + IQR_COEFFICIENT * Math.max(q3 - q1, minIqr);
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && values[i] > fence) out.add(i);
        }
        return out;
    }

    /**
     * Datasets to remove, each with its reasons ("bad_em.ab", "bad_B"), ascending.
     *
     * @param errorModelA per dataset error-model a
     * @param errorModelB per dataset error-model b
     * @param relativeB   per dataset relative B (Å²); ignored with one dataset
     */
    public static TreeMap<Integer, String> detect(double[] errorModelA, double[] errorModelB, double[] relativeB) {
        if (errorModelA.length != errorModelB.length) {
            throw new IllegalArgumentException("error-model a and b per dataset differ in length: " + errorModelA.length + " vs "
                    + errorModelB.length);
        }
        double[] logAb = new double[errorModelA.length];
        for (int i = 0; i < logAb.length; i++) {
            double ab = errorModelA[i] * errorModelB[i];
            // b = 0 (no proportional error found): the dataset is as good as its σ says.
            logAb[i] = Math.log(Math.max(ab, MIN_AB));
        }
        TreeMap<Integer, String> out = new TreeMap<>();
        for (int i : upperOutliers(logAb, MIN_LOG_IQR_AB)) out.merge(i, "bad_em.ab", (a, b) -> a + "," + b);
        if (relativeB.length > 1) {
            for (int i : upperOutliers(relativeB, MIN_IQR_B_A2)) out.merge(i, "bad_B", (a, b) -> a + "," + b);
        }
        return out;
    }
}
