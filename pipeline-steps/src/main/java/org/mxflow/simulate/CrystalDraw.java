package org.mxflow.simulate;

import java.util.SplittableRandom;
import org.mxflow.cell.UnitCell;

/** Draws the crystals of a group: random orientation, cell within ~0.3% of the group's, scale, B, mosaicity. */
public final class CrystalDraw {

    private CrystalDraw() {
    }

    public static Crystal draw(String id, StructureGroup group, double meanScale, SplittableRandom rng) {
        UnitCell c = group.cell();
        double fa = 1 + 0.003 * gauss(rng), fb = 1 + 0.003 * gauss(rng), fc = 1 + 0.003 * gauss(rng);
        int n = group.spaceGroup().number();
        UnitCell cell;
        if (n >= 75 && n <= 142) { // tetragonal: a = b
            cell = new UnitCell(c.a() * fa, c.a() * fa, c.c() * fc, 90, 90, 90);
        } else if (n >= 3 && n <= 15) { // monoclinic: beta free
            cell = new UnitCell(c.a() * fa, c.b() * fb, c.c() * fc, 90, c.beta() + 0.15 * gauss(rng), 90);
        } else {
            cell = new UnitCell(c.a() * fa, c.b() * fb, c.c() * fc, c.alpha(), c.beta(), c.gamma());
        }
        Matrix3 u = Matrix3.randomRotation(rng);
        double mosaicity = 0.08 + 0.15 * rng.nextDouble();
        double scale = meanScale * (0.6 + 0.8 * rng.nextDouble());
        // B from 18 to 40 Å²: the edge of the detector then holds I/σ of a few, as in real data.
        double b = 18 + 22 * rng.nextDouble();
        return new Crystal(id, group.label(), cell, group.spaceGroup(), u, mosaicity, scale, b);
    }

    private static double gauss(SplittableRandom rng) {
        return PoissonNoise.gaussian(rng);
    }
}
