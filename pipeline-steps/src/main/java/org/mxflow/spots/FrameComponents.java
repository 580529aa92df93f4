package org.mxflow.spots;

import java.util.List;

/**
 * The 4-connected components of one frame's strong pixels, kept as horizontal runs so that
 * components on neighbouring frames can be joined (6-connectivity in 3D, as DIALS labels).
 *
 * @param frameNumber  the frame's number (1-based)
 * @param strongPixels how many strong pixels the frame had
 * @param runRow       y of each run; runs are ordered by row, then by first column
 * @param runStart     first x of each run
 * @param runEnd       last x of each run (inclusive)
 * @param runComponent index into {@code components} of each run
 * @param components   moments of each component's pixels
 */
public record FrameComponents(int frameNumber, int strongPixels, int[] runRow, int[] runStart, int[] runEnd,
                              int[] runComponent, List<PixelMoments> components) {

    public int componentCount() {
        return components.size();
    }
}
