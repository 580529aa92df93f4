package org.mxflow.spots;

/**
 * Powder rings of hexagonal ice (Ih), where spots are often ice rather than protein.
 * The d-spacings are the standard strong Ih reflections; a ring's half-width is given in
 * 1/d² (0.002 Å⁻² by default, i.e. the full width 0.004 that DIALS per-image analysis uses).
 */
public final class IceRings {

    /** d-spacings of the strong hexagonal-ice rings in Å. */
    public static final double[] D_SPACINGS_A = {3.897, 3.669, 3.441, 2.671, 2.249, 2.072, 1.948, 1.918, 1.883, 1.721};

    private final double halfWidthInvA2;

    public IceRings(double halfWidthInvA2) {
        this.halfWidthInvA2 = halfWidthInvA2;
    }

    /** Whether a resolution lies within half a ring width (in 1/d²) of an ice ring. */
    public boolean contains(double dSpacingA) {
        if (!(dSpacingA > 0) || Double.isInfinite(dSpacingA)) {
            return false;
        }
        double s2 = 1 / (dSpacingA * dSpacingA);
        for (double d : D_SPACINGS_A) {
            if (Math.abs(s2 - 1 / (d * d)) <= halfWidthInvA2) {
                return true;
            }
        }
        return false;
    }
}
