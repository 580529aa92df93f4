package org.mxflow.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * KAMO's cell filter before merging ({@code filtering.choice=cell}, kamo-conventions 4.5): with
 * more than two datasets, a dataset is excluded if any of its six cell parameters lies outside
 * the Tukey fences {@code [Q1 − k·IQR, Q3 + k·IQR]} of that parameter, k = 2.5, quartiles by
 * linear interpolation (numpy's default).
 */
public final class CellOutlierFilter {

    /** KAMO's filtering.cell_iqr_scale. */
    public static final double DEFAULT_IQR_SCALE = 2.5;

    private final double iqrScale;

    public CellOutlierFilter(double iqrScale) {
        this.iqrScale = iqrScale;
    }

    public CellOutlierFilter() {
        this(DEFAULT_IQR_SCALE);
    }

    /** 0-based indices of the cells to exclude, ascending. */
    public List<Integer> outliers(List<UnitCell> cells) {
        List<Integer> out = new ArrayList<>();
        if (cells.size() <= 2) {
            return out;
        }
        double[][] fences = new double[6][];
        for (int p = 0; p < 6; p++) {
            double[] v = new double[cells.size()];
            for (int i = 0; i < v.length; i++) v[i] = cells.get(i).toArray()[p];
            Arrays.sort(v);
            double q1 = quantile(v, 0.25), q3 = quantile(v, 0.75), iqr = q3 - q1;
            fences[p] = new double[] {q1 - iqrScale * iqr, q3 + iqrScale * iqr};
        }
        for (int i = 0; i < cells.size(); i++) {
            double[] c = cells.get(i).toArray();
            for (int p = 0; p < 6; p++) {
                if (c[p] < fences[p][0] || c[p] > fences[p][1]) {
                    out.add(i);
                    break;
                }
            }
        }
        return out;
    }

    /** numpy.percentile with linear interpolation on sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = (sorted.length - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
