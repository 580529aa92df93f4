package org.mxflow.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

class RotationGeometryTest {

    // λ = 1 Å along +z, axis +x, flat detector 100 mm away, 0.1 mm pixels, origin (1000, 1000).
    static final Experiment SIMPLE = new Experiment(new Beam(1.0, new Vec3(0, 0, 1)),
            new Goniometer(new Vec3(1, 0, 0), 0, 0.1, 1),
            new Detector(1000, 1000, 100, 0.1, 0.1, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 2000, 2000));

    @Test
    void cubicAxialReflectionDiffractsAtTheBraggAngleAndLandsAtDistanceTimesTanTwoTheta() {
        // (0 1 0) of a 50 Å cubic cell, U = I: b* = 0.02 Å⁻¹ along y; rotating about x brings it onto
        // the Ewald sphere when 2 s0·r = −|r|², i.e. sin φ = −λ/(2d) = −0.01 (hand calculation).
        CrystalModel crystal = CrystalModel.of(new UnitCell(50, 50, 50, 90, 90, 90), Mat3.IDENTITY);
        RotationGeometry.PredictedSpot s = RotationGeometry.predictNear(SIMPLE, crystal, 0, 1, 0, 0);
        double theta = Math.asin(1.0 / (2 * 50));
        assertThat(s.phiDeg()).isCloseTo(-Math.toDegrees(theta), within(1e-9));
        assertThat(s.xPx()).isCloseTo(1000, within(1e-9));
        // y = ORGY + F·tan 2θ / QY = 1000 + 100·tan(1.14593°)/0.1 = 1020.0030 px
        assertThat(s.yPx()).isCloseTo(1000 + 100 * Math.tan(2 * theta) / 0.1, within(1e-9));
        assertThat(s.yPx()).isCloseTo(1020.0030, within(1e-4));
        // the other solution is on the far side: φ = 180° + θ
        double[] both = RotationGeometry.diffractingAnglesRad(crystal.reciprocalVector(0, 1, 0), SIMPLE.beam().s0(), new Vec3(1, 0, 0));
        assertThat(both).hasSize(2);
        double other = Math.toDegrees(Math.abs(both[0] + Math.asin(0.01)) < 1e-9 ? both[1] : both[0]);
        assertThat(((other % 360) + 360) % 360).isCloseTo(180 + Math.toDegrees(theta), within(1e-9));
        // frame coordinate: φ = start + z·width with start frame 1 → z = φ/0.1
        assertThat(s.zFrame()).isCloseTo(s.phiDeg() / 0.1, within(1e-9));
    }

    @Test
    void reflectionAlongTheRotationAxisNeverDiffracts() {
        CrystalModel crystal = CrystalModel.of(new UnitCell(50, 50, 50, 90, 90, 90), Mat3.IDENTITY);
        // (1 0 0) lies on the axis: s0·r = 0 for every φ, so it is in the blind region.
        assertThat(RotationGeometry.diffractingAnglesRad(crystal.reciprocalVector(3, 0, 0), SIMPLE.beam().s0(), new Vec3(1, 0, 0))).isEmpty();
    }

    @Test
    void predictThenBackProjectRecoversTheReciprocalLatticeVector() {
        Random rnd = new Random(5);
        Mat3 u = Mat3.rotation(new Vec3(0.3, -0.5, 0.8).normalized(), 0.7);
        CrystalModel crystal = CrystalModel.of(new UnitCell(61.2, 70.3, 88.8, 90, 103.4, 90), u);
        Experiment exp = new Experiment(new Beam(0.9795, new Vec3(0.001, 0.002, 1)),
                new Goniometer(new Vec3(1, 0.01, 0), 10, 0.2, 1),
                new Detector(1230, 1270, 190, 0.172, 0.172, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 2463, 2527));
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            int h = rnd.nextInt(21) - 10, k = rnd.nextInt(21) - 10, l = rnd.nextInt(21) - 10;
            for (RotationGeometry.PredictedSpot s : RotationGeometry.predictInRange(exp, crystal, h, k, l, 10, 370)) {
                Vec3 back = RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame());
                Vec3 r0 = crystal.reciprocalVector(h, k, l);
                assertThat(back.minus(r0).length()).isLessThan(1e-10);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void crystalModelReturnsItsCellAndOrientation() {
        Mat3 u = Mat3.rotation(new Vec3(1, 2, 3).normalized(), 1.1);
        UnitCell cell = new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90);
        CrystalModel c = CrystalModel.of(cell, u);
        assertThat(c.unitCell().maxRelativeDifference(cell)).isLessThan(1e-10);
        double[] d = c.u().toArray(), e = u.toArray();
        for (int i = 0; i < 9; i++) assertThat(d[i]).isCloseTo(e[i], within(1e-10));
        // reciprocal basis length = 1/d(100) of the cell
        assertThat(c.reciprocalVector(1, 0, 0).length()).isCloseTo(1 / cell.dSpacing(1, 0, 0), within(1e-12));
    }
}
