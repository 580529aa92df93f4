package org.mxflow.correct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.LatticeType;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * SymmetryDecision on data with a known truth: intensities drawn from Wilson's acentric
 * distribution (exponential) per unique reflection of the true group, σ = 2 % of the mean, and
 * observations restricted to a region of reciprocal space, as a narrow wedge records it. An
 * operator with fewer than {@link SymmetryDecision#MIN_PAIRS} pairs must be kept (the lattice's
 * symmetry stands), one contradicted by many pairs must be dropped, and a C-centred lattice must
 * never come out primitive.
 */
class SymmetryDecisionSmallWedgeTest {

    static final UnitCell C2_CELL = new UnitCell(72.6, 58.1, 48.2, 90, 104.3, 90);
    static final UnitCell TP_CELL = new UnitCell(57.5, 57.5, 44.0, 90, 90, 90);

    /** Observations of all reflections to 2.5 Å passing {@code keep}, intensities constant over the true group's orbits. */
    static List<CorrectedObservation> observe(UnitCell cell, SpaceGroup truth, Predicate<MillerIndex> keep, long seed) {
        Random rnd = new Random(seed);
        Map<MillerIndex, Double> trueI = new HashMap<>();
        List<CorrectedObservation> out = new ArrayList<>();
        for (int h = -30; h <= 30; h++) for (int k = -30; k <= 30; k++) for (int l = -20; l <= 20; l++) {
            MillerIndex m = new MillerIndex(h, k, l);
            if (m.equals(new MillerIndex(0, 0, 0)) || !keep.test(m) || truth.isSystematicallyAbsent(m)) continue;
            double d = 1 / Math.sqrt(cell.oneOverDSquared(h, k, l));
            if (d < 2.5) continue;
            MillerIndex key = truth.reciprocalAsu().toAsu(m).hkl();
            double i = trueI.computeIfAbsent(key, x -> -1000 * Math.log(1 - rnd.nextDouble()));
            out.add(new CorrectedObservation(h, k, l, i, 20, 0, 0, 0, 1, 100, 100, 0, d, 0));
        }
        return out;
    }

    @Test
    void c2WithFewTwofoldPairsIsC121NeverP1() {
        // one octant h, k, l > 0: the 2-fold along b maps (h,k,l) to (−h,k,−l), whose Friedel mate (h,−k,l) is unobserved,
        // except 10 extra reflections (h,−2,3) carrying intensities unrelated to their mates (h,2,3) (CC is noise)
        SpaceGroup c2 = SpaceGroups.byNumber(5);
        List<CorrectedObservation> obs = new ArrayList<>(observe(C2_CELL, c2, m -> m.h() > 0 && m.k() > 0 && m.l() > 0, 1));
        Random rnd = new Random(2);
        int added = 0;
        for (int h = 2; added < 10; h += 2) {
            MillerIndex m = new MillerIndex(h, -2, 3);
            obs.add(new CorrectedObservation(m.h(), m.k(), m.l(), -1000 * Math.log(1 - rnd.nextDouble()), 20, 0, 0, 0, 1, 100, 100, 0,
                    1 / Math.sqrt(C2_CELL.oneOverDSquared(m.h(), m.k(), m.l())), 0));
            added++;
        }
        SymmetryDecision d = SymmetryDecision.decide(obs, LatticeType.mC, C2_CELL);
        assertThat(d.operators()).hasSize(1);
        assertThat(d.operators().get(0).pairs()).isLessThan(SymmetryDecision.MIN_PAIRS).isGreaterThan(0);
        assertThat(d.operators().get(0).accepted()).isTrue();
        assertThat(d.spaceGroup().number()).as(d.summary()).isEqualTo(5);
        assertThat(d.spaceGroup().hermannMauguin()).isEqualTo("C 1 2 1");
    }

    @Test
    void c2LatticeWhoseTwofoldTheDataContradictStaysCentred() {
        // truth P1 intensities on a C-centred cell (no relation between (h,k,l) and (−h,k,−l)): the 2-fold is rejected,
        // but the output cell is C-centred, so the group must still be C 1 2 1, with the disagreement in the summary
        SpaceGroup p1 = SpaceGroups.byNumber(1);
        List<CorrectedObservation> obs = observe(C2_CELL, p1, m -> (m.h() + m.k()) % 2 == 0, 3);
        SymmetryDecision d = SymmetryDecision.decide(obs, LatticeType.mC, C2_CELL);
        assertThat(d.operators().get(0).pairs()).isGreaterThanOrEqualTo(SymmetryDecision.MIN_PAIRS);
        assertThat(d.operators().get(0).accepted()).isFalse();
        assertThat(d.spaceGroup().number()).isEqualTo(5);
        assertThat(d.summary()).contains("disagree");
    }

