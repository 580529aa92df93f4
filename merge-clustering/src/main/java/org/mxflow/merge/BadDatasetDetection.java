package org.mxflow.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * KAMO's bad-dataset detection after run_02 ({@code lpstats}, kamo-conventions 4.10.3): for each
 * statistic, Tukey fences {@code [Q1 − 1.5·IQR, Q3 + 1.5·IQR]} over the datasets, both tails
 * rejected; the union of flagged datasets is removed. mxflow uses {@code em.b+bfactor}, the
 * statistics KAMO's generated script and docs use (reasons {@code bad_em.b}, {@code bad_B}).
 */
public final class BadDatasetDetection {

    /** KAMO's rejection.lpstats.iqr_coeff. */
    public static final double IQR_COEFFICIENT = 1.5;

    private BadDatasetDetection() {}

    /**
     * Flags outliers of one statistic.
     *
     * @return 0-based datasets outside the fences (NaN values are never flagged)
     */
    public static List<Integer> tukeyOutliers(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        List<Integer> out = new ArrayList<>();
        if (finite.length < 3) return out;
        double q1 = CellOutlierFilter.quantile(finite, 0.25), q3 = CellOutlierFilter.quantile(finite, 0.75), iqr = q3 - q1;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && (values[i] < q1 - IQR_COEFFICIENT * iqr || values[i] > q3 + IQR_COEFFICIENT * iqr)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Datasets to remove, each with its reasons ("bad_em.b", "bad_B"), ascending.
     *
     * @param errorModelB per dataset error-model b
     * @param relativeB   per dataset relative B (Å²); ignored with one dataset
     */
    public static TreeMap<Integer, String> detect(double[] errorModelB, double[] relativeB) {
        TreeMap<Integer, String> out = new TreeMap<>();
        for (int i : tukeyOutliers(errorModelB)) out.merge(i, "bad_em.b", (a, b) -> a + "," + b);
        if (relativeB.length > 1) {
            for (int i : tukeyOutliers(relativeB)) out.merge(i, "bad_B", (a, b) -> a + "," + b);
        }
        return out;
    }
}
