package org.mxflow.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Merges unmerged observations into unique reflections of a space group by inverse-variance
 * weighted means (XDS, XSCALE and cctbx {@code merge_equivalents(use_internal_variance=False)}).
 * Observations with σ ≤ 0 (XDS misfits) and systematically absent reflections are left out.
 * The result is sorted by ASU index, so it does not depend on input order or thread count
 * beyond floating-point summation order, which follows input order.
 */
public final class EquivalentsMerger {

    private EquivalentsMerger() {}

    /** An observation mapped to the ASU: index, parity (true = I(−)), intensity and σ. */
    record Mapped(MillerIndex hkl, boolean minus, double intensity, double sigma, int order) {}

    /** Maps observations with σ > 0 to the ASU, dropping systematic absences. */
    static List<Mapped> toAsu(List<Observation> observations, SpaceGroup sg) {
        ReciprocalAsu asu = sg.reciprocalAsu();
        List<Mapped> out = new ArrayList<>(observations.size());
        int i = 0;
        for (Observation o : observations) {
            i++;
            if (!(o.sigma() > 0) || Double.isNaN(o.intensity()) || o.hkl().isOrigin()) {
                continue;
            }
            AsuIndex a = asu.toAsu(o.hkl());
            if (sg.isSystematicallyAbsent(a.hkl())) {
                continue;
            }
            boolean minus = a.friedelFlipped() && !sg.isCentric(a.hkl());
            out.add(new Mapped(a.hkl(), minus, o.intensity(), o.sigma(), i));
        }
        return out;
    }

    /** Merged reflections, sorted by ASU index. */
    public static List<MergedReflection> merge(List<Observation> observations, SpaceGroup sg) {
        TreeMap<MillerIndex, double[]> sums = new TreeMap<>();
        for (Mapped m : toAsu(observations, sg)) {
            // all: Σw, ΣwI, n; plus: Σw, ΣwI, n; minus: Σw, ΣwI, n
            double[] s = sums.computeIfAbsent(m.hkl(), k -> new double[9]);
            double w = 1 / (m.sigma() * m.sigma());
            int base = m.minus() ? 6 : 3;
            s[0] += w;
            s[1] += w * m.intensity();
            s[2] += 1;
            s[base] += w;
            s[base + 1] += w * m.intensity();
            s[base + 2] += 1;
        }
        List<MergedReflection> out = new ArrayList<>(sums.size());
        sums.forEach((h, s) -> out.add(new MergedReflection(h, s[1] / s[0], 1 / Math.sqrt(s[0]), (int) s[2],
                mean(s, 3), sig(s, 3), (int) s[5], mean(s, 6), sig(s, 6), (int) s[8], sg.isCentric(h))));
        return out;
    }

    private static double mean(double[] s, int b) {
        return s[b + 2] == 0 ? Double.NaN : s[b + 1] / s[b];
    }

    private static double sig(double[] s, int b) {
        return s[b + 2] == 0 ? Double.NaN : 1 / Math.sqrt(s[b]);
    }
}
