package org.mxflow.geometry;

/**
 * A flat detector in XDS conventions. ORGX/ORGY (px) is the foot of the perpendicular from
 * the crystal onto the detector plane; DETECTOR_DISTANCE (mm, signed) is measured along the
 * detector normal n = x̂ × ŷ; pixel sizes QX/QY in mm; NX/NY the size in pixels. A pixel
 * (x, y) lies at P = (x − ORGX)·QX·x̂ + (y − ORGY)·QY·ŷ + F·n in the laboratory frame (mm).
 */
public record Detector(double orgXPx, double orgYPx, double distanceMm, double pixelSizeXMm, double pixelSizeYMm,
                       Vec3 fastAxis, Vec3 slowAxis, int nx, int ny) {

    public Detector {
        if (!(pixelSizeXMm > 0 && pixelSizeYMm > 0))
            throw new IllegalArgumentException("pixel sizes must be positive: " + pixelSizeXMm + " " + pixelSizeYMm);
        if (!(distanceMm != 0)) throw new IllegalArgumentException("detector distance must be non-zero");
        fastAxis = fastAxis.normalized();
        slowAxis = slowAxis.normalized();
        if (Math.abs(fastAxis.dot(slowAxis)) > 1e-6)
            throw new IllegalArgumentException("detector x and y axes must be orthogonal: " + fastAxis + " " + slowAxis);
    }

    /** Detector normal n = x̂ × ŷ. */
    public Vec3 normal() { return fastAxis.cross(slowAxis); }

    /** Laboratory position (mm) of detector pixel coordinates (x, y). */
    public Vec3 labPositionMm(double xPx, double yPx) {
        return fastAxis.times((xPx - orgXPx) * pixelSizeXMm)
                .plus(slowAxis.times((yPx - orgYPx) * pixelSizeYMm))
                .plus(normal().times(distanceMm));
    }

    public Detector withDistance(double d) {
        return new Detector(orgXPx, orgYPx, d, pixelSizeXMm, pixelSizeYMm, fastAxis, slowAxis, nx, ny);
    }

    public Detector withOrigin(double ox, double oy) {
        return new Detector(ox, oy, distanceMm, pixelSizeXMm, pixelSizeYMm, fastAxis, slowAxis, nx, ny);
    }
}
