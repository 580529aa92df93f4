package org.mxflow.indexing;

import org.mxflow.cell.UnitCell;

/** A cell and lattice given in advance (sample sheet): conventional cell in Å/degrees and its Bravais lattice. */
public record KnownSymmetry(UnitCell cell, BravaisLattice lattice) {

    /** From a sample-sheet cell and space-group symbol, e.g. ("79.1 79.1 37.9 90 90 90", "P43212"). */
    public static KnownSymmetry of(String cell, String spaceGroup) {
        return new KnownSymmetry(UnitCell.parse(cell), BravaisLattice.ofSpaceGroupSymbol(spaceGroup));
    }

    /**
     * KAMO's compatibility test (relative edge 5 %, angle 5°): the edges and angles of {@code c}
     * agree with this cell, allowing the axis permutations that keep an orthorhombic or triclinic
     * cell conventional.
     */
    public boolean matches(UnitCell c, double relativeLength, double angleDeg) {
        double[] k = cell.toArray(), x = c.toArray();
        int[][] perms = lattice.family() == 'o' || lattice.family() == 'a'
                ? new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
                : new int[][] {{0, 1, 2}};
        for (int[] p : perms) {
            boolean ok = true;
            for (int i = 0; i < 3 && ok; i++) {
                ok = Math.abs(x[p[i]] - k[i]) <= relativeLength * k[i];
                double da = Math.abs(x[3 + p[i]] - k[3 + i]);
                ok &= Math.min(da, Math.abs(180 - x[3 + p[i]] - k[3 + i])) <= angleDeg;
            }
            if (ok) return true;
        }
        return false;
    }
}
