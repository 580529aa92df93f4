package org.mxflow.indexing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.Beam;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Detector;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.Goniometer;
import org.mxflow.geometry.RotationGeometry;
import org.mxflow.geometry.Vec3;

/**
 * Strong-spot lists with known truth: every reflection of a crystal (cell, U, centring) to a
 * resolution limit is predicted with our own geometry over a rotation range, a random subset
 * kept, Gaussian noise added (x, y in px, φ in degrees) and a fraction of uniformly random
 * false spots mixed in.
 */
final class SimulatedSpots {

    /** PILATUS 6M-like geometry: λ 0.9795 Å, 200 mm, 0.172 mm pixels, 2463 × 2527, axis +x. */
    static Experiment pilatus(double phiWidthDeg) {
        return new Experiment(new Beam(0.9795, new Vec3(0, 0, 1)), new Goniometer(new Vec3(1, 0, 0), 0, phiWidthDeg, 1),
                new Detector(1231.5, 1263.5, 200, 0.172, 0.172, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 2463, 2527));
    }

    static List<ObservedSpot> generate(Experiment exp, CrystalModel crystal, char centring, double phiRangeDeg, double dMinA,
                                       int maxSpots, double xyNoisePx, double phiNoiseDeg, double falseFraction, long seed) {
        Random rnd = new Random(seed);
        UnitCell cell = crystal.unitCell();
        int hm = (int) (cell.a() / dMinA) + 1, km = (int) (cell.b() / dMinA) + 1, lm = (int) (cell.c() / dMinA) + 1;
        double phi0 = exp.goniometer().phiStartDeg();
        List<ObservedSpot> spots = new ArrayList<>();
        for (int h = -hm; h <= hm; h++)
            for (int k = -km; k <= km; k++)
                for (int l = -lm; l <= lm; l++) {
                    if (h == 0 && k == 0 && l == 0) continue;
                    if (centring == 'C' && ((h + k) & 1) != 0) continue;
                    if (centring == 'I' && ((h + k + l) & 1) != 0) continue;
                    if (crystal.reciprocalVector(h, k, l).length() > 1 / dMinA) continue;
                    for (RotationGeometry.PredictedSpot p : RotationGeometry.predictInRange(exp, crystal, h, k, l, phi0, phi0 + phiRangeDeg)) {
                        if (p.xPx() < 0 || p.yPx() < 0 || p.xPx() >= exp.detector().nx() || p.yPx() >= exp.detector().ny()) continue;
                        double z = exp.goniometer().zFrame(p.phiDeg() + rnd.nextGaussian() * phiNoiseDeg);
                        spots.add(new ObservedSpot(p.xPx() + rnd.nextGaussian() * xyNoisePx, p.yPx() + rnd.nextGaussian() * xyNoisePx, z));
                    }
                }
        Collections.shuffle(spots, rnd);
        if (spots.size() > maxSpots) spots = new ArrayList<>(spots.subList(0, maxSpots));
        int nFalse = (int) Math.round(falseFraction * spots.size());
        for (int i = 0; i < nFalse; i++) {
            spots.add(new ObservedSpot(rnd.nextDouble() * exp.detector().nx(), rnd.nextDouble() * exp.detector().ny(),
                    exp.goniometer().zFrame(phi0 + rnd.nextDouble() * phiRangeDeg)));
        }
        Collections.shuffle(spots, rnd);
        return spots;
    }

    private SimulatedSpots() {}
}
