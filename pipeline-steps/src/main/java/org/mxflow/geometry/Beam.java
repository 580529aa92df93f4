package org.mxflow.geometry;

/**
 * The incident X-ray beam in XDS conventions: wavelength in Å and the direction of
 * propagation (INCIDENT_BEAM_DIRECTION, stored normalised).
 */
public record Beam(double wavelengthA, Vec3 direction) {

    public Beam {
        if (!(wavelengthA > 0)) throw new IllegalArgumentException("wavelength must be positive, got " + wavelengthA + " Å");
        direction = direction.normalized();
    }

    /** The incident wave vector s0 = direction / λ (Å⁻¹), |s0| = 1/λ. */
    public Vec3 s0() { return direction.times(1 / wavelengthA); }

    public Beam withDirection(Vec3 d) { return new Beam(wavelengthA, d); }
}
