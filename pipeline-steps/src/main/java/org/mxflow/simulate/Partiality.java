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
        return org.mxflow.geometry.GaussianFraction.inside(phiCentreDeg, sigmaPhiDeg, startDeg, endDeg);
    }

    /** The error function (shared with the integrator's partiality). */
    public static double erf(double x) {
        return org.mxflow.geometry.GaussianFraction.erf(x);
    }
}
