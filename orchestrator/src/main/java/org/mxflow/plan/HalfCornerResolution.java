package org.mxflow.plan;

import org.mxflow.image.ImageHeader;

/**
 * The resolution SPring-8 starts merging at: the "half-corner" of the collection geometry,
 * halfway between the detector edge and corner (kamo-conventions §4.7, the recommended formula):
 *
 * <pre>
 * rx = min(orgx, NX - orgx)·QX ;  ry = min(orgy, NY - orgy)·QY
 * r_edge = min(rx, ry) ; r_corner = sqrt(rx² + ry²) ; r_hc = (r_edge + r_corner) / 2
 * d_start = λ / (2·sin(½·atan(r_hc / L)))
 * </pre>
 * using the actual distance L of the data.
 */
public final class HalfCornerResolution {

    private HalfCornerResolution() {
    }

    /** d_start in Å for a header's geometry; NaN when the header lacks detector size or distance. */
    public static double dStartA(ImageHeader h) {
        if (h == null || h.width() <= 0 || h.height() <= 0 || !(h.distanceMm() > 0) || !(h.wavelengthA() > 0)) {
            return Double.NaN;
        }
        double rx = Math.min(h.beamXPx(), h.width() - h.beamXPx()) * h.pixelSizeXMm();
        double ry = Math.min(h.beamYPx(), h.height() - h.beamYPx()) * h.pixelSizeYMm();
        if (!(rx > 0) || !(ry > 0)) {
            return Double.NaN;
        }
        double edge = Math.min(rx, ry);
        double corner = Math.hypot(rx, ry);
        double rhc = (edge + corner) / 2;
        return h.wavelengthA() / (2 * Math.sin(0.5 * Math.atan(rhc / h.distanceMm())));
    }

    /** The camera length (mm) ZOO chooses so that {@code dRequestedA} falls on the detector edge {@code rEdgeMm}. */
    public static double cameraLengthMm(double wavelengthA, double dRequestedA, double rEdgeMm) {
        return rEdgeMm / Math.tan(2 * Math.asin(wavelengthA / (2 * dRequestedA)));
    }

    /**
     * d_start in Å from the sheet alone: ZOO put {@code dRequestedA} on the detector edge, and for a
     * square detector with the beam in its centre the half-corner radius is (1 + √2)/2 of the edge
     * radius. Used when no header of the sample's datasets gives the real geometry.
     */
    public static double dStartFromRequestA(double wavelengthA, double dRequestedA) {
        if (!(wavelengthA > 0) || !(dRequestedA > wavelengthA / 2)) {
            return Double.NaN;
        }
        double twoThetaEdge = 2 * Math.asin(wavelengthA / (2 * dRequestedA));
        double twoThetaHalfCorner = Math.atan((1 + Math.sqrt(2)) / 2 * Math.tan(twoThetaEdge));
        return wavelengthA / (2 * Math.sin(twoThetaHalfCorner / 2));
    }
}
