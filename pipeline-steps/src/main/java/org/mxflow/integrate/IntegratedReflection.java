package org.mxflow.integrate;

/**
 * One integrated reflection, before any correction (raw counts on the detector).
 *
 * @param predicted    its prediction
 * @param intensity    chosen intensity: profile-fitted for weak reflections, else summation (counts)
 * @param sigma        its standard deviation (counts)
 * @param summation    summation intensity (counts)
 * @param summationSigma its σ: Poisson of the foreground plus the background-mean variance
 * @param xPx          observed centroid x (predicted when the net signal is not positive)
 * @param yPx          observed centroid y
 * @param zFrame       observed centroid z (frame coordinate)
 * @param framesUsed   number of frames the shoebox spans
 * @param profileCorrPct correlation of the observed with the learned profile, percent (0 when none)
 * @param flags        {@link IntegrationFlags}
 */
public record IntegratedReflection(PredictedReflection predicted, double intensity, double sigma, double summation,
                                   double summationSigma, double xPx, double yPx, double zFrame, int framesUsed,
                                   int profileCorrPct, int flags) {
}
