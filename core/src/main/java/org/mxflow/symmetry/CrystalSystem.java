package org.mxflow.symmetry;

/** The seven crystal systems, named as gemmi and the International Tables write them. */
public enum CrystalSystem {
    TRICLINIC, MONOCLINIC, ORTHORHOMBIC, TETRAGONAL, TRIGONAL, HEXAGONAL, CUBIC;

    /** Lower-case name, e.g. "tetragonal". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The crystal system of space group number 1–230. */
    public static CrystalSystem ofSpaceGroupNumber(int n) {
        if (n < 1 || n > 230) {
            throw new IllegalArgumentException("space group number must be 1-230, got " + n);
        }
        if (n <= 2) return TRICLINIC;
        if (n <= 15) return MONOCLINIC;
        if (n <= 74) return ORTHORHOMBIC;
        if (n <= 142) return TETRAGONAL;
        if (n <= 167) return TRIGONAL;
        if (n <= 194) return HEXAGONAL;
        return CUBIC;
    }
}
