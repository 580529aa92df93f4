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
import org.mxflow.pointgroup.SpaceGroupDecision;
import org.mxflow.reflection.Observation;

/**
 * Space-group decision from one wedge's data, by core's POINTLESS-like
 * {@link SpaceGroupDecision} (the method the merge step uses): each symmetry element of the
 * lattice's holohedry (a rotation with its inverse) is scored by the CC of normalised intensities
 * (I/⟨I⟩ in resolution bins whose ⟨I/σ⟩ ≥ 2, so neither the fall-off nor noise-only shells decide)
 * between the reflections it relates, turned into a probability that it is present; every
 * subgroup of the holohedry is scored by the product of those probabilities, and the most likely
 * is the Laue group. An element with fewer than {@link #MIN_PAIRS} pairs is neutral (p = ½), so a
 * narrow wedge keeps the lattice's highest group as XDS does and KAMO's small-wedge merging
 * decides the common group later; one element that disagrees alone no longer throws out every
 * group that contains it (the hard per-operator CC ≥ 0.5 rule did, which gave P 1 2 1 or P 2 2 2
 * for P4₃2₁2 wedges). A centred lattice always gets a group with its centring (C 1 2 1 for mC,
 * never P 1 on a C-centred cell): when even that group is contradicted it is kept anyway and the
 * summary says so, because the output has no primitive setting. Then the space group is the one
 * of that point group whose systematic absences of axial reflections (h00, 0k0, 00l) best match
 * the merged I/σ. Orthorhombic primitive data are tried in the three cyclic axis orders, so a 2₁
 * found along a or b is reindexed to the standard setting.
 *
 * @param spaceGroup the chosen group (standard setting)
 * @param reindex    rows of the reindexing matrix: h' = R·h (identity when none)
 * @param cell       the cell in the new setting
 * @param operators  the score of each holohedry rotation
 * @param summary    a line for the log
 */
public record SymmetryDecision(SpaceGroup spaceGroup, int[][] reindex, UnitCell cell, List<OperatorScore> operators,
                               String summary) {

    /** One symmetry element (a rotation, with its inverse): how many reflection pairs it relates, their CC, and whether p ≥ ½. */
    public record OperatorScore(String triplet, int pairs, double cc, boolean accepted) {}

    /** Resolution bins of a wedge with a lower mean I/σ do not score symmetry elements. */
    static final double MIN_BIN_I_OVER_SIGMA = 2;
    /**
     * Fewest pairs (both members in bins with ⟨I/σ⟩ ≥ 2) for the CC of an element to count as
     * evidence at all. For n pairs of unrelated intensities the CC has e.s.d. ≈ 1/√(n−3)
     * (Fisher z); at n = 20 a false operator reaches CC ≥ 0.5 by chance at ≈ 2.3σ (≈ 1 %), and a
     * true one whose CC is ≈ 0.9 drops below 0.5 at ≈ 4σ. With fewer pairs a single outlier or
     * partial decides the CC, which is what made 10° wedges come out P 1, P 2 or P 4.
     */
    public static final int MIN_PAIRS = 20;

    public static SymmetryDecision decide(List<CorrectedObservation> obs, LatticeType lattice, UnitCell cell) {
        Map<MillerIndex, double[]> merged = mergedP1(obs);
        SpaceGroup holo = holohedry(lattice);
        // the lattice's point groups with their element probabilities, as the merge step decides them
        List<Observation> rows = new ArrayList<>(obs.size());
        for (CorrectedObservation o : obs) {
            rows.add(new Observation(new MillerIndex(o.h(), o.k(), o.l()), o.intensity(), o.sigma(), o.xPx(), o.yPx(), o.zFrame(),
                    o.rlp(), o.peakPct(), o.corrPct(), o.psiDeg()));
        }
        SpaceGroupDecision.Result laue = SpaceGroupDecision.decide(List.of(rows), cell, highestSohncke(lattice),
                new SpaceGroupDecision.Settings(MIN_BIN_I_OVER_SIGMA, MIN_PAIRS));
        List<OperatorScore> scores = new ArrayList<>();
        for (SpaceGroupDecision.ElementScore e : laue.elements()) {
            scores.add(new OperatorScore(new SymOp(e.rotation(), new int[3]).triplet(), e.pairs(), e.cc(), e.probability() >= 0.5));
        }
        // candidate space groups: Sohncke groups in the standard setting with this centring whose
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
        SpaceGroup bestPg = laue.laue().get(0).spaceGroup();
        // an element of the chosen group that the data contradict: only a centred lattice whose lowest
        // group is already chosen keeps one alone (C 1 2 1 for mC, never P 1 on a C-centred cell)
        Set<String> chosenOps = new java.util.HashSet<>();
        for (SymOp op : rotations(bestPg)) chosenOps.add(rotationKey(op));
        List<String> disagreeing = new ArrayList<>();
        for (OperatorScore sc : scores) if (!sc.accepted() && chosenOps.contains(sc.triplet())) disagreeing.add(sc.triplet());
        int lowestOrder = allowed.stream().mapToInt(sg -> rotations(sg).size()).min().orElse(1);
        boolean contradicted = !disagreeing.isEmpty() && lattice.centring() != 'P' && rotations(bestPg).size() == lowestOrder;
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
        String summary = String.format(Locale.ROOT, "Laue group %s (P %.3f) from %d symmetry elements (%d with fewer than %d pairs, neutral); space group %s%s%s",
                pg.laueClass(), laue.laue().get(0).probability(), scores.size(), undecided, MIN_PAIRS, best.hermannMauguin(),
                bestPerm == perms[0] ? "" : " (axes reordered to the standard setting)",
                contradicted ? "; the data disagree even with the lowest group of the " + lattice + " lattice, kept for the centred cell"
                        : disagreeing.isEmpty() ? "" : "; element " + String.join(", ", disagreeing)
                        + " disagrees alone, the group as a whole is more likely");
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

    /** The lattice's highest Sohncke group (the holohedry's proper rotations with its centring), standard setting. */
    static SpaceGroup highestSohncke(LatticeType t) {
        int n = switch (t) {
            case aP -> 1; case mP -> 3; case mC -> 5; case oP -> 16; case oC -> 21; case oI -> 23; case oF -> 22;
            case tP -> 89; case tI -> 97; case hR -> 155; case hP -> 177; case cP -> 207; case cI -> 211; case cF -> 209;
        };
        return SpaceGroups.byNumber(n);
    }

    static SpaceGroup holohedry(LatticeType t) {
        int n = switch (t) {
            case aP -> 2; case mP -> 10; case mC -> 12; case oP -> 47; case oC -> 65; case oI -> 71; case oF -> 69;
            case tP -> 123; case tI -> 139; case hR -> 166; case hP -> 191; case cP -> 221; case cI -> 229; case cF -> 225;
        };
        return SpaceGroups.byNumber(n);
    }
}
