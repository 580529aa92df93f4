package org.mxflow.spots;

import org.mxflow.image.ImageHeader;

/**
 * The geometry needed to turn a pixel position into a resolution: a flat detector normal to
 * the beam (no two-theta swing or tilt yet) at {@code distanceMm}, beam centre in pixels.
 *
 * @param wavelengthA   X-ray wavelength in Å
 * @param distanceMm    crystal-to-detector distance in mm
 * @param beamXPx       direct-beam x in pixels (XDS ORGX)
 * @param beamYPx       direct-beam y in pixels (XDS ORGY)
 * @param pixelSizeXMm  pixel size along x in mm
 * @param pixelSizeYMm  pixel size along y in mm
 */
public record DiffractionGeometry(double wavelengthA, double distanceMm, double beamXPx, double beamYPx,
                                  double pixelSizeXMm, double pixelSizeYMm) {

    public static DiffractionGeometry of(ImageHeader h) {
        return new DiffractionGeometry(h.wavelengthA(), h.distanceMm(), h.beamXPx(), h.beamYPx(),
                h.pixelSizeXMm(), h.pixelSizeYMm());
    }

    /** Bragg spacing d = λ / (2 sin θ) of a position on the detector, in Å; +∞ at the beam. */
    public double dSpacingA(double xPx, double yPx) {
        double dx = (xPx - beamXPx) * pixelSizeXMm;
        double dy = (yPx - beamYPx) * pixelSizeYMm;
        double r = Math.hypot(dx, dy);
        if (r == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double twoTheta = Math.atan2(r, distanceMm);
        return wavelengthA / (2 * Math.sin(twoTheta / 2));
    }
}
