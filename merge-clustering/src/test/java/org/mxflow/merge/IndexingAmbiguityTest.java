package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class IndexingAmbiguityTest {

    private static List<ReindexOperator> alt(int sg, UnitCell cell) {
        return IndexingAmbiguity.alternatives(SpaceGroups.byNumber(sg), cell, IndexingAmbiguity.MAX_DELTA_DEG);
    }

    @Test
    void numberOfIndexingChoicesIsTheIndexOfTheGroupInItsLatticeSymmetry() {
        // Merohedral ambiguities (e.g. the CCP4 / Brehm & Diederichs 2014 tables): P4 2 (k,h,-l);
        // P3 4; P321, P312, P6, R3 (hexagonal axes) 2; P4212, P622, P23 1 ... P213 2; C2 with the
        // real CORRECT.LP cell 1 (no pseudo-symmetry within 5°).
        UnitCell tet = new UnitCell(60, 60, 45, 90, 90, 90), hex = new UnitCell(80, 80, 50, 90, 90, 120);
        UnitCell cub = new UnitCell(100, 100, 100, 90, 90, 90);
        assertThat(alt(75, tet)).hasSize(2);
        assertThat(alt(90, tet)).hasSize(1);
        assertThat(alt(143, hex)).hasSize(4);
        assertThat(alt(150, hex)).hasSize(2);
        assertThat(alt(149, hex)).hasSize(2);
        assertThat(alt(168, hex)).hasSize(2);
        assertThat(alt(177, hex)).hasSize(1);
        assertThat(alt(146, new UnitCell(110, 110, 60, 90, 90, 120))).hasSize(2);
        assertThat(alt(195, cub)).hasSize(2);
        assertThat(alt(207, cub)).hasSize(1);
        assertThat(alt(5, new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90))).hasSize(1);
        // Pseudo-merohedry: P222 with a and b within 1 %: 2; clearly different axes: 1.
        assertThat(alt(16, new UnitCell(60, 60.5, 45, 90, 90, 90))).hasSize(2);
        assertThat(alt(16, new UnitCell(50, 60, 70, 90, 90, 90))).hasSize(1);
        assertThat(alt(75, tet).get(0).isIdentity()).isTrue();
    }

    @Test
    void p4AlternativeIsEquivalentToKHMinusL() {
        SpaceGroup p4 = SpaceGroups.byNumber(75);
        ReindexOperator op = alt(75, new UnitCell(60, 60, 45, 90, 90, 90)).get(1);
        ReciprocalAsu asu = p4.reciprocalAsu();
        for (MillerIndex h : List.of(new MillerIndex(1, 2, 3), new MillerIndex(5, -2, 7), new MillerIndex(3, 1, -4))) {
            assertThat(asu.toAsu(op.apply(h)).hkl()).isEqualTo(asu.toAsu(new MillerIndex(h.k(), h.h(), -h.l())).hkl());
        }
        assertThat(new ReindexOperator(new int[] {0, 1, 0, 1, 0, 0, 0, 0, -1}).toString()).isEqualTo("k,h,-l");
        assertThat(new ReindexOperator(new int[] {-1, -1, 0, 0, 1, 0, 0, 0, -1}).toString()).isEqualTo("-h-k,k,-l");
    }

    /** Simulated datasets: random exponential truth on the ASU, 70 % subsets, 10 % noise, each indexed by a chosen operator. */
    private static List<Map<MillerIndex, MergedIntensity>> simulate(SpaceGroup sg, UnitCell cell, List<ReindexOperator> truthOps,
                                                                    Random rnd) {
        ReciprocalAsu asu = sg.reciprocalAsu();
        Map<MillerIndex, Double> truth = new HashMap<>();
        for (int h = -25; h <= 25; h++) for (int k = -25; k <= 25; k++) for (int l = -16; l <= 16; l++) {
            if ((h != 0 || k != 0 || l != 0) && cell.dSpacing(h, k, l) >= 3.0 && !sg.isSystematicallyAbsent(new MillerIndex(h, k, l))) {
                truth.computeIfAbsent(asu.toAsu(new MillerIndex(h, k, l)).hkl(), x -> -1000 * Math.log(1 - rnd.nextDouble()));
            }
        }
        List<MillerIndex> keys = new ArrayList<>(truth.keySet());
        keys.sort(null);
        List<Map<MillerIndex, MergedIntensity>> out = new ArrayList<>();
        for (ReindexOperator op : truthOps) {
            Map<MillerIndex, MergedIntensity> d = new HashMap<>();
            for (MillerIndex h : keys) {
                if (rnd.nextDouble() < 0.7) {
                    double i = truth.get(h) * (1 + 0.1 * rnd.nextGaussian()) + 20 * rnd.nextGaussian();
                    d.put(asu.toAsu(op.apply(h)).hkl(), new MergedIntensity(i, 20, 1));
                }
            }
            out.add(d);
        }
        return out;
    }

    /** Consistent: found∘applied is the same indexing for every dataset (compared on test reflections). */
    private static void assertConsistent(SpaceGroup sg, List<ReindexOperator> applied, List<ReindexOperator> ops, int[] found) {
        ReciprocalAsu asu = sg.reciprocalAsu();
        for (MillerIndex h : List.of(new MillerIndex(1, 2, 3), new MillerIndex(4, -1, 2), new MillerIndex(2, 5, -1))) {
            MillerIndex first = asu.toAsu(ops.get(found[0]).after(applied.get(0)).apply(h)).hkl();
            for (int i = 1; i < found.length; i++) {
                assertThat(asu.toAsu(ops.get(found[i]).after(applied.get(i)).apply(h)).hkl()).as("dataset " + i).isEqualTo(first);
            }
        }
    }

    @Test
    void selectiveBreedingRestoresAConsistentSettingWhenHalfOfP4DatasetsAreFlipped() {
        SpaceGroup p4 = SpaceGroups.byNumber(75);
        UnitCell cell = new UnitCell(60, 60, 45, 90, 90, 90);
        List<ReindexOperator> ops = alt(75, cell);
        Random rnd = new Random(3);
        List<ReindexOperator> applied = new ArrayList<>();
        for (int i = 0; i < 10; i++) applied.add(i % 2 == 0 ? ReindexOperator.identity() : ops.get(1));
        List<Map<MillerIndex, MergedIntensity>> data = simulate(p4, cell, applied, rnd);
        IndexingAmbiguity.Assignment a = IndexingAmbiguity.selectiveBreeding(data, ops, p4.reciprocalAsu());
        assertThat(a.converged()).isTrue();
        assertConsistent(p4, applied, ops, a.operators());
        // Exactly the flipped half is changed back, or exactly the other half: 5 of 10 change either way.
        assertThat(java.util.Arrays.stream(a.operators()).filter(x -> x != 0).count()).isEqualTo(5);
        // With a reference in the original setting, every flipped dataset is flipped back.
        Map<MillerIndex, MergedIntensity> reference = simulate(p4, cell, List.of(ReindexOperator.identity()), new Random(3)).get(0);
        int[] byRef = IndexingAmbiguity.againstReference(data, reference, ops, p4.reciprocalAsu());
        assertThat(byRef).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    }

    @Test
    void selectiveBreedingResolvesTheFourfoldP3Ambiguity() {
        SpaceGroup p3 = SpaceGroups.byNumber(143);
        UnitCell cell = new UnitCell(80, 80, 50, 90, 90, 120);
        List<ReindexOperator> ops = alt(143, cell);
        assertThat(ops).hasSize(4);
        Random rnd = new Random(5);
        List<ReindexOperator> applied = new ArrayList<>();
        for (int i = 0; i < 8; i++) applied.add(ops.get(i % 4));
        List<Map<MillerIndex, MergedIntensity>> data = simulate(p3, cell, applied, rnd);
        IndexingAmbiguity.Assignment a = IndexingAmbiguity.selectiveBreeding(data, ops, p3.reciprocalAsu());
        assertThat(a.converged()).isTrue();
        assertConsistent(p3, applied, ops, a.operators());
    }

    @Test
    void datasetsWithFewerThanTwoReflectionsAreDropped() {
        SpaceGroup p4 = SpaceGroups.byNumber(75);
        UnitCell cell = new UnitCell(60, 60, 45, 90, 90, 90);
        List<ReindexOperator> ops = alt(75, cell);
        List<Map<MillerIndex, MergedIntensity>> data = new ArrayList<>(simulate(p4, cell,
                List.of(ReindexOperator.identity(), ops.get(1), ReindexOperator.identity()), new Random(9)));
        data.add(1, Map.of(new MillerIndex(1, 2, 3), new MergedIntensity(5, 1, 1)));
        IndexingAmbiguity.Assignment a = IndexingAmbiguity.selectiveBreeding(data, ops, p4.reciprocalAsu());
        assertThat(a.dropped()).containsExactly(1);
        // Of the three real datasets the flipped one (index 2) ends up opposite to the other two.
        assertThat(a.operators()[0]).isEqualTo(a.operators()[3]);
        assertThat(a.operators()[2]).isNotEqualTo(a.operators()[0]);
    }
}
