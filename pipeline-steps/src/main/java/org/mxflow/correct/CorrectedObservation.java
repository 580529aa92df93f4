package org.mxflow.correct;

import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;

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

    /** The XDS_ASCII.HKL record of this observation (core's type, as the statistics and writers take it). */
    public Observation toObservation() {
        return new Observation(new MillerIndex(h, k, l), intensity, sigma, xPx, yPx, zFrame, rlp, peakPct, corrPct, psiDeg);
    }

    public CorrectedObservation reindexed(int nh, int nk, int nl) {
        return new CorrectedObservation(nh, nk, nl, intensity, sigma, xPx, yPx, zFrame, rlp, peakPct, corrPct, psiDeg, dA, phiDeg);
    }
}
