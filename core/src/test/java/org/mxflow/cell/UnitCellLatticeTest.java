package org.mxflow.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mxflow.symmetry.LatticeType;
import org.mxflow.symmetry.SpaceGroups;

class UnitCellLatticeTest {

    @Test
    void fractionalisationUndoesOrthogonalisation() {
        // the monoclinic C2 cell of ../shared/data/real/xds/CORRECT.LP
        UnitCell cell = new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90);
        double[] o = cell.orthogonalization(), f = cell.fractionalization();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += f[3 * i + k] * o[3 * k + j];
                }
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        // the fractional c axis (0,0,1) has Cartesian length c
        assertThat(Math.sqrt(o[2] * o[2] + o[5] * o[5] + o[8] * o[8])).isCloseTo(93.70, within(1e-9));
    }

    @Test
    void realCellsAreCompatibleOnlyWithTheirOwnAndLowerLattices() {
        // thaumatin cell of the real CORRECT sample (P 4 2 2) and the real C2 cell of CORRECT.LP
        UnitCell thaumatin = new UnitCell(57.967, 57.967, 150.137, 90, 90, 90);
        assertThat(thaumatin.isCompatibleWith(LatticeType.tP)).isTrue();
        assertThat(thaumatin.isCompatibleWith(SpaceGroups.byNumber(89).latticeType())).isTrue();
        assertThat(thaumatin.isCompatibleWith(LatticeType.oP)).isTrue();
        assertThat(thaumatin.isCompatibleWith(LatticeType.cP)).isFalse();
        assertThat(thaumatin.isCompatibleWith(LatticeType.hP)).isFalse();
        UnitCell c2 = new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90);
        assertThat(c2.isCompatibleWith(LatticeType.mC)).isTrue();
        assertThat(c2.isCompatibleWith(LatticeType.oC)).isFalse();
        assertThat(c2.isCompatibleWith(LatticeType.aP)).isTrue();
        // an R3 cell in hexagonal and in rhombohedral axes
        assertThat(new UnitCell(80, 80, 100, 90, 90, 120).isCompatibleWith(LatticeType.hR)).isTrue();
        assertThat(new UnitCell(60, 60, 60, 80, 80, 80).isCompatibleWith(LatticeType.hR)).isTrue();
        assertThat(new UnitCell(60, 60, 60, 80, 80, 80).isCompatibleWith(LatticeType.hP)).isFalse();
    }
}
