package org.mxflow.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.reflection.MillerIndex;

/** Operations: parsing, algebra, and their action on structure factors. */
class SymOpTest {

    @Test
    void parsesTheUsualSpellingsOfATriplet() {
        SymOp a = SymOp.parse("-y+1/2,x+1/2,z+3/4");
        assertThat(SymOp.parse("1/2-Y, 1/2+X, 0.75+Z")).isEqualTo(a);
        assertThat(a.tran(2)).isEqualTo(18);
        assertThat(SymOp.parse("x-y,x,z+1/6").triplet()).isEqualTo("x-y,x,z+1/6");
        assertThat(SymOp.parse("-x,-y,-z").determinant()).isEqualTo(-1);
        assertThatThrownBy(() -> SymOp.parse("x,y")).hasMessageContaining("3 comma-separated parts");
        assertThatThrownBy(() -> SymOp.parse("x,y,z+1/5")).hasMessageContaining("not a multiple of 1/24");
        assertThatThrownBy(() -> SymOp.parse("x,q,z")).hasMessageContaining("cannot read 'q'");
    }

    @Test
    void a41ScrewAxisAppliedFourTimesIsALatticeTranslation() {
        SymOp fourOne = SymOp.parse("-y,x,z+1/4");
        SymOp p = SymOp.identity();
        for (int i = 0; i < 4; i++) {
            p = fourOne.combine(p);
        }
        // z + 1 wraps to z
        assertThat(p).isEqualTo(SymOp.identity());
        assertThat(fourOne.combine(fourOne.inverse())).isEqualTo(SymOp.identity());
        assertThat(fourOne.inverse().triplet()).isEqualTo("y,-x,z+3/4");
    }

    @Test
    void everyGroupIsClosedAndEveryOperationHasItsInverseInTheGroup() {
        for (SpaceGroup sg : SpaceGroups.all()) {
            List<SymOp> all = sg.operations().allOps();
            for (SymOp a : all) {
                assertThat(all).as(sg.xhm()).contains(a.inverse());
                for (SymOp b : all) {
                    assertThat(all).as(sg.xhm()).contains(a.combine(b));
                }
            }
        }
    }

    /** F(h) of point atoms at the symmetry-expanded positions: the physics the phase shift describes. */
    private static double[] structureFactor(List<double[]> atoms, MillerIndex h) {
        double re = 0, im = 0;
        for (double[] x : atoms) {
            double phi = 2 * Math.PI * (h.h() * x[0] + h.k() * x[1] + h.l() * x[2]);
            re += Math.cos(phi);
            im += Math.sin(phi);
        }
        return new double[] {re, im};
    }

    @Test
    void phaseShiftRelatesStructureFactorsOfEquivalentReflections() {
        SpaceGroup sg = SpaceGroups.bySymbol("P 43 21 2");
        Random rnd = new Random(5);
        List<double[]> atoms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            for (SymOp op : sg.operations().allOps()) {
                atoms.add(op.applyToFractional(x));
            }
        }
        MillerIndex h = new MillerIndex(3, 5, 7);
        double[] f = structureFactor(atoms, h);
        for (SymOp op : sg.operations().symOps()) {
            double[] fr = structureFactor(atoms, op.applyToHkl(h));
            double shift = op.phaseShift(h);
            // F(hR) = F(h) exp(i shift)
            double re = f[0] * Math.cos(shift) - f[1] * Math.sin(shift);
            double im = f[0] * Math.sin(shift) + f[1] * Math.cos(shift);
            assertThat(fr[0]).as(op.triplet()).isCloseTo(re, within(1e-9));
            assertThat(fr[1]).as(op.triplet()).isCloseTo(im, within(1e-9));
        }
        // and a systematically absent reflection really has F = 0: (0 0 1) on the 43 axis
        assertThat(sg.isSystematicallyAbsent(new MillerIndex(0, 0, 1))).isTrue();
        double[] f001 = structureFactor(atoms, new MillerIndex(0, 0, 1));
        assertThat(Math.hypot(f001[0], f001[1])).isCloseTo(0, within(1e-9));
    }

    @Test
    void hallSymbolErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> HallSymbol.operations("Q 2")).hasMessageContaining("unknown lattice symbol 'Q'");
        assertThatThrownBy(() -> HallSymbol.operations("P 5")).hasMessageContaining("must start with 1, 2, 3, 4 or 6");
        assertThatThrownBy(() -> HallSymbol.operations("P 2 2 (0 0")).hasMessageContaining("missing ')'");
    }
}
