package org.mxflow.correct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.LatticeType;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.symmetry.SymOp;

/**
 * Space-group decision from the data (POINTLESS-like): every rotation of the lattice's holohedry
 * is scored by the correlation of normalised intensities (I/⟨I⟩ in resolution shells, so the
 * fall-off with resolution does not fake agreement) between reflections it relates; the Laue
 * group is the largest point group of the lattice whose rotations all agree (CC ≥ 0.5, or too
 * few pairs to tell: fewer than {@link #MIN_PAIRS} pairs in resolution shells with ⟨I/σ⟩ ≥ 2, as on
 * 5–10° wedges). An operator is only rejected when the data contradict it, so a small wedge keeps
 * the lattice's highest-symmetry Laue group as XDS does and KAMO's small-wedge merging decides the
 * common group later. A centred lattice always gets a group with its centring (C 1 2 1 for mC,
 * never P 1 on a C-centred cell): when even the lowest group of that centring is contradicted, it
 * is kept anyway and the summary says so, because the output has no primitive setting. Then the space group is the one of that point group whose systematic
 * absences of axial reflections (h00, 0k0, 00l) best match the merged I/σ. Orthorhombic
 * primitive data are tried in the three cyclic axis orders, so a 2₁ found along a or b is
 * reindexed to the standard setting.
 *
 * @param spaceGroup the chosen group (standard setting)
 * @param reindex    rows of the reindexing matrix: h' = R·h (identity when none)
 * @param cell       the cell in the new setting
 * @param operators  the score of each holohedry rotation
 * @param summary    a line for the log
 */
