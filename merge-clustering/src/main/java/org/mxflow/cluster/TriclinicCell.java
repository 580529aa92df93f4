package org.mxflow.cluster;

import org.mxflow.cell.CellReduction;
import org.mxflow.cell.UnitCell;

/**
 * The P1 cell of a dataset as KAMO takes it for its cell graph (kamo-conventions 4.3.2): the aP
 * row of CORRECT.LP's lattice-character table in the all-obtuse convention, or, when there is no
 * CORRECT.LP, the header cell made primitive and Niggli-reduced; and the change of basis from a
 * dataset's own setting to its reduced cell, which the reindexing search composes.
 */
public final class TriclinicCell {

    /**
     * A reduced primitive cell and the operator from the dataset's setting to it.
     *
     * @param cell        the Niggli cell (Å, °)
     * @param fromSetting row-major 3×3: reduced basis = fromSetting · (conventional basis); also
     *                    h_reduced = fromSetting · h. Fractions (1/2, 1/3) for a centred setting.
     */
    public record Reduction(UnitCell cell, double[] fromSetting) {
        public Reduction {
            fromSetting = fromSetting.clone();
        }

        @Override
        public double[] fromSetting() {
            return fromSetting.clone();
        }
    }

    private TriclinicCell() {}

    /**
     * KAMO's all-obtuse convention for an aP row: find the angle farthest from 90°; if it is below
     * 90°, replace the two angles with the largest 90° − angle by 180° − angle (negating the axis
     * they share; the lattice is the same).
     */
    public static UnitCell allObtuse(UnitCell aP) {
        double[] ang = {aP.alpha(), aP.beta(), aP.gamma()};
        int far = 0;
        for (int i = 1; i < 3; i++) if (Math.abs(ang[i] - 90) > Math.abs(ang[far] - 90)) far = i;
        if (ang[far] < 90) {
            // The two largest values of 90 − angle are the two smallest angles.
            int keep = 0;
            for (int i = 1; i < 3; i++) if (ang[i] > ang[keep]) keep = i;
            for (int i = 0; i < 3; i++) if (i != keep) ang[i] = 180 - ang[i];
        }
        return new UnitCell(aP.a(), aP.b(), aP.c(), ang[0], ang[1], ang[2]);
    }

    /**
     * The header cell reduced: made primitive for the space group's centring letter (P, A, B, C, I,
     * F, R on hexagonal axes), then Niggli-reduced.
     *
     * @param lattice the first letter of the Hermann–Mauguin symbol; 'P' when the group is unknown
     */
    public static Reduction reduce(UnitCell cell, char lattice) {
        double[] p = CellReduction.primitiveFromConventional(lattice);
        UnitCell primitive = CellReduction.transformed(cell, p);
        CellReduction.Reduced r = CellReduction.niggli(primitive);
        int[] n = r.matrix();
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += n[3 * i + k] * p[3 * k + j];
                m[3 * i + j] = s;
            }
        }
        return new Reduction(r.cell(), m);
    }
}
