package org.mxflow.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;

/**
 * Overall B from merged intensities: ln⟨I⟩ against s = 1/d² in equal-count bins beyond 4.5 Å
 * (where the Wilson approximation holds), ⟨I⟩ ∝ exp(−B·s/2). No scattering-factor curve is
 * divided out, so on real data this is an apparent B that includes the atoms' form-factor
 * fall-off (larger than xtriage's ML estimate); on simulated point-atom data it is the B.
 */
public final class WilsonPlot {

    private WilsonPlot() {}

    /** B (Å²) or NaN with fewer than 3 usable bins. */
    public static double b(List<MergedReflection> merged, UnitCell cell) {
        List<double[]> use = new ArrayList<>();
        double[] g = cell.reciprocalMetric();
        for (MergedReflection r : merged) {
            double s = UnitCell.oneOverDSquared(g, r.hkl().h(), r.hkl().k(), r.hkl().l());
            if (s >= 1 / (4.5 * 4.5)) use.add(new double[] {s, r.iMean()});
        }
        if (use.size() < 60) {
            use.clear();
            for (MergedReflection r : merged) use.add(new double[] {UnitCell.oneOverDSquared(g, r.hkl().h(), r.hkl().k(), r.hkl().l()), r.iMean()});
        }
        // Stable sort on s: ties keep the merged (ASU index) order, so the bins are reproducible.
        use.sort(Comparator.comparingDouble(x -> x[0]));
        int bins = Math.min(10, use.size() / 20);
        if (bins < 3) return Double.NaN;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * use.size() / bins), to = (int) ((long) (b + 1) * use.size() / bins);
            double mi = 0, ms = 0;
            for (int i = from; i < to; i++) {
                mi += use.get(i)[1];
                ms += use.get(i)[0];
            }
            mi /= to - from;
            ms /= to - from;
            if (!(mi > 0)) continue;
            double y = Math.log(mi);
            sx += ms;
            sy += y;
            sxx += ms * ms;
            sxy += ms * y;
            n++;
        }
        if (n < 3) return Double.NaN;
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return -2 * slope;
    }
}
