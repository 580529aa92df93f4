package org.mxflow.simulate;

/**
 * The fraction of a reflection recorded on a frame: the overlap of the frame's rotation range
 * with the Gaussian rocking curve of the reflection, whose width in φ is σ_M/|ζ| (XDS's
 * REFLECTING_RANGE_E.S.D. σ_M widened by the reflection's ζ).
 */
public final class Partiality {

    private Partiality() {
    }

    /** Rocking width in φ (degrees) of a reflection with the given ζ. */
    public static double sigmaPhiDeg(double sigmaMosaicDeg, double zeta) {
        return sigmaMosaicDeg / Math.abs(zeta);
    }

    /** Fraction of a Gaussian (centre phiCentreDeg, e.s.d. sigmaPhiDeg) inside [startDeg, endDeg]. */
    public static double fraction(double phiCentreDeg, double sigmaPhiDeg, double startDeg, double endDeg) {
        double k = 1 / (Math.sqrt(2) * sigmaPhiDeg);
        return 0.5 * (erf((endDeg - phiCentreDeg) * k) - erf((startDeg - phiCentreDeg) * k));
    }

    /** The error function, |error| < 1.2e-7 (Chebyshev fit of erfc, Numerical Recipes §6.2). */
    public static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
