package org.mxflow.merge;

/**
 * Resolution shells of equal reciprocal-space volume (equal steps in d*³), as cctbx's binner
 * makes them for {@code setup_binner(n_bins=...)}, which KAMO's CC½ statistics use.
 *
 * @param dMaxA low-resolution limit (Å)
 * @param dMinA high-resolution limit (Å)
 * @param count number of shells
 */
public record ResolutionShells(double dMaxA, double dMinA, int count) {

    public ResolutionShells {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one resolution shell, got " + count);
        }
        if (!(dMinA > 0) || !(dMaxA >= dMinA)) {
            throw new IllegalArgumentException("resolution shells need dMax >= dMin > 0 Å, got " + dMaxA + " to " + dMinA);
        }
    }

    /**
     * Shell (0 = lowest resolution) of a reflection at d (Å), or −1 outside [dMin, dMax].
     */
    public int shellOf(double dA) {
        if (dA < dMinA * (1 - 1e-9) || dA > dMaxA * (1 + 1e-9)) {
            return -1;
        }
        double lo = cube(1 / dMaxA), hi = cube(1 / dMinA);
        if (hi == lo) {
            return 0;
        }
        int i = (int) Math.floor((cube(1 / dA) - lo) / (hi - lo) * count);
        return Math.max(0, Math.min(count - 1, i));
    }

    /** High-resolution limit (Å) of shell i. */
    public double shellDMinA(int i) {
        double lo = cube(1 / dMaxA), hi = cube(1 / dMinA);
        return 1 / Math.cbrt(lo + (hi - lo) * (i + 1) / count);
    }

    private static double cube(double x) {
        return x * x * x;
    }
}
