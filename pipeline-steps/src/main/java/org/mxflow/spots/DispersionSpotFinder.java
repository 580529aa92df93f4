package org.mxflow.spots;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.image.Frame;

/**
 * The dispersion spot finder (XDS COLSPOT, DIALS {@code find_spots}): strong pixels from a
 * {@link SpotFinderBackend}, connected components, then DIALS's filters (spot size,
 * peak-to-centroid distance), resolution and ice-ring flags. No I/O: frames in, spots out.
 */
public final class DispersionSpotFinder {

    private final SpotFinderSettings settings;
    private final SpotFinderBackend backend;
    private final IceRings iceRings;

    public DispersionSpotFinder(SpotFinderSettings settings, SpotFinderBackend backend) {
        this.settings = settings;
        this.backend = backend;
        this.iceRings = new IceRings(settings.iceRingWidthInvA2());
    }

    /** The finder on the CPU backend. */
    public DispersionSpotFinder(SpotFinderSettings settings) {
        this(settings, new DispersionThreshold(settings));
    }

    public SpotFinderSettings settings() {
        return settings;
    }

    public SpotFinderBackend backend() {
        return backend;
    }

    /** Strong pixels of one frame, labelled into 2D components. */
    public FrameComponents components(Frame frame) {
        StrongPixels strong = backend.strongPixels(frame.pixels(), frame.width(), frame.height(),
                frame.header().countCutoff());
        return ConnectedComponents.label(frame.number(), strong, frame.pixels());
    }

    /** Spots of one still (or raster-scan) frame: 2D components only. */
    public List<Spot> findOnStill(Frame frame) {
        return spots(components(frame).components(), DiffractionGeometry.of(frame.header()), false);
    }

    /**
     * Turns components into spots, dropping those DIALS drops: fewer than min or more than max
     * pixels, or the brightest pixel further than max_separation from the centroid (in x, y and,
     * for rotation data, z).
     */
    public List<Spot> spots(List<PixelMoments> components, DiffractionGeometry geometry, boolean rotation) {
        List<Spot> spots = new ArrayList<>(components.size());
        double maxSep2 = settings.maxPeakCentroidSeparationPx() * settings.maxPeakCentroidSeparationPx();
        for (PixelMoments m : components) {
            if (m.pixelCount < settings.minSpotSizePx() || m.pixelCount > settings.maxSpotSizePx()) {
                continue;
            }
            double cx = m.centroidX();
            double cy = m.centroidY();
            double cz = m.centroidZ();
            if (settings.maxPeakCentroidSeparationPx() > 0) {
                double dx = m.peakX - cx;
                double dy = m.peakY - cy;
                double dz = rotation ? m.peakZ - cz : 0;
                if (dx * dx + dy * dy + dz * dz > maxSep2) {
                    continue;
                }
            }
            double d = geometry.dSpacingA(cx, cy);
            spots.add(new Spot(cx, cy, cz, m.varianceX(), m.varianceY(), m.varianceZ(), m.sumI,
                    (int) m.pixelCount, m.peakCounts, m.xMin, m.xMax, m.yMin, m.yMax,
                    m.firstFrame, m.lastFrame, d, iceRings.contains(d)));
        }
        return spots;
    }
}
