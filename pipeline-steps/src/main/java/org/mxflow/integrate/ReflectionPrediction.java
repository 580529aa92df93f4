package org.mxflow.integrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.RotationGeometry;
import org.mxflow.geometry.ScanVaryingCrystal;
import org.mxflow.geometry.Vec3;

/**
 * Predicts every reflection whose rocking-curve centroid lies in a sweep's rotation range and
 * on the detector, with Lorentz and polarisation factors and the partiality from the mosaic
 * spread (Gaussian rocking curve of width σ_M/|ζ| in φ, as XDS's REFLECTING_RANGE_E.S.D.).
 * Pure: models in, a list sorted by (z, h, k, l) out. Long sweeps predict from a per-frame
 * crystal ({@link ScanVaryingCrystal}, from scan-varying refinement).
 */
public final class ReflectionPrediction {

    private ReflectionPrediction() {}

    /** How far (degrees) outside the sweep a per-frame prediction starts looking for a crossing. */
    private static final double SLACK_DEG = 20;

    /** The order of the predictions: frame coordinate, then h, k, l. */
    private static final Comparator<PredictedReflection> ORDER = Comparator.comparingDouble(PredictedReflection::zFrame)
            .thenComparingInt(PredictedReflection::h).thenComparingInt(PredictedReflection::k).thenComparingInt(PredictedReflection::l);

    /** The rotation range of frames first..last (degrees, increasing whatever the direction) and the frame width. */
    private record Sweep(double phiMinDeg, double phiMaxDeg, double widthDeg) {
        static Sweep of(Experiment exp, int firstFrame, int lastFrame) {
            var gon = exp.goniometer();
            double phiA = gon.phiDeg(firstFrame - 1), phiB = gon.phiDeg(lastFrame);
            return new Sweep(Math.min(phiA, phiB), Math.max(phiA, phiB), Math.abs(gon.phiWidthDeg()));
        }
    }

    /** |h|, |k|, |l| limits that contain every reflection within 1/rMax Å: ⌈edge length × rMax⌉ per axis. */
    private static int[] indexLimits(CrystalModel crystal, double rMax) {
        var real = crystal.realBasis();
        return new int[] {(int) Math.ceil(real.column(0).length() * rMax), (int) Math.ceil(real.column(1).length() * rMax),
                (int) Math.ceil(real.column(2).length() * rMax)};
    }

