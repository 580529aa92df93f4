package org.mxflow.simulate;

/**
 * The incident beam. It travels along -z of the laboratory frame (DIALS/imgCIF convention), so
 * s0 = (0, 0, -1/λ).
 *
 * @param wavelengthA          X-ray wavelength in Å
 * @param divergenceDeg        beam divergence (e.s.d.) in degrees
 * @param polarizationFraction fraction of the intensity polarised with E along the rotation axis
 *                             (horizontal at a synchrotron), ~0.99
 */
public record Beam(double wavelengthA, double divergenceDeg, double polarizationFraction) {

    public Beam {
        if (!(wavelengthA > 0)) {
            throw new IllegalArgumentException("wavelength must be positive, got " + wavelengthA);
        }
    }

    /** s0 in Å⁻¹. */
    public Vector3 s0() {
        return new Vector3(0, 0, -1.0 / wavelengthA);
    }
}
