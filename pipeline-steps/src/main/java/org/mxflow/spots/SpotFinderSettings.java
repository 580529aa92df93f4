package org.mxflow.spots;

/**
 * Parameters of the dispersion spot finder, named and defaulted as DIALS names them
 * ({@code spotfinder.threshold.dispersion.*} and {@code spotfinder.filter.*}), so results can
 * be compared with {@code dials.find_spots threshold.algorithm=dispersion}.
 *
 * @param kernelHalfWidthX  half-width of the local window along x in pixels (DIALS kernel_size[0]);
 *                          the window is {@code 2*k+1} pixels wide
 * @param kernelHalfWidthY  half-width of the local window along y in pixels (DIALS kernel_size[1])
 * @param sigmaBackground   dispersion-index threshold in sigmas (DIALS sigma_background, XDS SIGNAL_PIXEL-like)
 * @param sigmaStrong       threshold on the excess over the local mean in sigmas (DIALS sigma_strong)
 * @param minLocal          minimum number of trusted pixels in the window for a pixel to be judged
 *                          (DIALS min_local; 0 or less means the whole window)
 * @param globalThreshold   a pixel must have more counts than this (DIALS global_threshold)
 * @param gain              detector gain in counts per photon (DIALS gain; 1 for photon counters)
 * @param minSpotSizePx     fewest pixels in a spot (DIALS min_spot_size; Auto is 3 for pixel-array detectors)
 * @param maxSpotSizePx     most pixels in a spot (DIALS max_spot_size)
 * @param maxPeakCentroidSeparationPx  largest distance between the brightest pixel's centre and the
 *                          centroid (DIALS max_separation); spots further apart are rejected; 0 disables
 * @param iceRingWidthInvA2 half-width of an ice ring in 1/d² (Å⁻²), as DIALS ice_rings.width
 */
public record SpotFinderSettings(
        int kernelHalfWidthX,
        int kernelHalfWidthY,
        double sigmaBackground,
        double sigmaStrong,
        int minLocal,
        double globalThreshold,
        double gain,
        int minSpotSizePx,
        int maxSpotSizePx,
        double maxPeakCentroidSeparationPx,
        double iceRingWidthInvA2) {

    public SpotFinderSettings {
        if (kernelHalfWidthX < 1 || kernelHalfWidthY < 1) {
            throw new IllegalArgumentException("kernel half-widths must be >= 1, got "
                    + kernelHalfWidthX + "," + kernelHalfWidthY);
        }
        int window = (2 * kernelHalfWidthX + 1) * (2 * kernelHalfWidthY + 1);
        if (minLocal > window || minLocal == 1) {
            throw new IllegalArgumentException("min_local must be 2.." + window + " (or <= 0 for all), got " + minLocal);
        }
        if (sigmaBackground < 0 || sigmaStrong < 0 || globalThreshold < 0 || gain <= 0) {
            throw new IllegalArgumentException("sigmas and global threshold must be >= 0 and gain > 0");
        }
        if (minSpotSizePx < 1 || maxSpotSizePx < minSpotSizePx) {
            throw new IllegalArgumentException("need 1 <= min spot size <= max spot size, got "
                    + minSpotSizePx + ".." + maxSpotSizePx);
        }
    }

    /** DIALS 3.x defaults for a pixel-array detector (PILATUS, EIGER). */
    public static SpotFinderSettings dialsDefaults() {
        return new SpotFinderSettings(3, 3, 6.0, 3.0, 2, 0.0, 1.0, 3, 1000, 2.0, 0.002);
    }

    /** Fewest trusted pixels the window must hold (min_local, or the whole window when <= 0). */
    public int minCountInWindow() {
        return minLocal > 0 ? minLocal : (2 * kernelHalfWidthX + 1) * (2 * kernelHalfWidthY + 1);
    }

    public SpotFinderSettings withGain(double newGain) {
        return new SpotFinderSettings(kernelHalfWidthX, kernelHalfWidthY, sigmaBackground, sigmaStrong, minLocal,
                globalThreshold, newGain, minSpotSizePx, maxSpotSizePx, maxPeakCentroidSeparationPx, iceRingWidthInvA2);
    }

    public SpotFinderSettings withSpotSize(int minPx, int maxPx) {
        return new SpotFinderSettings(kernelHalfWidthX, kernelHalfWidthY, sigmaBackground, sigmaStrong, minLocal,
                globalThreshold, gain, minPx, maxPx, maxPeakCentroidSeparationPx, iceRingWidthInvA2);
    }
}
