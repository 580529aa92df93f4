package org.mxflow.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * KAMO's pre-merge estimate of a cluster's completeness and redundancy from Miller indices
 * only (kamo-conventions 4.9): the members' indices pooled (rejected observations included),
 * cut at d_min with the members' median cell, mapped to the asymmetric unit of the common
 * space group; completeness against the complete set from infinity to the highest-resolution
 * index present; redundancy = observations per distinct unique reflection. Computed with
 * Friedel mates merged and separate.
 */
public final class ClusterCompleteness {

    private ClusterCompleteness() {}

    /**
     * @param completenessPercent          Cmpl (%)
     * @param redundancy                   Redun
     * @param anomalousCompletenessPercent ACmpl (%), Friedel mates separate
     * @param anomalousRedundancy          ARedun
     */
    public record Estimate(double completenessPercent, double redundancy,
                           double anomalousCompletenessPercent, double anomalousRedundancy) {}

    /** Median of each cell parameter over the cells (numpy.median: mean of the middle two for even n). */
    public static UnitCell medianCell(List<UnitCell> cells) {
        double[] p = new double[6];
        for (int k = 0; k < 6; k++) {
            double[] v = new double[cells.size()];
            for (int i = 0; i < v.length; i++) v[i] = cells.get(i).toArray()[k];
            Arrays.sort(v);
            int n = v.length;
            p[k] = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        }
        return new UnitCell(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /**
     * Estimates Cmpl/Redun of the pooled indices of a cluster's members.
     *
     * @param memberIndices every observation's index of every member (as read, any setting equivalent)
     * @param memberCells   the members' cells (their median is used)
     * @param group         the common space group
     * @param dMinA         the run's d_min (Å)
     */
    public static Estimate estimate(List<List<MillerIndex>> memberIndices, List<UnitCell> memberCells,
                                    SpaceGroup group, double dMinA) {
        UnitCell cell = medianCell(memberCells);
        ReciprocalAsu asu = group.reciprocalAsu();
        double sLimit = 1 / (dMinA * dMinA) * (1 + 1e-9);
        Map<MillerIndex, Integer> merged = new HashMap<>(), separate = new HashMap<>();
        double sMax = 0;
        long total = 0;
        double[] g = cell.reciprocalMetric();
        for (List<MillerIndex> indices : memberIndices) {
            for (MillerIndex h : indices) {
                if (h.isOrigin()) continue;
                double s = UnitCell.oneOverDSquared(g, h.h(), h.k(), h.l());
                if (s > sLimit) continue;
                sMax = Math.max(sMax, s);
                AsuIndex a = asu.toAsu(h);
                merged.merge(a.hkl(), 1, Integer::sum);
                separate.merge(anomalousKey(a, group), 1, Integer::sum);
                total++;
            }
        }
        if (total == 0) {
            return new Estimate(0, 0, 0, 0);
        }
        long[] complete = completeSetSize(cell, group, asu, sMax);
        return new Estimate(100.0 * merged.size() / complete[0], (double) total / merged.size(),
                100.0 * separate.size() / complete[1], (double) total / separate.size());
    }

    /** Friedel mates separate: a flipped acentric reflection keys as the negated ASU index. */
    private static MillerIndex anomalousKey(AsuIndex a, SpaceGroup group) {
        return a.friedelFlipped() && !group.isCentric(a.hkl()) ? a.hkl().negate() : a.hkl();
    }

    /**
     * Sizes of the complete set (no absences, no 000) to s = 1/d² ≤ sMax: {Friedel mates merged,
     * separate}.
     */
    static long[] completeSetSize(UnitCell cell, SpaceGroup group, ReciprocalAsu asu, double sMax) {
        double limit = sMax * (1 + 1e-9);
        double dStar = Math.sqrt(limit);
        int hm = (int) Math.ceil(dStar * cell.a()), km = (int) Math.ceil(dStar * cell.b()), lm = (int) Math.ceil(dStar * cell.c());
        long merged = 0, separate = 0;
        double[] g = cell.reciprocalMetric();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (!asu.isInAsu(m) || UnitCell.oneOverDSquared(g, h, k, l) > limit || group.isSystematicallyAbsent(m)) continue;
                    merged++;
                    separate += group.isCentric(m) ? 1 : 2;
                }
            }
        }
        return new long[] {merged, separate};
    }
}
