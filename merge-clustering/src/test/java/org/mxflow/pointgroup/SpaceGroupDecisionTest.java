package org.mxflow.pointgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.ReindexOperator;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Simulated wedges with known truth: intensities with the symmetry of the true space group
 * (Wilson-distributed over its asymmetric unit, systematic absences recorded as zero intensity
 * plus noise, as a detector sees them), 10° each at random orientations, scale 0.3–1.2, B 0–6 Å².
 */
class SpaceGroupDecisionTest {

    /** Truth over the ASU of {@code symmorphic} (same Laue class), zero where {@code trueGroup} has absences. */
    static Map<MillerIndex, Double> truth(SpaceGroup symmorphic, SpaceGroup trueGroup, UnitCell cell, double dMin) {
        Map<MillerIndex, Double> t = new HashMap<>(SimulatedWedges.truth(symmorphic, cell, dMin, 20, 3));
        t.replaceAll((h, v) -> trueGroup.isSystematicallyAbsent(h) ? 0.0 : v);
        return t;
    }

    static List<List<Observation>> wedges(Map<MillerIndex, Double> truth, SpaceGroup symmorphic, UnitCell cell, int n, double dMin) {
        Random r = new Random(11);
        List<List<Observation>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(),
                    6 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), 500 + i);
            out.add(SimulatedWedges.wedge(truth, symmorphic, w, dMin, 1.0).observations());
        }
        return out;
    }

    @Test
    void p43212WedgesLabelledP422ComeOutAsTheEnantiomorphPair() {
        SpaceGroup p422 = SpaceGroups.byNumber(89), p43212 = SpaceGroups.byNumber(96);
        UnitCell cell = new UnitCell(79, 79, 38, 90, 90, 90);
        var data = wedges(truth(p422, p43212, cell, 2.5), p422, cell, 8, 2.5);
        SpaceGroupDecision.Result r = SpaceGroupDecision.decide(data, cell, p422);
        // Intensities cannot tell P41 21 2 (92) from P43 21 2 (96): same absences (h00 h odd, 00l l ≠ 4n)
        assertThat(r.enantiomorphs()).extracting(SpaceGroup::number).containsExactly(92, 96);
        assertThat(r.spaceGroup().number()).isEqualTo(92);
        assertThat(r.laue().get(0).spaceGroup().pointGroup().symbol()).isEqualTo("422");
        assertThat(r.elements()).hasSize(6); // 4(c) with its inverse, 2(c), 2(a), 2(b), 2(a+b), 2(a−b)
        assertThat(r.elements()).allSatisfy(e -> assertThat(e.probability()).isGreaterThan(0.95));
    }

    @Test
    void p212121WedgesLabelledP222ComeOutP212121() {
        SpaceGroup p222 = SpaceGroups.byNumber(16), p212121 = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        var data = wedges(truth(p222, p212121, cell, 3.0), p222, cell, 6, 3.0);
        SpaceGroupDecision.Result r = SpaceGroupDecision.decide(data, cell, p222);
        assertThat(r.spaceGroup().number()).isEqualTo(19);
        assertThat(r.enantiomorphs()).hasSize(1);
    }

    @Test
    void p4WedgesAreNotPromotedTo422() {
        // Truth with only the 4-fold: over the P4 ASU, so the 2-folds along a, b and the diagonals relate
        // independent intensities (CC ≈ 0).
        SpaceGroup p4 = SpaceGroups.byNumber(75), p422 = SpaceGroups.byNumber(89);
        UnitCell cell = new UnitCell(79, 79, 38, 90, 90, 90);
        var data = wedges(truth(p4, p4, cell, 2.5), p4, cell, 8, 2.5);
        SpaceGroupDecision.Result r = SpaceGroupDecision.decide(data, cell, p422);
        assertThat(r.spaceGroup().pointGroup().symbol()).isEqualTo("4");
    }

    @Test
    void c2StaysC2EvenWhenOfferedC222() {
        SpaceGroup c2 = SpaceGroups.byNumber(5), c222 = SpaceGroups.byNumber(21);
        UnitCell cell = new UnitCell(100, 50, 60, 90, 105, 90);
        var data = wedges(truth(c2, c2, cell, 3.0), c2, cell, 6, 3.0);
        SpaceGroupDecision.Result r = SpaceGroupDecision.decide(data, cell, c222);
        assertThat(r.spaceGroup().number()).isEqualTo(5);
    }
}