    @Test
    void tetragonalWedgeWithoutTwofoldPairsKeeps422ButManyContradictingPairsGive4() {
        SpaceGroup p4 = SpaceGroups.byNumber(75);
        // the region h > k ≥ 0, l ≥ 1 holds no two reflections (or Friedel mates) related by a rotation of 4/mmm:
        // no operator can be judged, so the lattice's 422 stands
        List<CorrectedObservation> few = observe(TP_CELL, p4, m -> m.h() > m.k() && m.k() >= 0 && m.l() >= 1, 4);
        SymmetryDecision d = SymmetryDecision.decide(few, LatticeType.tP, TP_CELL);
        assertThat(d.operators()).allMatch(s -> s.pairs() < SymmetryDecision.MIN_PAIRS);
        assertThat(d.spaceGroup().pointGroup()).as(d.summary()).isEqualTo(SpaceGroups.byNumber(89).pointGroup());

        // the whole sphere of P4 data: the 4-fold agrees, the 2-folds along a, b and the diagonals are contradicted
        List<CorrectedObservation> all = observe(TP_CELL, p4, m -> true, 5);
        SymmetryDecision full = SymmetryDecision.decide(all, LatticeType.tP, TP_CELL);
        assertThat(full.operators()).allMatch(s -> s.pairs() >= SymmetryDecision.MIN_PAIRS);
        assertThat(full.spaceGroup().pointGroup()).as(full.summary()).isEqualTo(p4.pointGroup());
    }

    @Test
    void fourfoldContradictedByThirtyPairsKeeps422WhenTheDiagonalTwofoldsStronglyAgree() {
        // P4₃2₁2-like truth (intensities constant over 422 orbits) in the region h > k > 0, l ≥ 1, where no two
        // reflections are related by a rotation of 4/mmm. Added: the 2-fold mates along a (h,−k,−l) and along
        // the diagonal (k,h,−l) of 150 reflections each with their true intensities, and the 4-fold mates
        // (−k,h,l) of 30 others with unrelated intensities (overlaps, zingers): the 4-fold then has ≥ 20 pairs
        // with CC ≈ 0, which the old rule (every rotation CC ≥ 0.5) answered with P 2 2 2. But 2(a)·2(a+b) is
        // the 4-fold: the two strongly present 2-folds outweigh 30 bad pairs, so the Laue group is 4/mmm.
        SpaceGroup p43212 = SpaceGroups.byNumber(96);
        Random rnd = new Random(7);
        Map<MillerIndex, Double> trueI = new HashMap<>();
        List<CorrectedObservation> obs = new ArrayList<>();
        List<MillerIndex> region = new ArrayList<>();
        for (int h = 1; h <= 30; h++) for (int k = 1; k < h; k++) for (int l = 1; l <= 17; l++) {
            MillerIndex m = new MillerIndex(h, k, l);
            if (1 / Math.sqrt(TP_CELL.oneOverDSquared(h, k, l)) >= 2.5 && !p43212.isSystematicallyAbsent(m)) region.add(m);
        }
        java.util.Collections.shuffle(region, rnd);
        java.util.function.ToDoubleFunction<MillerIndex> truth = m ->
                trueI.computeIfAbsent(p43212.reciprocalAsu().toAsu(m).hkl(), x -> -1000 * Math.log(1 - rnd.nextDouble()));
        java.util.function.BiConsumer<MillerIndex, Double> add = (m, i) -> obs.add(new CorrectedObservation(m.h(), m.k(), m.l(), i, 20,
                0, 0, 0, 1, 100, 100, 0, 1 / Math.sqrt(TP_CELL.oneOverDSquared(m.h(), m.k(), m.l())), 0));
        for (MillerIndex m : region) add.accept(m, truth.applyAsDouble(m));
        for (int i = 0; i < 150; i++) {
            MillerIndex m = region.get(i);
            MillerIndex twofoldA = new MillerIndex(m.h(), -m.k(), -m.l());
            add.accept(twofoldA, truth.applyAsDouble(twofoldA));
        }
        for (int i = 150; i < 300; i++) {
            MillerIndex m = region.get(i);
            MillerIndex diagonal = new MillerIndex(m.k(), m.h(), -m.l());
            add.accept(diagonal, truth.applyAsDouble(diagonal));
        }
        for (int i = 300; i < 330; i++) {
            MillerIndex m = region.get(i);
            add.accept(new MillerIndex(-m.k(), m.h(), m.l()), -1000 * Math.log(1 - rnd.nextDouble()));
        }
        SymmetryDecision d = SymmetryDecision.decide(obs, LatticeType.tP, TP_CELL);
        SymmetryDecision.OperatorScore fourfold = d.operators().stream().filter(s -> s.triplet().equals("-y,x,z")
                || s.triplet().equals("y,-x,z")).findFirst().orElseThrow();
        assertThat(fourfold.pairs()).as(d.operators().toString()).isGreaterThanOrEqualTo(SymmetryDecision.MIN_PAIRS);
        assertThat(fourfold.cc()).isLessThan(0.5);
        assertThat(fourfold.accepted()).isFalse();
        assertThat(d.operators()).filteredOn(s -> s.pairs() >= 100).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.cc()).isGreaterThan(0.9));
        assertThat(d.spaceGroup().pointGroup()).as(d.summary()).isEqualTo(p43212.pointGroup());
        assertThat(d.summary()).contains("disagrees alone");
    }
}
