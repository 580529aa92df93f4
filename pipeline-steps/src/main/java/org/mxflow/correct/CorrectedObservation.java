package org.mxflow.correct;

/**
 * One observation after Lorentz–polarisation (and partiality) correction, indices in the
 * current setting; what XDS_ASCII.HKL carries plus its resolution and rotation angle.
 *
 * @param intensity  corrected intensity (arbitrary units)
 * @param sigma      its standard deviation
 * @param rlp        the factor the raw intensity was multiplied by, 1/(L·P·partiality)
 * @param peakPct    percentage of the rocking curve recorded (XDS PEAK)
 * @param corrPct    profile correlation, percent (XDS CORR)
 * @param dA         resolution, Å
 * @param phiDeg     rotation angle of the centroid, degrees
 */
public record CorrectedObservation(int h, int k, int l, double intensity, double sigma, double xPx, double yPx,
                                   double zFrame, double rlp, int peakPct, int corrPct, double psiDeg, double dA,
                                   double phiDeg) {

    public CorrectedObservation withIntensity(double i, double s) {
        return new CorrectedObservation(h, k, l, i, s, xPx, yPx, zFrame, rlp, peakPct, corrPct, psiDeg, dA, phiDeg);
    }

    public CorrectedObservation reindexed(int nh, int nk, int nl) {
        return new CorrectedObservation(nh, nk, nl, intensity, sigma, xPx, yPx, zFrame, rlp, peakPct, corrPct, psiDeg, dA, phiDeg);
    }
}
