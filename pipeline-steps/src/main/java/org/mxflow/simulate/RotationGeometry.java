package org.mxflow.simulate;

/**
 * The geometry of the rotation method as plain functions: where a reciprocal-lattice point
 * crosses the Ewald sphere, and the Lorentz, polarisation and ζ factors of the diffracted ray.
 * Vectors are in Å⁻¹ in the laboratory frame; |s0| = |s1| = 1/λ.
 */
public final class RotationGeometry {

    private RotationGeometry() {
    }

    /**
     * Rotation angles (radians, in (-π, π]) at which R(axis, φ)·r0 lies on the Ewald sphere,
     * |s0 + R r0| = |s0|. Writing R r0 = (r0·e)e + cosφ r⊥ + sinφ (e × r0), the condition
     * 2 s0·R r0 = -|r0|² becomes a cosφ + b sinφ = c with a = s0·r⊥, b = s0·(e × r0),
     * c = -|r0|²/2 - (r0·e)(s0·e). Empty when the point never crosses (blind region or |r0| > 2/λ).
     */
    public static double[] ewaldCrossings(Vector3 r0, Vector3 s0, Vector3 axis) {
        Vector3 e = axis.unit();
        double re = r0.dot(e);
        Vector3 rPerp = r0.minus(e.times(re));
        double a = s0.dot(rPerp);
        double b = s0.dot(e.cross(r0));
        double c = -r0.dot(r0) / 2 - re * s0.dot(e);
        double rr = Math.hypot(a, b);
        if (rr == 0 || Math.abs(c) > rr) {
            return new double[0];
        }
        double base = Math.atan2(b, a);
        double delta = Math.acos(c / rr);
        return new double[] {wrap(base - delta), wrap(base + delta)};
    }

    static double wrap(double angle) {
        double a = Math.IEEEremainder(angle, 2 * Math.PI);
        return a <= -Math.PI ? a + 2 * Math.PI : a;
    }

    /** ζ = e·ê1 with ê1 = (s1 × s0)/|s1 × s0|, as XDS and DIALS define it; |ζ| small near the rotation axis. */
    public static double zeta(Vector3 axis, Vector3 s0, Vector3 s1) {
        Vector3 e1 = s1.cross(s0);
        return axis.unit().dot(e1.unit());
    }

    /**
     * The Lorentz factor of the rotation method, L = |s0||s1| / |e·(s1 × s0)| = 1/|sin2θ · ζ|
     * (the inverse of the factor DIALS multiplies integrated intensities by).
     */
    public static double lorentz(Vector3 axis, Vector3 s0, Vector3 s1) {
        return s0.length() * s1.length() / Math.abs(axis.unit().dot(s1.cross(s0)));
    }

    /**
     * Polarisation factor for a beam with a fraction p of its intensity polarised with E along
     * x (the synchrotron's horizontal, with the polarisation-plane normal along y as DIALS
     * models it): P = p(1 - (ŝ1·x)²) + (1 - p)(1 - (ŝ1·y)²).
     */
    public static double polarization(Vector3 s1, double fraction) {
        Vector3 u = s1.unit();
        return fraction * (1 - u.x() * u.x()) + (1 - fraction) * (1 - u.y() * u.y());
    }

    /** The Bragg angle 2θ (radians) between incident and diffracted rays. */
    public static double twoTheta(Vector3 s0, Vector3 s1) {
        return Math.acos(Math.max(-1, Math.min(1, s0.unit().dot(s1.unit()))));
    }
}
