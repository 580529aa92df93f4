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
 *                           ({@link Double#POSITIVE_INFINITY}: profile-fitted for every reflection with a profile)
 * @param profileBlockFrames rotation block of the profiles, frames: a reflection is fitted with the profile
 *                           learned from strong reflections whose centroids lie in its block and the two beside it
 */
public record IntegrationSettings(double foregroundRadiusPx, int backgroundWidthPx, double nSigmaFrames,
                                  double strongIOverSigma, double weakIOverSigma, int profileBlockFrames) {

    /** Rotation range of one profile block, degrees (DIALS's profile model also steps every 5°). */
    public static final double PROFILE_BLOCK_DEG = 5.0;

    public IntegrationSettings {
        if (!(foregroundRadiusPx >= 1 && foregroundRadiusPx <= 30))
            throw new IllegalArgumentException("foreground radius must be 1–30 px, got " + foregroundRadiusPx);
        if (backgroundWidthPx < 1) throw new IllegalArgumentException("background ring must be at least 1 px wide");
        if (profileBlockFrames < 1) throw new IllegalArgumentException("profile block must be at least 1 frame, got " + profileBlockFrames);
    }

    /**
     * Settings for spots of the given e.s.d. in x/y (px) on frames of the given width (deg): foreground 3σ + 0.5 px,
     * at least 2 px; the profile-fitted intensity for every reflection that has a profile, as DIALS and XDS report
     * (on bench/engine's three simulated sets it beat summation-for-strong in overall CC with the truth on all three).
     */
    public static IntegrationSettings forSpotSigma(double sigmaXyPx, double oscillationDeg) {
        double r = Math.max(2.0, Math.min(12.0, 3 * sigmaXyPx + 0.5));
        int block = oscillationDeg > 0 ? Math.max(1, (int) Math.round(PROFILE_BLOCK_DEG / oscillationDeg)) : 10;
        return new IntegrationSettings(r, 3, 3.0, 10.0, Double.POSITIVE_INFINITY, block);
    }

    /** As {@link #forSpotSigma(double, double)} for 0.5° frames. */
    public static IntegrationSettings forSpotSigma(double sigmaXyPx) {
        return forSpotSigma(sigmaXyPx, 0.5);
    }

    /** These settings with another threshold for choosing the profile-fitted intensity. */
    public IntegrationSettings withWeakIOverSigma(double v) {
        return new IntegrationSettings(foregroundRadiusPx, backgroundWidthPx, nSigmaFrames, strongIOverSigma, v, profileBlockFrames);
    }

    /** Half-size of the square shoebox, px. */
    public int halfSizePx() {
        return (int) Math.ceil(foregroundRadiusPx) + 1 + backgroundWidthPx;
    }
}
