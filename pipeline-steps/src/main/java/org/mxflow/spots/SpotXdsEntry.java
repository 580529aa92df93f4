package org.mxflow.spots;

import org.mxflow.reflection.MillerIndex;

/**
 * One line of XDS's SPOT.XDS: centroid x, y (pixels), z (frames, frame n spans [n−1, n]),
 * intensity (counts) and, after IDXREF, the Miller index ({@code null} when not indexed).
 */
public record SpotXdsEntry(double xPx, double yPx, double zFrame, double intensityCounts, MillerIndex hkl) {

    public static SpotXdsEntry of(Spot s) {
        return new SpotXdsEntry(s.centroidXPx(), s.centroidYPx(), s.centroidZFrame(), s.intensityCounts(), null);
    }
}