    public static List<PredictedReflection> predict(Experiment exp, CrystalModel crystal, int firstFrame, int lastFrame,
                                                    PredictionSettings settings) {
        Sweep sweep = Sweep.of(exp, firstFrame, lastFrame);
        double phiMin = sweep.phiMinDeg(), phiMax = sweep.phiMaxDeg(), width = sweep.widthDeg();
        double rMax = 1 / settings.dMinA();
        int[] lim = indexLimits(crystal, rMax);
        int hm = lim[0], km = lim[1], lm = lim[2];
        List<PredictedReflection> out = new ArrayList<>();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    Vec3 r0 = crystal.reciprocalVector(h, k, l);
                    double rl = r0.length();
                    if (rl > rMax) continue;
                    for (RotationGeometry.PredictedSpot p : RotationGeometry.predictInRange(exp, crystal, h, k, l, phiMin, phiMax)) {
                        PredictedReflection r = reflection(exp, r0, p, phiMin, phiMax, width, settings);
                        if (r != null) out.add(r);
                    }
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The same for a crystal that changes along the sweep: each reflection is predicted at the φ
     * where it diffracts with the crystal of that φ, the root of |s₀ + R(φ)·A(φ)·h| = |s₀| found by
     * iterating the static solution with A taken at the current φ (A changes by a few thousandths of
     * a degree per frame, so two or three steps converge). Its resolution is that of A(φ).
     */
    public static List<PredictedReflection> predict(Experiment exp, ScanVaryingCrystal crystal, int firstFrame, int lastFrame,
                                                    PredictionSettings settings) {
        Sweep sweep = Sweep.of(exp, firstFrame, lastFrame);
        double phiMin = sweep.phiMinDeg(), phiMax = sweep.phiMaxDeg(), width = sweep.widthDeg();
        Vec3 e = exp.goniometer().rotationAxis();
        Vec3 s0 = exp.beam().s0();
        // index limits from the largest real-space edges along the sweep, one more for the drift
        double rMax = 1 / settings.dMinA();
        int hm = 0, km = 0, lm = 0;
        for (int i = 0; i <= crystal.frames(); i += Math.max(1, crystal.frames() / 16)) {
            int[] lim = indexLimits(new CrystalModel(crystal.boundaries().get(i)), rMax);
            hm = Math.max(hm, lim[0] + 1);
            km = Math.max(km, lim[1] + 1);
            lm = Math.max(lm, lim[2] + 1);
        }
        CrystalModel ref = crystal.at((phiMin + phiMax) / 2);
        // near the axis a reflection may touch the Ewald sphere only in part of the sweep: then start from other angles
        List<CrystalModel> others = new ArrayList<>();
        for (double phi = phiMin; phi <= phiMax; phi += Math.max((phiMax - phiMin) / 10, 1e-3)) others.add(crystal.at(phi));
        List<PredictedReflection> out = new ArrayList<>();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    if (ref.reciprocalVector(h, k, l).length() > rMax * 1.01) continue;
                    double[] roots = RotationGeometry.diffractingAnglesRad(ref.reciprocalVector(h, k, l), s0, e);
                    for (int i = 0; roots.length == 0 && i < others.size(); i++)
                        roots = RotationGeometry.diffractingAnglesRad(others.get(i).reciprocalVector(h, k, l), s0, e);
                    List<Double> found = new ArrayList<>(2);
                    for (double root : roots) {
                        // each root, in every turn that can reach the sweep: near the axis (small ζ) a slow drift
                        // moves the crossing by degrees, hence the slack
                        double start = Math.toDegrees(root);
                        start += 360 * Math.ceil((phiMin - SLACK_DEG - start) / 360);
                        for (; start < phiMax + SLACK_DEG; start += 360) {
                            double phi = diffractingPhi(exp, crystal, h, k, l, start);
                            if (!(phi >= phiMin && phi < phiMax)) continue;
                            if (found.stream().anyMatch(x -> Math.abs(x - phi) < 1e-6)) continue; // both roots converged on one crossing
                            found.add(phi);
                            Vec3 r0 = crystal.at(phi).reciprocalVector(h, k, l);
                            if (r0.length() > rMax) continue;
                            RotationGeometry.PredictedSpot p = RotationGeometry.predictNear(exp, crystal.at(phi), h, k, l, phi);
                            if (p == null) continue;
                            PredictedReflection r = reflection(exp, r0, p, phiMin, phiMax, width, settings);
                            if (r != null) out.add(r);
                        }
                    }
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** The φ (degrees) near startDeg where h diffracts with the crystal of that φ; NaN when it never does. */
    static double diffractingPhi(Experiment exp, ScanVaryingCrystal crystal, int h, int k, int l, double startDeg) {
        double phi = startDeg;
        Vec3 e = exp.goniometer().rotationAxis(), s0 = exp.beam().s0();
        for (int it = 0; it < 10; it++) {
            double[] roots = RotationGeometry.diffractingAnglesRad(crystal.at(phi).reciprocalVector(h, k, l), s0, e);
            if (roots.length == 0) return Double.NaN;
            double best = RotationGeometry.nearestAngleDeg(roots, phi);
            if (Math.abs(best - phi) < 1e-9) return best;
            phi = best;
        }
        return phi;
    }

    /** Lorentz, polarisation, rocking width and partiality of one prediction; null when it is off the detector. */
    private static PredictedReflection reflection(Experiment exp, Vec3 r0, RotationGeometry.PredictedSpot p, double phiMin, double phiMax,
                                                  double width, PredictionSettings settings) {
        var det = exp.detector();
        if (p.xPx() < 0 || p.yPx() < 0 || p.xPx() >= det.nx() || p.yPx() >= det.ny()) return null;
        Vec3 e = exp.goniometer().rotationAxis();
        Vec3 s0 = exp.beam().s0();
        double rl = r0.length();
        Vec3 r = r0.rotated(e, Math.toRadians(p.phiDeg()));
        Vec3 s1 = s0.plus(r);
        Vec3 cross = s1.cross(s0);
        double zeta = e.dot(cross) / cross.length();
        double lorentz = s0.length() * s1.length() / Math.abs(e.dot(cross));
        Vec3 u = s1.normalized();
        double f = settings.polarizationFraction();
        double pol = f * (1 - u.x() * u.x()) + (1 - f) * (1 - u.y() * u.y());
        double sigPhi = settings.mosaicityDeg() / Math.max(Math.abs(zeta), 0.05);
        double part = fraction(p.phiDeg(), sigPhi, phiMin, phiMax);
        double psi = psiDeg(e, s0, r);
        return new PredictedReflection(p.h(), p.k(), p.l(), p.xPx(), p.yPx(), p.zFrame(), p.phiDeg(), 1 / rl, zeta,
                lorentz, pol, sigPhi / width, part, psi);
    }

    /** Angle between the plane (axis, beam) and the plane (axis, scattering vector), degrees. */
    static double psiDeg(Vec3 e, Vec3 s0, Vec3 r) {
        Vec3 n1 = e.cross(s0), n2 = e.cross(r);
        double l1 = n1.length(), l2 = n2.length();
        if (l1 == 0 || l2 == 0) return 0;
        double c = Math.max(-1, Math.min(1, n1.dot(n2) / (l1 * l2)));
        return Math.toDegrees(Math.acos(c));
    }

    /** Fraction of a Gaussian (centre, e.s.d.) inside [start, end]. */
    public static double fraction(double centre, double sigma, double start, double end) {
        return org.mxflow.geometry.GaussianFraction.inside(centre, sigma, start, end);
    }
}
