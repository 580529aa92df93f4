package org.mxflow.engine.nativeengine;

import org.mxflow.geometry.Beam;
import org.mxflow.geometry.Detector;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.Goniometer;
import org.mxflow.geometry.Vec3;
import org.mxflow.image.ImageHeader;

/**
 * The XDS-convention experiment KAMO writes into XDS.INP from an image header (§3.2): beam along
 * +z, rotation axis 1 0 0, detector x 1 0 0 and y 0 1 0, ORGX/ORGY from the header beam centre.
 */
public final class ExperimentFromHeader {

    private ExperimentFromHeader() {}

    public static Experiment of(ImageHeader h, int firstFrame) {
        return new Experiment(new Beam(h.wavelengthA(), new Vec3(0, 0, 1)),
                new Goniometer(new Vec3(1, 0, 0), h.oscStartDeg(), h.oscWidthDeg(), firstFrame),
                new Detector(h.beamXPx(), h.beamYPx(), h.distanceMm(), h.pixelSizeXMm(), h.pixelSizeYMm(),
                        new Vec3(1, 0, 0), new Vec3(0, 1, 0), h.width(), h.height()));
    }

    /** Resolution (Å) at the detector corner furthest from the beam: the limit of prediction. */
    public static double cornerResolutionA(Experiment exp) {
        var d = exp.detector();
        double best = Double.POSITIVE_INFINITY;
        for (double x : new double[] {0, d.nx()})
            for (double y : new double[] {0, d.ny()}) {
                Vec3 p = d.labPositionMm(x, y);
                double twoTheta = Math.acos(p.normalized().dot(exp.beam().direction()));
                best = Math.min(best, exp.beam().wavelengthA() / (2 * Math.sin(twoTheta / 2)));
            }
        return best;
    }
}
