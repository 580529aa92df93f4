package org.mxflow.geometry;

import org.mxflow.cell.UnitCell;

/**
 * The free parameters of a unit cell under a lattice family's constraints (Å and degrees):
 * triclinic a b c α β γ, monoclinic a b c β, orthorhombic a b c, tetragonal and hexagonal a c,
 * cubic a. The family letter is XDS/DIALS's: a, m, o, t, h, c.
 */
public final class CellParameters {

    private CellParameters() {}

    /** Number of free cell parameters of the family. */
    public static int count(char family) {
        return switch (family) {
            case 'a' -> 6;
            case 'm' -> 4;
            case 'o' -> 3;
            case 't', 'h' -> 2;
            case 'c' -> 1;
            default -> throw new IllegalArgumentException("unknown lattice family '" + family + "'");
        };
    }

    /** The free parameters of a cell (averaging the edges the family makes equal). */
    public static double[] of(UnitCell cell, char family) {
        double[] c = cell.toArray();
        return switch (family) {
            case 'a' -> c;
            case 'm' -> new double[] {c[0], c[1], c[2], c[4]};
            case 'o' -> new double[] {c[0], c[1], c[2]};
            case 't', 'h' -> new double[] {(c[0] + c[1]) / 2, c[2]};
            case 'c' -> new double[] {(c[0] + c[1] + c[2]) / 3};
            default -> throw new IllegalArgumentException("unknown lattice family '" + family + "'");
        };
    }

    /** The cell of free parameters p starting at offset k. */
    public static UnitCell cell(double[] p, int k, char family) {
        return switch (family) {
            case 'a' -> new UnitCell(p[k], p[k + 1], p[k + 2], p[k + 3], p[k + 4], p[k + 5]);
            case 'm' -> new UnitCell(p[k], p[k + 1], p[k + 2], 90, p[k + 3], 90);
            case 'o' -> new UnitCell(p[k], p[k + 1], p[k + 2], 90, 90, 90);
            case 't' -> new UnitCell(p[k], p[k], p[k + 1], 90, 90, 90);
            case 'h' -> new UnitCell(p[k], p[k], p[k + 1], 90, 90, 120);
            case 'c' -> new UnitCell(p[k], p[k], p[k], 90, 90, 90);
            default -> throw new IllegalArgumentException("unknown lattice family '" + family + "'");
        };
    }
}
