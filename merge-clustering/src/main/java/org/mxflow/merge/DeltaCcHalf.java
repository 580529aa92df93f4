package org.mxflow.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.ScaledObservation;

/**
 * KAMO's optional {@code delta_cc1/2} bad-dataset rejection (kamo-conventions 4.10.3, off by default):
 * repeatedly leave each remaining dataset out, and remove the one whose omission gives the highest
 * CC½ if {@code CC½_new · N_unique_new > CC½_old · N_unique_old}; stop otherwise. The product keeps a
 * dataset that costs CC½ but adds enough unique reflections. KAMO rescales with XSCALE for every
 * trial; here the trials reuse one scaling (the datasets' scales do not depend much on one
 * member), which makes the n² trials cheap. CC½ is the total-shell {@link CcHalf} of the accepted
 * observations; N_unique counts their distinct ASU indices.
 */
public final class DeltaCcHalf {

    /** At least this many datasets stay (CC½ of fewer is meaningless for a rejection). */
    public static final int MIN_REMAINING = 3;

    private DeltaCcHalf() {}

    /**
     * One removal.
     *
     * @param dataset      the removed dataset (index in the scaling)
     * @param ccHalfBefore CC½ (fraction) with it
     * @param uniqueBefore unique reflections with it
     * @param ccHalfAfter  CC½ without it
     * @param uniqueAfter  unique reflections without it
     */
    public record Removal(int dataset, double ccHalfBefore, int uniqueBefore, double ccHalfAfter, int uniqueAfter) {}

    /**
     * The datasets to remove, in removal order.
     *
     * @param observations scaled observations of one run (rejected ones are ignored)
     * @param keep         datasets never removed (a reference file), may be empty
     * @param seed         seed of CC½'s random half split
     */
    public static List<Removal> reject(List<ScaledObservation> observations, Set<Integer> keep, long seed) {
        TreeSet<Integer> remaining = new TreeSet<>();
        for (ScaledObservation o : observations) if (!o.rejected()) remaining.add(o.dataset());
        List<Removal> out = new ArrayList<>();
        double cc = ccHalf(observations, remaining, seed);
        int n = unique(observations, remaining);
        while (remaining.size() > MIN_REMAINING) {
            int best = -1;
            double bestCc = Double.NEGATIVE_INFINITY;
            int bestN = 0;
            for (int d : remaining) {
                if (keep.contains(d)) continue;
                TreeSet<Integer> trial = new TreeSet<>(remaining);
                trial.remove(d);
                double c = ccHalf(observations, trial, seed);
                if (c > bestCc) {
                    bestCc = c;
                    best = d;
                    bestN = unique(observations, trial);
                }
            }
            if (best < 0 || !(bestCc * bestN > cc * n)) break;
            out.add(new Removal(best, cc, n, bestCc, bestN));
            remaining.remove(best);
            cc = bestCc;
            n = bestN;
        }
        return out;
    }

    static double ccHalf(List<ScaledObservation> observations, Set<Integer> datasets, long seed) {
        List<IntensityObservation> io = new ArrayList<>();
        for (ScaledObservation o : observations) {
            if (!o.rejected() && datasets.contains(o.dataset())) io.add(new IntensityObservation(o.asu(), o.intensity(), o.sigma()));
        }
        return CcHalf.of(io, seed);
    }

    static int unique(List<ScaledObservation> observations, Set<Integer> datasets) {
        Set<MillerIndex> u = new HashSet<>();
        for (ScaledObservation o : observations) if (!o.rejected() && datasets.contains(o.dataset())) u.add(o.asu());
        return u.size();
    }
}
