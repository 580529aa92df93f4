package org.mxflow.integrate;

/**
 * Shoebox and profile-fitting settings.
 *
 * @param foregroundRadiusPx radius of the circular foreground around the predicted position, px
 *                           (≈ 3σ of the spot plus half a pixel)
 * @param backgroundWidthPx  width of the background ring outside the foreground (after a 1 px gap), px
 * @param nSigmaFrames       frames integrated either side of the centroid, in rocking-curve σ
 * @param strongIOverSigma   summation I/σ above which a reflection teaches the profile
 * @param weakIOverSigma     summation I/σ below which the profile-fitted intensity is used
 */
public record IntegrationSettings(double foregroundRadiusPx, int backgroundWidthPx, double nSigmaFrames,
                                  double strongIOverSigma, double weakIOverSigma) {

    public IntegrationSettings {
        if (!(foregroundRadiusPx >= 1 && foregroundRadiusPx <= 30))
            throw new IllegalArgumentException("foreground radius must be 1–30 px, got " + foregroundRadiusPx);
        if (backgroundWidthPx < 1) throw new IllegalArgumentException("background ring must be at least 1 px wide");
    }

    /** Settings for spots of the given e.s.d. in x/y (px): foreground 3σ + 0.5 px, at least 2 px. */
    public static IntegrationSettings forSpotSigma(double sigmaXyPx) {
        double r = Math.max(2.0, Math.min(12.0, 3 * sigmaXyPx + 0.5));
        return new IntegrationSettings(r, 3, 3.0, 10.0, 10.0);
    }

    /** Half-size of the square shoebox, px. */
    public int halfSizePx() {
        return (int) Math.ceil(foregroundRadiusPx) + 1 + backgroundWidthPx;
    }
}
