package org.mxflow.integrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.RotationGeometry;
import org.mxflow.geometry.Vec3;

/**
 * Predicts every reflection whose rocking-curve centroid lies in a sweep's rotation range and
 * on the detector, with Lorentz and polarisation factors and the partiality from the mosaic
 * spread (Gaussian rocking curve of width σ_M/|ζ| in φ, as XDS's REFLECTING_RANGE_E.S.D.).
 * Pure: models in, a list sorted by (z, h, k, l) out.
 */
public final class ReflectionPrediction {

    private ReflectionPrediction() {}

    public static List<PredictedReflection> predict(Experiment exp, CrystalModel crystal, int firstFrame, int lastFrame,
                                                    PredictionSettings settings) {
        var gon = exp.goniometer();
        double phiA = gon.phiDeg(firstFrame - 1), phiB = gon.phiDeg(lastFrame);
        double phiMin = Math.min(phiA, phiB), phiMax = Math.max(phiA, phiB);
        double width = Math.abs(gon.phiWidthDeg());
        Vec3 e = gon.rotationAxis();
        Vec3 s0 = exp.beam().s0();
        var real = crystal.realBasis();
        double rMax = 1 / settings.dMinA();
        int hm = (int) Math.ceil(real.column(0).length() * rMax);
        int km = (int) Math.ceil(real.column(1).length() * rMax);
        int lm = (int) Math.ceil(real.column(2).length() * rMax);
        var det = exp.detector();
        List<PredictedReflection> out = new ArrayList<>();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    Vec3 r0 = crystal.reciprocalVector(h, k, l);
                    double rl = r0.length();
                    if (rl > rMax) continue;
                    for (RotationGeometry.PredictedSpot p : RotationGeometry.predictInRange(exp, crystal, h, k, l, phiMin, phiMax)) {
                        if (p.xPx() < 0 || p.yPx() < 0 || p.xPx() >= det.nx() || p.yPx() >= det.ny()) continue;
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
                        out.add(new PredictedReflection(h, k, l, p.xPx(), p.yPx(), p.zFrame(), p.phiDeg(), 1 / rl, zeta,
                                lorentz, pol, sigPhi / width, part, psi));
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble(PredictedReflection::zFrame).thenComparingInt(PredictedReflection::h)
                .thenComparingInt(PredictedReflection::k).thenComparingInt(PredictedReflection::l));
        return out;
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
