package org.mxflow.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.Vec3;

/**
 * The 44-character table checked end to end: a conventional cell of known Bravais type is
 * turned into a skewed primitive basis, Niggli-reduced, and must come back as the same Bravais
 * lattice with the same conventional cell (edges and volume), as geometry dictates.
 */
class LatticeCharacterTest {

    static final Mat3 C_PRIM = new Mat3(0.5, 0.5, 0, -0.5, 0.5, 0, 0, 0, 1);
    static final Mat3 I_PRIM = new Mat3(-0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5);
    static final Mat3 F_PRIM = new Mat3(0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0);
    static final Mat3 R_PRIM = new Mat3(2 / 3.0, 1 / 3.0, 1 / 3.0, -1 / 3.0, 1 / 3.0, 1 / 3.0, -1 / 3.0, -2 / 3.0, 1 / 3.0);
    // an arbitrary unimodular change of basis so the reduction has work to do
    static final Mat3 SKEW = new Mat3(1, 1, 0, 0, 1, 0, 1, 2, 1);

    static int centringMultiplicity(BravaisLattice b) {
        return switch (b) { case mC, oC, oI, tI, cI -> 2; case oF, cF -> 4; case hR -> 3; default -> 1; };
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} {5} {6}")
    @CsvSource({
            "aP, 51.0, 62.0, 73.0, 77.0, 83.0, 101.0",
            "mP, 45.0, 66.0, 80.0, 90, 104.0, 90",
            "mC, 88.68, 82.26, 93.70, 90, 108.65, 90",
            "mC, 120.0, 40.0, 60.0, 90, 95.0, 90",
            "oP, 78.0, 95.0, 103.0, 90, 90, 90",
            "oC, 60.0, 140.0, 45.0, 90, 90, 90",
            "oC, 100.0, 40.0, 70.0, 90, 90, 90",
            "oI, 50.0, 70.0, 90.0, 90, 90, 90",
            "oF, 60.0, 80.0, 110.0, 90, 90, 90",
            "tP, 79.1, 79.1, 37.9, 90, 90, 90",
            "tP, 42.2, 42.2, 39.68, 90, 90, 90",
            "tP, 40.0, 40.0, 90.0, 90, 90, 90",
            "tI, 50.0, 50.0, 80.0, 90, 90, 90",
            "tI, 80.0, 80.0, 40.0, 90, 90, 90",
            "hP, 66.0, 66.0, 80.0, 90, 90, 120",
            "hP, 90.0, 90.0, 40.0, 90, 90, 120",
            "hR, 58.37, 58.37, 155.94, 90, 90, 120",
            "hR, 100.0, 100.0, 40.0, 90, 90, 120",
            "cP, 50.0, 50.0, 50.0, 90, 90, 90",
            "cI, 78.0, 78.0, 78.0, 90, 90, 90",
            "cF, 120.0, 120.0, 120.0, 90, 90, 90",
    })
    void primitiveSettingOfAConventionalCellIsReducedAndRecognised(String bravais, double a, double b, double c,
                                                                  double al, double be, double ga) {
        BravaisLattice expected = BravaisLattice.valueOf(bravais);
        UnitCell conv = new UnitCell(a, b, c, al, be, ga);
        Mat3 u = Mat3.rotation(new Vec3(0.2, 0.9, -0.4).normalized(), 0.9);
        CrystalModel conventional = CrystalModel.of(conv, u);
        Mat3 toPrim = switch (expected) {
            case mC, oC -> C_PRIM;
            case oI, tI, cI -> I_PRIM;
            case oF, cF -> F_PRIM;
            case hR -> R_PRIM;
            default -> Mat3.IDENTITY;
        };
        CrystalModel primitive = conventional.transformed(SKEW.times(toPrim));
        ReducedCell reduced = ReducedCell.of(primitive);
        assertThat(reduced.cell().volume()).isCloseTo(conv.volume() / centringMultiplicity(expected), within(conv.volume() * 1e-9));
        List<LatticeCharacterFit> fits = LatticeCharacterFit.all(reduced);
        LatticeCharacterFit chosen = LatticeCharacterFit.choose(fits, 1.0);
        assertThat(chosen.lattice()).as("chosen character %d", chosen.character().number()).isEqualTo(expected);
        assertThat(chosen.penalty()).isLessThan(1e-6);
        UnitCell got = chosen.conventionalCell();
        assertThat(got.volume()).isCloseTo(conv.volume(), within(conv.volume() * 1e-6));
        double[] ge = {got.a(), got.b(), got.c()}, ce = {a, b, c};
        Arrays.sort(ge);
        Arrays.sort(ce);
        for (int i = 0; i < 3; i++) {
            if (expected != BravaisLattice.mC && expected != BravaisLattice.aP)
                assertThat(ge[i]).isCloseTo(ce[i], within(1e-6 * ce[i]));
        }
        // the conventional cell has the lattice's metric symmetry
        switch (expected.family()) {
            case 'm' -> { assertThat(got.alpha()).isCloseTo(90, within(1e-6)); assertThat(got.gamma()).isCloseTo(90, within(1e-6)); }
            case 'o', 't', 'c' -> {
                assertThat(got.alpha()).isCloseTo(90, within(1e-6));
                assertThat(got.beta()).isCloseTo(90, within(1e-6));
                assertThat(got.gamma()).isCloseTo(90, within(1e-6));
            }
            case 'h' -> { assertThat(got.a()).isCloseTo(got.b(), within(1e-6)); assertThat(got.gamma()).isCloseTo(120, within(1e-6)); }
            default -> { }
        }
        if (expected.family() == 't') assertThat(got.a()).isCloseTo(got.b(), within(1e-6));
        if (expected == BravaisLattice.mC) assertThat(got.b()).isCloseTo(b, within(1e-6 * b));
    }

    @Test
    void everyCharacterNumberFrom1To44AppearsOnce() {
        Set<Integer> seen = new HashSet<>();
        for (LatticeCharacter ch : LatticeCharacter.ALL) {
            assertThat(seen.add(ch.number())).isTrue();
            // transformations keep the lattice: |det| is the centring multiplicity (1, 2, 3 or 4)
            double det = Math.abs(ch.transformation().determinant());
            assertThat(det).isIn(1.0, 2.0, 3.0, 4.0);
        }
        assertThat(seen).hasSize(44);
    }

    @Test
    void nearlyTetragonalCellIsTetragonalButAMonoclinicOneIsNot() {
        // β = 91.5° is a real monoclinic cell: its tP/oP penalties exceed the 1° acceptance.
        CrystalModel mono = CrystalModel.of(new UnitCell(50, 50, 70, 90, 91.5, 90), Mat3.IDENTITY);
        LatticeCharacterFit m = LatticeCharacterFit.choose(LatticeCharacterFit.all(ReducedCell.of(mono)), 1.0);
        assertThat(m.lattice().family()).isEqualTo('m');
        CrystalModel tet = CrystalModel.of(new UnitCell(50.1, 49.9, 70, 90.2, 89.9, 90.1), Mat3.IDENTITY);
        LatticeCharacterFit t = LatticeCharacterFit.choose(LatticeCharacterFit.all(ReducedCell.of(tet)), 1.0);
        assertThat(t.lattice()).isEqualTo(BravaisLattice.tP);
        assertThat(t.penalty()).isBetween(0.05, 1.0);
    }
}
