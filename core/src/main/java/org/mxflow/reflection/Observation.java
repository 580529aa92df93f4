package org.mxflow.reflection;

/**
 * One observation of a reflection as an XDS_ASCII.HKL record carries it (CORRECT, unmerged).
 *
 * @param hkl         Miller indices as observed (not mapped to the ASU)
 * @param intensity   corrected intensity IOBS
 * @param sigma       its standard deviation SIGMA(IOBS); negative marks a rejected misfit in XDS
 * @param xdPx        detector x of the centroid, pixels (XD)
 * @param ydPx        detector y of the centroid, pixels (YD)
 * @param zdFrame     centroid as a frame number (ZD), fractional
 * @param rlp         reciprocal Lorentz-polarisation factor applied (RLP)
 * @param peakPercent percentage of the reflection profile observed, 100 = full (PEAK)
 * @param corrPercent correlation of the observed with the expected profile, in percent (CORR)
 * @param psiDeg      angle between the planes spanned by the rotation axis and beam, and the
 *                    rotation axis and the scattering vector, degrees (PSI)
 *
 * For merged files (5 items) the geometric fields are NaN and the percentages 0.
 */
public record Observation(MillerIndex hkl, double intensity, double sigma, double xdPx, double ydPx, double zdFrame,
                          double rlp, int peakPercent, int corrPercent, double psiDeg) {

    /** A merged reflection: indices, intensity, sigma, no geometry. */
    public static Observation merged(MillerIndex hkl, double intensity, double sigma) {
        return new Observation(hkl, intensity, sigma, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN);
    }

    /** XDS's marker of a reflection rejected as a misfit: a negative sigma. */
    public boolean isMisfit() {
        return sigma < 0;
    }
}
