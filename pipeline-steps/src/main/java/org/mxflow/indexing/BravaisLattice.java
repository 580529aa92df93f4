package org.mxflow.indexing;

import org.mxflow.symmetry.SpaceGroups;

/**
 * The 14 Bravais lattice types by their Pearson-like symbols, with the order of the lattice
 * point group (the holohedry), which ranks them from least to most symmetric.
 */
public enum BravaisLattice {
    aP(2), mP(4), mC(4), oP(8), oC(8), oI(8), oF(8), tP(16), tI(16), hR(12), hP(24), cP(48), cI(48), cF(48);

    private final int holohedryOrder;

    BravaisLattice(int order) { this.holohedryOrder = order; }

    public int holohedryOrder() { return holohedryOrder; }

    /** The lattice-symmetry family (a, m, o, t, h for hP and hR, c). */
    public char family() { return name().charAt(0); }

    /**
     * The Bravais lattice of a space-group symbol such as "P43212", "P 41 21 2", "C2", "C 1 2 1"
     * or "H3"/"R3" (hexagonal axes), as the symmetry module's table knows it.
     */
    public static BravaisLattice ofSpaceGroupSymbol(String symbol) {
        return valueOf(SpaceGroups.bySymbol(symbol).latticeType().name());
    }
}
