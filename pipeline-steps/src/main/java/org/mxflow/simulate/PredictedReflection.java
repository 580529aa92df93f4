package org.mxflow.simulate;

/**
 * One crossing of the Ewald sphere by a reflection during a rotation.
 *
 * @param h              Miller index h
 * @param k              Miller index k
 * @param l              Miller index l
 * @param phiDeg         rotation angle of the crossing, degrees
 * @param xPx            recorded position along fast, continuous px
 * @param yPx            recorded position along slow, continuous px
 * @param dA             resolution d in Å
 * @param zeta           ζ of the crossing
 * @param lorentz        Lorentz factor L = 1/|sin2θ ζ|
 * @param polarization   polarisation factor P
 * @param sigmaPhiDeg    rocking width in φ, degrees
 * @param sigmaSpotPx    spot e.s.d. on the detector, px
 * @param fullCounts     expected counts of the whole reflection, summed over all its partials
 * @param trueIntensity  the crystal's true intensity: scale·exp(-B/(2d²))·|F|²/ΣZ² (no L, no P)
 */
public record PredictedReflection(int h, int k, int l, double phiDeg, double xPx, double yPx, double dA, double zeta,
                                  double lorentz, double polarization, double sigmaPhiDeg, double sigmaSpotPx,
                                  double fullCounts, double trueIntensity) {
}
