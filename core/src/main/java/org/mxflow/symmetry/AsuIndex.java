package org.mxflow.symmetry;

import org.mxflow.reflection.MillerIndex;

/**
 * An observed index mapped into the reciprocal asymmetric unit: the ASU index, and how it got
 * there. {@code isym} follows MTZ: 2n+1 when hkl·R_n is in the ASU, 2n+2 when its Friedel
 * mate -hkl·R_n is (n = {@code operatorIndex}, 0-based into the group's symOps).
 */
public record AsuIndex(MillerIndex hkl, int operatorIndex, boolean friedelFlipped) {

    public int isym() {
        return 2 * operatorIndex + (friedelFlipped ? 2 : 1);
    }
}
