package org.mxflow.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.mxflow.cell.UnitCell;

/**
 * Simulated strong-spot observations of a crystal whose orientation and cell change with φ, with
 * known truth. The truth is an analytic function φ ↦ A(φ) (not knots, not a per-frame table); a
 * reflection is observed where |s₀ + R(φ)·A(φ)·h| = |s₀|, found by iterating the static
 * two-root solution with A frozen at the current φ (the drift is slow, so this converges in a few
 * steps). Gaussian noise is added to x, y (px) and φ (degrees).
 */
public final class DriftingSweep {

    /** PILATUS 6M-like geometry: λ 0.9795 Å, 200 mm, 0.172 mm pixels, 2463 × 2527, axis +x, 0.2° frames from φ = 0. */
    public static Experiment pilatus() {
        return new Experiment(new Beam(0.9795, new Vec3(0, 0, 1)), new Goniometer(new Vec3(1, 0, 0), 0, 0.2, 1),
                new Detector(1231.5, 1263.5, 200, 0.172, 0.172, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 2463, 2527));
    }

    public static final Mat3 U0 = Mat3.rotation(new Vec3(0.31, -0.62, 0.72).normalized(), Math.toRadians(37));
    public static final Vec3 DRIFT_AXIS = new Vec3(0.2, 0.9, -0.4).normalized();

    /**
     * The truth: a tetragonal 79.1 × 79.1 × 37.9 Å cell whose orientation turns by {@code driftDeg}
     * about a fixed axis and whose edges grow by {@code growth} (fraction) linearly over 360°.
     */
    public static DoubleFunction<CrystalModel> truth(double driftDeg, double growth) {
        return phi -> {
            double t = phi / 360;
            double s = 1 + growth * t;
            return CrystalModel.of(new UnitCell(79.1 * s, 79.1 * s, 37.9 * s, 90, 90, 90),
                    Mat3.rotation(DRIFT_AXIS, Math.toRadians(driftDeg * t)).times(U0));
        };
    }

    /** The φ (degrees) near {@code startDeg} at which reflection h of the drifting crystal diffracts, or NaN. */
    public static double diffractingPhi(Experiment exp, DoubleFunction<CrystalModel> truth, int h, int k, int l, double startDeg) {
        double phi = startDeg;
        for (int it = 0; it < 20; it++) {
            double[] roots = RotationGeometry.diffractingAnglesRad(truth.apply(phi).reciprocalVector(h, k, l), exp.beam().s0(),
                    exp.goniometer().rotationAxis());
            if (roots.length == 0) return Double.NaN;
            double best = Double.NaN, bestDiff = Double.POSITIVE_INFINITY;
            for (double r : roots) {
                double deg = Math.toDegrees(r);
                deg += 360 * Math.rint((phi - deg) / 360);
                if (Math.abs(deg - phi) < bestDiff) { bestDiff = Math.abs(deg - phi); best = deg; }
            }
            if (Math.abs(best - phi) < 1e-9) return best;
            phi = best;
        }
        return phi;
    }

    /**
     * Observations over [0, rangeDeg) to dMinA: each reflection kept with probability
     * {@code keep}, then noise.
     */
    public static List<IndexedObservation> observe(Experiment exp, DoubleFunction<CrystalModel> truth, double rangeDeg, double dMinA,
                                            double keep, double xyNoisePx, double phiNoiseDeg, long seed) {
        Random rnd = new Random(seed);
        CrystalModel c0 = truth.apply(0);
        UnitCell cell = c0.unitCell();
        int hm = (int) (cell.a() / dMinA) + 1, km = (int) (cell.b() / dMinA) + 1, lm = (int) (cell.c() / dMinA) + 1;
        List<IndexedObservation> out = new ArrayList<>();
        for (int h = -hm; h <= hm; h++)
            for (int k = -km; k <= km; k++)
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    if (c0.reciprocalVector(h, k, l).length() > 1 / dMinA) continue;
                    double[] roots = RotationGeometry.diffractingAnglesRad(c0.reciprocalVector(h, k, l), exp.beam().s0(),
                            exp.goniometer().rotationAxis());
                    for (double r : roots) {
                        if (rnd.nextDouble() >= keep) continue;
                        double start = Math.toDegrees(r);
                        start -= 360 * Math.floor(start / 360);
                        double phi = diffractingPhi(exp, truth, h, k, l, start);
                        if (!(phi >= 0 && phi < rangeDeg)) continue;
                        RotationGeometry.PredictedSpot s = RotationGeometry.predictNear(exp, truth.apply(phi), h, k, l, phi);
                        if (s == null || s.xPx() < 0 || s.yPx() < 0 || s.xPx() >= exp.detector().nx() || s.yPx() >= exp.detector().ny()) continue;
                        out.add(new IndexedObservation(s.xPx() + xyNoisePx * rnd.nextGaussian(), s.yPx() + xyNoisePx * rnd.nextGaussian(),
                                exp.goniometer().zFrame(phi + phiNoiseDeg * rnd.nextGaussian()), h, k, l));
                    }
                }
        return out;
    }

    /** The angle (degrees) of the rotation taking one crystal's orientation U to the other's. */
    public static double misorientationDeg(CrystalModel a, CrystalModel b) {
        Mat3 r = GeometryRefiner.orthonormalise(a.u()).times(GeometryRefiner.orthonormalise(b.u()).transpose());
        double c = (r.get(0, 0) + r.get(1, 1) + r.get(2, 2) - 1) / 2;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    private DriftingSweep() {}
}
