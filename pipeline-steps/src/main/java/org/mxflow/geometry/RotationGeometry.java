package org.mxflow.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * The rotation-method geometry as plain functions: detector pixel ↔ laboratory vector ↔
 * reciprocal-space vector, and the prediction of where a reciprocal-lattice point diffracts.
 *
 * <p>Notation (XDS): s₀ = beam direction/λ; a pixel at lab position P (mm) records the
 * diffracted wave vector s₁ = P/(|P|·λ); the scattering vector at rotation angle φ is
 * r(φ) = s₁ − s₀, and the crystal-fixed vector is r₀ = R(−φ)·r(φ), with R(φ) the right-handed
 * rotation about the goniometer axis e.
 */
public final class RotationGeometry {

    private RotationGeometry() {}

    /** Diffracted wave vector s₁ (Å⁻¹) for a detector pixel. */
    public static Vec3 diffractedBeam(Experiment exp, double xPx, double yPx) {
        Vec3 p = exp.detector().labPositionMm(xPx, yPx);
        return p.times(1 / (p.length() * exp.beam().wavelengthA()));
    }

    /**
     * Reciprocal-space vector r₀ (Å⁻¹, crystal frame at φ = 0) of an observation at pixel
     * (x, y) and frame coordinate z: r₀ = R(−φ(z))·(s₁ − s₀).
     */
    public static Vec3 reciprocalVectorAtZero(Experiment exp, double xPx, double yPx, double zFrame) {
        Vec3 r = diffractedBeam(exp, xPx, yPx).minus(exp.beam().s0());
        double phi = Math.toRadians(exp.goniometer().phiDeg(zFrame));
        return r.rotated(exp.goniometer().rotationAxis(), -phi);
    }

    /**
     * The two rotation angles φ (radians, in (−π, π] plus the reference branch) at which r₀
     * lies on the Ewald sphere, or an empty array when it never does (outside the limiting
     * sphere or in the blind region around the axis).
     *
     * <p>|R(φ)r₀ + s₀|² = |s₀|² ⇔ 2 s₀·R(φ)r₀ = −|r₀|². With R(φ)r₀ = r∥ + cosφ r⊥ + sinφ (e×r₀):
     * a cosφ + b sinφ = c where a = s₀·r⊥, b = s₀·(e×r₀), c = −|r₀|²/2 − s₀·r∥; hence
     * φ = atan2(b, a) ± acos(c/√(a²+b²)).
     */
    public static double[] diffractingAnglesRad(Vec3 r0, Vec3 s0, Vec3 unitAxis) {
        Vec3 rPar = unitAxis.times(unitAxis.dot(r0));
        Vec3 rPerp = r0.minus(rPar);
        double a = s0.dot(rPerp);
        double b = s0.dot(unitAxis.cross(r0));
        double c = -0.5 * r0.dot(r0) - s0.dot(rPar);
        double rho = Math.hypot(a, b);
        if (!(rho > 0) || Math.abs(c) > rho) return new double[0];
        double phi0 = Math.atan2(b, a);
        double d = Math.acos(c / rho);
        return new double[] {phi0 - d, phi0 + d};
    }

    /**
     * Where the diffracted beam s₁ = s₀ + r hits the detector: P = t·s₁ with P·n = F, then
     * x = ORGX + P·x̂/QX, y = ORGY + P·ŷ/QY. Null when the beam travels away from the plane.
     */
    public static double[] detectorXy(Detector det, Vec3 s1) {
        double sn = s1.dot(det.normal());
        if (sn == 0) return null;
        double t = det.distanceMm() / sn;
        if (!(t > 0)) return null;
        Vec3 p = s1.times(t);
        return new double[] {det.orgXPx() + p.dot(det.fastAxis()) / det.pixelSizeXMm(),
                det.orgYPx() + p.dot(det.slowAxis()) / det.pixelSizeYMm()};
    }

    /** A predicted observation: pixel position, frame coordinate and angle φ (degrees). */
    public record PredictedSpot(int h, int k, int l, double xPx, double yPx, double zFrame, double phiDeg) {}

    /**
     * Prediction of reflection h at the diffracting solution nearest to {@code nearPhiDeg}
     * (φ wrapped by multiples of 360°), or null if it never diffracts or misses the detector plane.
     */
    public static PredictedSpot predictNear(Experiment exp, CrystalModel crystal, int h, int k, int l, double nearPhiDeg) {
        Vec3 r0 = crystal.reciprocalVector(h, k, l);
        Vec3 axis = exp.goniometer().rotationAxis();
        Vec3 s0 = exp.beam().s0();
        double[] phis = diffractingAnglesRad(r0, s0, axis);
        if (phis.length == 0) return null;
        return at(exp, r0, h, k, l, nearestAngleDeg(phis, nearPhiDeg));
    }

    /**
     * Of the angles (radians), each wrapped by multiples of 360° towards {@code nearDeg}, the one
     * nearest to it, in degrees; NaN when there are none.
     */
    public static double nearestAngleDeg(double[] anglesRad, double nearDeg) {
        double best = Double.NaN, bestDiff = Double.POSITIVE_INFINITY;
        for (double p : anglesRad) {
            double deg = Math.toDegrees(p);
            deg += 360 * Math.rint((nearDeg - deg) / 360);
            double diff = Math.abs(deg - nearDeg);
            if (diff < bestDiff) { bestDiff = diff; best = deg; }
        }
        return best;
    }

    /** All predictions of reflection h with φ inside [phiMinDeg, phiMaxDeg). */
    public static List<PredictedSpot> predictInRange(Experiment exp, CrystalModel crystal, int h, int k, int l,
                                                     double phiMinDeg, double phiMaxDeg) {
        List<PredictedSpot> out = new ArrayList<>(2);
        Vec3 r0 = crystal.reciprocalVector(h, k, l);
        for (double p : diffractingAnglesRad(r0, exp.beam().s0(), exp.goniometer().rotationAxis())) {
            double deg = Math.toDegrees(p);
            deg += 360 * Math.ceil((phiMinDeg - deg) / 360);
            if (deg < phiMaxDeg) {
                PredictedSpot s = at(exp, r0, h, k, l, deg);
                if (s != null) out.add(s);
            }
        }
        return out;
    }

    private static PredictedSpot at(Experiment exp, Vec3 r0, int h, int k, int l, double phiDeg) {
        Vec3 r = r0.rotated(exp.goniometer().rotationAxis(), Math.toRadians(phiDeg));
        double[] xy = detectorXy(exp.detector(), exp.beam().s0().plus(r));
        if (xy == null) return null;
        return new PredictedSpot(h, k, l, xy[0], xy[1], exp.goniometer().zFrame(phiDeg), phiDeg);
    }
}
