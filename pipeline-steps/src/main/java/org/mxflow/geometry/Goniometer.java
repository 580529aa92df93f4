package org.mxflow.geometry;

/**
 * A single-axis rotation goniometer in XDS conventions: ROTATION_AXIS (stored normalised),
 * STARTING_ANGLE (degrees), OSCILLATION_RANGE per frame (degrees) and STARTING_FRAME.
 * Frame n covers φ from phiStart + (n − firstFrame)·width to one width more, so a spot
 * centroid at frame coordinate z (as SPOT.XDS writes it: frame n spans z ∈ [n−1, n])
 * lies at φ = phiStart + (z − firstFrame + 1)·width.
 */
public record Goniometer(Vec3 rotationAxis, double phiStartDeg, double phiWidthDeg, int firstFrame) {

    public Goniometer {
        rotationAxis = rotationAxis.normalized();
        if (!(phiWidthDeg != 0 && Double.isFinite(phiWidthDeg)))
            throw new IllegalArgumentException("oscillation width must be non-zero, got " + phiWidthDeg);
    }

    /** Rotation angle φ (degrees) at frame coordinate z. */
    public double phiDeg(double zFrame) {
        return phiStartDeg + (zFrame - firstFrame + 1) * phiWidthDeg;
    }

    /** Frame coordinate z at rotation angle φ (degrees); inverse of {@link #phiDeg}. */
    public double zFrame(double phiDeg) {
        return (phiDeg - phiStartDeg) / phiWidthDeg + firstFrame - 1;
    }

    public Goniometer withAxis(Vec3 axis) { return new Goniometer(axis, phiStartDeg, phiWidthDeg, firstFrame); }
}
