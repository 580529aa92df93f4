package org.mxflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.ReindexOperator;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Small rotation wedges simulated from known intensities, for scaling/merging tests and the
 * merge benchmark (until the native engine writes XDS_ASCII.HKL): a random crystal orientation,
 * rotation about x, reflections recorded where they cross the Ewald sphere (ZD from the
 * crossing angle), intensities {@code k·exp(−B/(2d²))·drift(frame)·I_true} with counting
 * noise plus a proportional error the given σ does not include (so the error model has
 * something to find), optional bad frames (intensities replaced by unrelated values) and an
 * indexing choice applied to the written indices.
 */
public final class SimulatedWedges {

    private SimulatedWedges() {}

    /**
     * Truth: Wilson-distributed intensities (exponential, mean 1000·exp(−B/(2d²)) over the ASU
     * (Friedel mates equal) down to dMinA.
     */
    public static Map<MillerIndex, Double> truth(SpaceGroup group, UnitCell cell, double dMinA, double wilsonBA2, long seed) {
        Random random = new Random(seed);
        ReciprocalAsu asu = group.reciprocalAsu();
        Map<MillerIndex, Double> out = new HashMap<>();
        double dStar = 1 / dMinA;
        double[] g = cell.reciprocalMetric();
        int hm = (int) Math.ceil(dStar * cell.a()), km = (int) Math.ceil(dStar * cell.b()), lm = (int) Math.ceil(dStar * cell.c());
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    MillerIndex m = new MillerIndex(h, k, l);
                    double s = UnitCell.oneOverDSquared(g, h, k, l);
                    // Draw for every index in a fixed loop order so the truth does not depend on hashing.
                    double e = -Math.log(1 - random.nextDouble());
                    if (m.isOrigin() || s > dStar * dStar || !asu.isInAsu(m) || group.isSystematicallyAbsent(m)) continue;
                    out.put(m, 1000 * e * Math.exp(-wilsonBA2 * s / 2));
                }
            }
        }
        return out;
    }

    /**
     * One wedge.
     *
     * @param cell           this crystal's cell (written to the header)
     * @param startDeg       first rotation angle
     * @param frames         number of frames
     * @param oscillationDeg rotation per frame
     * @param scale          overall scale k
     * @param bA2            extra B of this crystal (Å²)
     * @param driftPerFrame  relative intensity change per frame (decay < 0)
     * @param background     σ of the background counts added in quadrature
     * @param extraError     proportional error not included in σ (fraction of I)
     * @param badFrames      1-based frames whose intensities are replaced by unrelated values
     * @param indexing       operator applied to the written indices (identity: true indexing)
     * @param orientationSeed seed of the random orientation and noise
     */
    public record Wedge(UnitCell cell, double startDeg, int frames, double oscillationDeg, double scale, double bA2,
                        double driftPerFrame, double background, double extraError, Set<Integer> badFrames,
                        ReindexOperator indexing, long orientationSeed) {}

    public static XdsAsciiFile wedge(Map<MillerIndex, Double> truth, SpaceGroup group, Wedge w, double dMinA, double wavelengthA) {
        Random random = new Random(w.orientationSeed());
        double[] u = randomRotation(random);
        double[] f = w.cell().fractionalization();
        ReciprocalAsu asu = group.reciprocalAsu();
        double start = Math.toRadians(w.startDeg()), width = Math.toRadians(w.frames() * w.oscillationDeg());
        double dStar = 1 / dMinA;
        UnitCell cell = w.cell();
        double[] gStar = cell.reciprocalMetric();
        int hm = (int) Math.ceil(dStar * cell.a()), km = (int) Math.ceil(dStar * cell.b()), lm = (int) Math.ceil(dStar * cell.c());
        List<Observation> obs = new ArrayList<>();
        for (int h = -hm; h <= hm; h++) {
            for (int k = -km; k <= km; k++) {
                for (int l = -lm; l <= lm; l++) {
                    MillerIndex m = new MillerIndex(h, k, l);
                    if (m.isOrigin()) continue;
                    double s = UnitCell.oneOverDSquared(gStar, h, k, l);
                    if (s > dStar * dStar) continue;
                    Double iTrue = truth.get(asu.toAsu(m).hkl());
                    if (iTrue == null) continue;
                    // Reciprocal vector r = h·F (row vector times fractionalisation), then the orientation U.
                    double rx0 = h * f[0] + k * f[3] + l * f[6], ry0 = h * f[1] + k * f[4] + l * f[7], rz0 = h * f[2] + k * f[5] + l * f[8];
                    double rx = u[0] * rx0 + u[1] * ry0 + u[2] * rz0;
                    double ry = u[3] * rx0 + u[4] * ry0 + u[5] * rz0;
                    double rz = u[6] * rx0 + u[7] * ry0 + u[8] * rz0;
                    double rho = Math.hypot(ry, rz);
                    double q = wavelengthA * s / 2; // Ewald condition: rz(φ) = λ|r|²/2, rz(φ) = ρ·sin(φ + α)
                    if (rho < 1e-12 || Math.abs(q) > rho) continue;
                    double alpha = Math.atan2(rz, ry), as = Math.asin(q / rho);
                    for (double phi : new double[] {as - alpha, Math.PI - as - alpha}) {
                        double rel = mod2pi(phi - start);
                        if (rel >= width) continue;
                        // ZD as XDS writes it (F9.1), so frame numbers agree between memory and file.
                        double zd = Math.round(rel / Math.toRadians(w.oscillationDeg()) * 10) / 10.0;
                        int frame = (int) Math.floor(zd) + 1;
                        double g = w.scale() * Math.exp(-w.bA2() * s / 2) * (1 + w.driftPerFrame() * zd);
                        double iObs = g * iTrue;
                        if (w.badFrames().contains(frame)) {
                            iObs = g * 1000 * Math.exp(-30 * s / 2) * -Math.log(1 - random.nextDouble());
                        }
                        double sigma = Math.sqrt(Math.max(iObs, 0) + w.background() * w.background());
                        double noise = Math.sqrt(sigma * sigma + Math.pow(w.extraError() * iObs, 2));
                        double measured = iObs + noise * random.nextGaussian();
                        obs.add(new Observation(w.indexing().apply(m), measured, sigma, Math.round(10000 + 5000 * rx) / 10.0,
                                Math.round(10000 + 5000 * ry) / 10.0, zd,
                                1.0, 100, 90, 0.0));
                    }
                }
            }
        }
        XdsAsciiHeader header = new XdsAsciiHeader(false, true, group.number(), cell, wavelengthA, List.of(
                "!OUTPUT_FILE=XDS_ASCII.HKL        DATE=21-Nov-2026",
                "!Generated by mxflow SimulatedWedges (simulated truth)",
                String.format(java.util.Locale.ROOT, "!DATA_RANGE=%8d%8d", 1, w.frames()),
                String.format(java.util.Locale.ROOT, "!OSCILLATION_RANGE=  %.6f", w.oscillationDeg())));
        return new XdsAsciiFile(header, obs);
    }

    private static double mod2pi(double x) {
        double t = x % (2 * Math.PI);
        return t < 0 ? t + 2 * Math.PI : t;
    }

    /** A uniformly random rotation matrix (row-major) from a random unit quaternion. */
    static double[] randomRotation(Random random) {
        double u1 = random.nextDouble(), u2 = random.nextDouble(), u3 = random.nextDouble();
        double a = Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2), b = Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2);
        double c = Math.sqrt(u1) * Math.sin(2 * Math.PI * u3), d = Math.sqrt(u1) * Math.cos(2 * Math.PI * u3);
        return new double[] {
            1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c)};
    }
}
