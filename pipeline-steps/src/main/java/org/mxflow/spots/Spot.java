package org.mxflow.spots;

/**
 * One strong spot: a connected set of strong pixels on one frame (stills, raster scans) or on
 * consecutive frames (rotation data).
 *
 * <p>Coordinates follow XDS and DIALS: x and y in pixels from the corner of the first pixel
 * (a pixel's centre is at +0.5); z in frames, where frame n spans [n−1, n], so a spot seen only
 * on frame n has z = n − 0.5.
 *
 * @param centroidXPx     counts-weighted mean x of the pixel centres
 * @param centroidYPx     counts-weighted mean y
 * @param centroidZFrame  counts-weighted mean z
 * @param varianceXPx2    counts-weighted variance of x (px²)
 * @param varianceYPx2    counts-weighted variance of y (px²)
 * @param varianceZ       counts-weighted variance of z (frames²)
 * @param intensityCounts sum of the counts of the spot's strong pixels (no background subtracted,
 *                        as dials.find_spots reports intensity.sum)
 * @param pixelCount      number of strong pixels
 * @param peakCounts      counts of the brightest pixel
 * @param xMinPx          bounding box: first x (inclusive)
 * @param xMaxPx          bounding box: last x (inclusive)
 * @param yMinPx          bounding box: first y (inclusive)
 * @param yMaxPx          bounding box: last y (inclusive)
 * @param firstFrame      first frame number the spot is on
 * @param lastFrame       last frame number the spot is on
 * @param dSpacingA       resolution of the centroid in Å (flat detector normal to the beam);
 *                        +∞ at the beam centre
 * @param onIceRing       whether the centroid lies on a hexagonal-ice powder ring
 */
public record Spot(
        double centroidXPx,
        double centroidYPx,
        double centroidZFrame,
        double varianceXPx2,
        double varianceYPx2,
        double varianceZ,
        double intensityCounts,
        int pixelCount,
        int peakCounts,
        int xMinPx,
        int xMaxPx,
        int yMinPx,
        int yMaxPx,
        int firstFrame,
        int lastFrame,
        double dSpacingA,
        boolean onIceRing) {
}
