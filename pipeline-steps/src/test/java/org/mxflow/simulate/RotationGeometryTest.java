package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

class RotationGeometryTest {

    private static final Beam BEAM = new Beam(1.0, 0.0, 0.99);
    private static final Vector3 AXIS = new Vector3(1, 0, 0);

    @Test
    void rightHandedRotationAboutXTakesYToZ() {
        Vector3 v = Matrix3.rotation(AXIS, Math.PI / 2).times(new Vector3(0, 1, 0));
        assertThat(v.z()).isCloseTo(1, within(1e-12));
        assertThat(v.y()).isCloseTo(0, within(1e-12));
    }

    /*
     * Hand calculation. Cubic cell a = 50 Å, U = identity, λ = 1 Å: reflection (0 0 5) has
     * d = 10 Å and r0 = (0, 0, 0.1) Å⁻¹. Rotating about +x by φ gives r = (0, -0.1 sinφ, 0.1 cosφ);
     * |s0 + r|² = |s0|² with s0 = (0, 0, -1) gives 0.01 - 0.2 cosφ = 0, cosφ = 0.05,
     * φ = ±87.1340°. At φ = +87.134°, s1 = (0, -0.0998749, -0.995): 2θ = 5.7320° (sinθ = λ/2d = 0.05),
     * and on a detector 150 mm away the spot is D tan2θ = 15.0566 mm = 87.538 px from the beam
     * along +slow (lab -y is +slow), at the beam's fast coordinate.
     */
    @Test
    void reflectionOnTheEwaldSphereIsPredictedAtTheRightAngleAndPixel() {
        double[] phis = RotationGeometry.ewaldCrossings(new Vector3(0, 0, 0.1), BEAM.s0(), AXIS);
        assertThat(phis).hasSize(2);
        double expected = Math.toDegrees(Math.acos(0.05));
        assertThat(expected).isCloseTo(87.1340, within(1e-4));
        assertThat(Math.toDegrees(Math.max(phis[0], phis[1]))).isCloseTo(expected, within(1e-9));
        assertThat(Math.toDegrees(Math.min(phis[0], phis[1]))).isCloseTo(-expected, within(1e-9));

        Detector flat = new Detector("test", 1000, 1000, 0.172, 150, 500.0, 400.0, 1000000, 0, 0, 0, 0, 0);
        Crystal crystal = new Crystal("x", "g", new UnitCell(50, 50, 50, 90, 90, 90), SpaceGroupSetting.p4(),
                Matrix3.identity(), 0.1, 1, 0);
        List<PredictedReflection> predicted = ReflectionPredictor.predict(crystal, uniformIntensities(crystal),
                BEAM, Goniometer.standard(), flat, 80, 95, 9.9);
        PredictedReflection r = predicted.stream().filter(p -> p.h() == 0 && p.k() == 0 && p.l() == 5)
                .findFirst().orElseThrow();
        assertThat(r.phiDeg()).isCloseTo(87.1340, within(1e-4));
        assertThat(r.xPx()).isCloseTo(500.0, within(1e-9));
        assertThat(r.yPx()).isCloseTo(400.0 + 87.538, within(1e-3));
        assertThat(r.dA()).isCloseTo(10.0, within(1e-12));
        // In the plane perpendicular to the axis: ζ = 1 and L = 1/sin2θ = 1/0.0998749 = 10.0125.
        assertThat(Math.abs(r.zeta())).isCloseTo(1.0, within(1e-9));
        assertThat(r.lorentz()).isCloseTo(10.0125, within(1e-4));
    }

