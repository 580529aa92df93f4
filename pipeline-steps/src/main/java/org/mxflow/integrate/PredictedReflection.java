package org.mxflow.integrate;

/**
 * A reflection predicted to diffract within a sweep, with what integration and correction need.
 *
 * @param h            Miller index h (indexing setting)
 * @param k            Miller index k
 * @param l            Miller index l
 * @param xPx          predicted detector x, pixels (XDS convention)
 * @param yPx          predicted detector y, pixels
 * @param zFrame       predicted centroid as a frame coordinate (frame n spans [n−1, n])
 * @param phiDeg       rotation angle of the centroid, degrees
 * @param dA           resolution, Å
 * @param zeta         ζ = e·(s₁ × s₀)/|s₁ × s₀|, small near the rotation axis
 * @param lorentz      Lorentz factor L = |s₀||s₁|/|e·(s₁ × s₀)|
 * @param polarization polarisation factor P
 * @param sigmaZFrames rocking width σ in frames (mosaicity / |ζ| / oscillation width)
 * @param partiality   fraction of the rocking curve inside the sweep's rotation range
 * @param psiDeg       XDS PSI angle, degrees
 */
public record PredictedReflection(int h, int k, int l, double xPx, double yPx, double zFrame, double phiDeg, double dA,
                                  double zeta, double lorentz, double polarization, double sigmaZFrames,
                                  double partiality, double psiDeg) {
}