public record SymmetryDecision(SpaceGroup spaceGroup, int[][] reindex, UnitCell cell, List<OperatorScore> operators,
                               String summary) {

    /** One rotation: how many reflection pairs it relates and their CC. */
    public record OperatorScore(String triplet, int pairs, double cc, boolean accepted) {}

    static final double MIN_CC = 0.5;
    /**
     * Fewest pairs (both members in shells with ⟨I/σ⟩ ≥ 2) for the CC of an operator to count as
     * evidence against it. For n pairs of unrelated intensities the CC has e.s.d. ≈ 1/√(n−3)
     * (Fisher z); at n = 20 a false operator reaches CC ≥ 0.5 by chance at ≈ 2.3σ (≈ 1 %), and a
     * true one whose CC is ≈ 0.9 drops below 0.5 at ≈ 4σ. With fewer pairs a single outlier or
     * partial decides the CC, which is what made 10° wedges come out P 1, P 2 or P 4.
     */
    public static final int MIN_PAIRS = 20;

    public static SymmetryDecision decide(List<CorrectedObservation> obs, LatticeType lattice, UnitCell cell) {
        Map<MillerIndex, double[]> merged = mergedP1(obs);
        Map<MillerIndex, Double> norm = normalised(merged, cell);
        SpaceGroup holo = holohedry(lattice);
        List<OperatorScore> scores = new ArrayList<>();
        Map<String, Boolean> accepted = new HashMap<>();
        for (SymOp op : rotations(holo)) {
            if (op.equals(SymOp.identity())) continue;
            double[] x = new double[norm.size()], y = new double[norm.size()];
            int n = 0;
            for (Map.Entry<MillerIndex, Double> e : norm.entrySet()) {
                MillerIndex m = canonical(op.applyToHkl(e.getKey()));
                if (m.equals(e.getKey())) continue;
                Double v = norm.get(m);
                if (v == null || e.getKey().compareTo(m) > 0) continue; // each pair once
                x[n] = e.getValue();
                y[n] = v;
                n++;
            }
            double cc = Merging.pearson(x, y, n);
            boolean ok = n < MIN_PAIRS || cc >= MIN_CC;
            String t = rotationKey(op);
            scores.add(new OperatorScore(t, n, cc, ok));
            accepted.put(t, ok);
        }
        // candidate point groups: Sohncke groups in the standard setting with this centring whose
        // rotations all belong to the lattice's holohedry (its subgroups: 422, 4, 222, 2, 1 for tP)
        Set<String> holoOps = new java.util.HashSet<>();
        for (SymOp op : rotations(holo)) holoOps.add(rotationKey(op));
        List<SpaceGroup> allowed = new ArrayList<>();
        for (SpaceGroup sg : SpaceGroups.all()) {
            if (!sg.isStandardSetting() || !sg.isSohncke() || sg.centringLetter() != lattice.centring()) continue;
            boolean sub = true;
            for (SymOp op : rotations(sg)) sub &= holoOps.contains(rotationKey(op));
            if (sub) allowed.add(sg);
        }
        SpaceGroup bestPg = null;
        int bestOrder = 0;
        for (SpaceGroup sg : allowed) {
            boolean all = true;
            int order = 0;
            for (SymOp op : rotations(sg)) {
                if (op.equals(SymOp.identity())) { order++; continue; }
                Boolean ok = accepted.get(rotationKey(op));
                if (ok == null || !ok) { all = false; break; }
                order++;
            }
            if (all && order > bestOrder) { bestOrder = order; bestPg = sg; }
        }
        boolean contradicted = false;
        if (bestPg == null) {
            // not even the identity-only group of this centring exists (mC, oC, oI, tI, cF...): keep the
            // lowest-order group of the lattice's centring rather than a primitive group of another lattice
            contradicted = lattice.centring() != 'P';
            bestPg = allowed.stream().min(java.util.Comparator.comparingInt((SpaceGroup sg) -> rotations(sg).size())
                    .thenComparingInt(SpaceGroup::number)).orElse(SpaceGroups.byNumber(1));
        }
        var pg = bestPg.pointGroup();
        // space group by axial absences, over the cyclic axis orders for primitive orthorhombic
        int[][][] perms = lattice == LatticeType.oP && pg.laueClass() == holo.pointGroup().laueClass()
                ? new int[][][] {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}}
                : new int[][][] {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
        SpaceGroup best = null;
        int[][] bestPerm = perms[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        List<SpaceGroup> candidates = new ArrayList<>();
        for (SpaceGroup sg : allowed) if (sg.pointGroup() == pg) candidates.add(sg);
        for (int[][] perm : perms) {
            Map<MillerIndex, double[]> axial = new LinkedHashMap<>();
            for (Map.Entry<MillerIndex, double[]> e : merged.entrySet()) {
                MillerIndex m = apply(perm, e.getKey());
                int zeros = (m.h() == 0 ? 1 : 0) + (m.k() == 0 ? 1 : 0) + (m.l() == 0 ? 1 : 0);
                if (zeros == 2) axial.put(m, e.getValue());
            }
            for (SpaceGroup sg : candidates) {
                int absentOk = 0, violations = 0;
                for (Map.Entry<MillerIndex, double[]> e : axial.entrySet()) {
                    if (!sg.isSystematicallyAbsent(e.getKey())) continue;
                    double isig = e.getValue()[0] / e.getValue()[1];
                    if (isig >= 3) violations++; else absentOk++;
                }
                // every violation outweighs any number of agreeing absences; prefer the identity order on ties
                double score = absentOk - 1000.0 * violations - (perm == perms[0] ? 0 : 0.5);
                if (score > bestScore || (score == bestScore && sg.number() < best.number())) {
                    bestScore = score; best = sg; bestPerm = perm;
                }
            }
        }
        if (best == null) best = bestPg;
        UnitCell newCell = permutedCell(cell, bestPerm);
        long undecided = scores.stream().filter(s -> s.pairs() < MIN_PAIRS).count();
        String summary = String.format(Locale.ROOT, "Laue group %s from %d rotation scores (%d with fewer than %d pairs, kept); space group %s%s%s",
                pg.laueClass(), scores.size(), undecided, MIN_PAIRS, best.hermannMauguin(),
                bestPerm == perms[0] ? "" : " (axes reordered to the standard setting)",
                contradicted ? "; the data disagree even with the lowest group of the " + lattice + " lattice, kept for the centred cell" : "");
        return new SymmetryDecision(best, bestPerm, newCell, scores, summary);
    }

    /** Applies the reindexing to observations. */
    public List<CorrectedObservation> reindex(List<CorrectedObservation> obs) {
        List<CorrectedObservation> out = new ArrayList<>(obs.size());
        for (CorrectedObservation o : obs) {
            MillerIndex m = apply(reindex, new MillerIndex(o.h(), o.k(), o.l()));
            out.add(o.reindexed(m.h(), m.k(), m.l()));
        }
        return out;
    }

    static MillerIndex apply(int[][] r, MillerIndex m) {
        return new MillerIndex(r[0][0] * m.h() + r[0][1] * m.k() + r[0][2] * m.l(),
                r[1][0] * m.h() + r[1][1] * m.k() + r[1][2] * m.l(),
                r[2][0] * m.h() + r[2][1] * m.k() + r[2][2] * m.l());
    }

    private static UnitCell permutedCell(UnitCell c, int[][] perm) {
        double[] v = c.toArray();
        int[] idx = new int[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (perm[i][j] != 0) idx[i] = j;
        return new UnitCell(v[idx[0]], v[idx[1]], v[idx[2]], v[3 + idx[0]], v[3 + idx[1]], v[3 + idx[2]]);
    }

    /** Friedel-merged P1 means {I, σ} keyed by the larger of h and −h. */
    static Map<MillerIndex, double[]> mergedP1(List<CorrectedObservation> obs) {
        Map<MillerIndex, List<CorrectedObservation>> g = new java.util.TreeMap<>();
        for (CorrectedObservation o : obs) g.computeIfAbsent(canonical(new MillerIndex(o.h(), o.k(), o.l())), x -> new ArrayList<>()).add(o);
        Map<MillerIndex, double[]> out = new java.util.TreeMap<>();
        for (Map.Entry<MillerIndex, List<CorrectedObservation>> e : g.entrySet()) out.put(e.getKey(), Merging.weightedMean(e.getValue()));
        return out;
    }

    static MillerIndex canonical(MillerIndex m) {
        MillerIndex n = m.negate();
        return m.compareTo(n) >= 0 ? m : n;
    }

    /**
     * I/⟨I⟩ in twenty shells of equal count in 1/d², keeping only shells whose mean I/σ is at
     * least 2 (POINTLESS likewise cuts the resolution for scoring): noise-only shells would
     * otherwise drag every correlation towards zero.
     */
    private static Map<MillerIndex, Double> normalised(Map<MillerIndex, double[]> merged, UnitCell cell) {
        List<MillerIndex> keys = new ArrayList<>(merged.keySet());
        keys.sort((a, b) -> Double.compare(cell.oneOverDSquared(a.h(), a.k(), a.l()), cell.oneOverDSquared(b.h(), b.k(), b.l())));
        Map<MillerIndex, Double> out = new java.util.TreeMap<>();
        int nb = Math.max(1, Math.min(20, keys.size() / 20));
        for (int b = 0; b < nb; b++) {
            int from = b * keys.size() / nb, to = (b + 1) * keys.size() / nb;
            double mean = 0, isig = 0;
            for (int i = from; i < to; i++) {
                double[] v = merged.get(keys.get(i));
                mean += v[0];
                isig += v[0] / v[1];
            }
            mean /= Math.max(1, to - from);
            isig /= Math.max(1, to - from);
            if (isig < 2 || !(mean > 0)) continue;
            for (int i = from; i < to; i++) out.put(keys.get(i), merged.get(keys.get(i))[0] / mean);
        }
        return out;
    }

    private static List<SymOp> rotations(SpaceGroup sg) {
        Set<String> seen = new LinkedHashSet<>();
        List<SymOp> out = new ArrayList<>();
        for (SymOp op : sg.operations().symOps()) {
            if (op.determinant() < 0) continue;
            SymOp r = new SymOp(op.rotation(), new int[3]);
            if (seen.add(rotationKey(r))) out.add(r);
        }
        return out;
    }

    private static String rotationKey(SymOp op) {
        return new SymOp(op.rotation(), new int[3]).triplet();
    }

    static SpaceGroup holohedry(LatticeType t) {
        int n = switch (t) {
            case aP -> 2; case mP -> 10; case mC -> 12; case oP -> 47; case oC -> 65; case oI -> 71; case oF -> 69;
            case tP -> 123; case tI -> 139; case hR -> 166; case hP -> 191; case cP -> 221; case cI -> 229; case cF -> 225;
        };
        return SpaceGroups.byNumber(n);
    }
}