    /*
     * Parallax by hand for the spot above: μ(Si, 1 Å) = 4.208 mm⁻¹, t = 0.45 mm, cos2θ = 0.995:
     * mean path o = 1/μ - (t/cos + 1/μ) exp(-μt/cos) = 0.23764 - 0.68990 × 0.14912 = 0.13476 mm,
     * lateral shift o sin2θ = 0.013459 mm = 0.07825 px outward.
     */
    @Test
    void silicionAbsorptionDepthShiftsTheSpotOutwardAsDialsModelsParallax() {
        Vector3 s1 = new Vector3(0, -0.1 * Math.sin(Math.acos(0.05)), -1 + 0.1 * 0.05);
        Detector thin = new Detector("t", 1000, 1000, 0.172, 150, 500, 400, 1000000, 0, 0, 0, 0, 0);
        Detector thick = new Detector("t", 1000, 1000, 0.172, 150, 500, 400, 1000000, 0.45, 0, 0, 0, 0);
        double shift = thick.intersect(s1, 1.0)[1] - thin.intersect(s1, 1.0)[1];
        assertThat(shift).isCloseTo(0.07825, within(2e-4));
    }

    /*
     * P = p(1 - (ŝ1·x)²) + (1 - p)(1 - (ŝ1·y)²). Vertical plane, 2θ = 30°: 1 - 0.01 × 0.25 = 0.9975.
     * Horizontal plane, 2θ = 30°: 0.99 × 0.75 + 0.01 = 0.7525. Unpolarised (p = 0.5):
     * (1 + cos²2θ)/2 = 0.875. Horizontal at 2θ = 90°: only the 1% vertical component scatters.
     */
    @Test
    void polarizationFactorAtKnownAngles() {
        double s = Math.sin(Math.toRadians(30)), c = Math.cos(Math.toRadians(30));
        assertThat(RotationGeometry.polarization(new Vector3(0, s, -c), 0.99)).isCloseTo(0.9975, within(1e-12));
        assertThat(RotationGeometry.polarization(new Vector3(s, 0, -c), 0.99)).isCloseTo(0.7525, within(1e-12));
        assertThat(RotationGeometry.polarization(new Vector3(s, 0, -c), 0.5)).isCloseTo(0.875, within(1e-12));
        assertThat(RotationGeometry.polarization(new Vector3(0, s, -c), 0.5)).isCloseTo(0.875, within(1e-12));
        assertThat(RotationGeometry.polarization(new Vector3(1, 0, 0), 0.99)).isCloseTo(0.01, within(1e-12));
    }

    /*
     * A reflection out of the plane normal to the axis: ζ = e·(s1×s0)/|s1×s0| < 1 and
     * L = 1/|sin2θ ζ|. s1 = (sin2θ cosψ, -sin2θ sinψ, -cos2θ)/λ with 2θ = 20°, ψ = 40° from the axis:
     * s1 × s0 ∝ (sin2θ sinψ, sin2θ cosψ, 0)... so ζ = sinψ = 0.6428, L = 1/(0.34202 × 0.64279) = 4.5487.
     */
    @Test
    void lorentzFactorGrowsAsTheReflectionApproachesTheAxis() {
        double tt = Math.toRadians(20), psi = Math.toRadians(40);
        Vector3 s1 = new Vector3(Math.sin(tt) * Math.cos(psi), -Math.sin(tt) * Math.sin(psi), -Math.cos(tt));
        assertThat(Math.abs(RotationGeometry.zeta(AXIS, BEAM.s0(), s1))).isCloseTo(0.64279, within(1e-5));
        assertThat(RotationGeometry.lorentz(AXIS, BEAM.s0(), s1)).isCloseTo(4.5487, within(1e-3));
        assertThat(Math.toDegrees(RotationGeometry.twoTheta(BEAM.s0(), s1))).isCloseTo(20, within(1e-9));
    }

    @Test
    void pointsBeyondTheLimitingSphereNeverDiffract() {
        assertThat(RotationGeometry.ewaldCrossings(new Vector3(0, 0, 2.01), BEAM.s0(), AXIS)).isEmpty();
        // On the axis itself a point never moves: it stays out of the Ewald sphere (the blind region).
        assertThat(RotationGeometry.ewaldCrossings(new Vector3(0.3, 0, 0), BEAM.s0(), AXIS)).isEmpty();
    }

    static StructureFactors uniformIntensities(Crystal c) {
        AtomicModel one = new AtomicModel(List.of(new AtomicModel.Atom(ScatteringFactor.C, 0, 0, 0)));
        return StructureFactors.compute(one, c.cell(), SpaceGroupSetting.of(1, "P 1", "x,y,z"), 9.0);
    }
}
