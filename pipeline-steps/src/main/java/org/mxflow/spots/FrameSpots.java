package org.mxflow.spots;

import java.util.List;

/**
 * The spots found on one frame of a still or raster-scan series.
 *
 * @param frameNumber   the frame's number (1-based, from the file name)
 * @param strongPixels  how many pixels passed the dispersion test
 * @param spots         the spots that passed the filters
 * @param readSeconds   wall time to read and decode the frame
 * @param findSeconds   wall time of strong-pixel search, labelling and spot moments
 */
public record FrameSpots(int frameNumber, int strongPixels, List<Spot> spots, double readSeconds, double findSeconds) {
}
