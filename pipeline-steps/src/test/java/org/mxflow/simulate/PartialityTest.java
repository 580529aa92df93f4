package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

class PartialityTest {

    @Test
    void errorFunctionMatchesTabulatedValues() {
        // Abramowitz & Stegun Table 7.1.
        assertThat(Partiality.erf(0.5)).isCloseTo(0.5204998778, within(2e-7));
        assertThat(Partiality.erf(1.0)).isCloseTo(0.8427007929, within(2e-7));
        assertThat(Partiality.erf(2.0)).isCloseTo(0.9953222650, within(2e-7));
        assertThat(Partiality.erf(-1.0)).isCloseTo(-0.8427007929, within(2e-7));
    }

    @Test
    void partialsOfOneReflectionAddUpToTheWholeAcrossFrames() {
        double sum = 0;
        for (int i = 0; i < 40; i++) {
            sum += Partiality.fraction(10.23, 0.35, i * 0.5, i * 0.5 + 0.5);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        // Half of a centred reflection falls on each side of the frame boundary.
        assertThat(Partiality.fraction(5.0, 0.2, 4.0, 5.0)).isCloseTo(0.5, within(1e-6));
        // ±1σ holds 68.27%.
        assertThat(Partiality.fraction(5.0, 0.2, 4.8, 5.2)).isCloseTo(0.682689, within(1e-5));
    }

    /**
     * Renders every frame of a 30° sweep noise-free, one reflection at a time, and checks that the
     * counts the frames hold above background add up to the reflection's full counts (< 1%): the
     * partials over φ and the spot over pixels both conserve the integrated intensity.
     */
    @Test
    void integratedCountsOverPartialsEqualTheFullIntensity() {
        Detector det = new Detector("t", 600, 600, 0.172, 100, 300, 300, Integer.MAX_VALUE, 0.45, 0, 0, 0, 0);
        Beam beam = new Beam(1.0, 0.02, 0.99);
        Crystal crystal = new Crystal("x", "g", new UnitCell(40, 50, 60, 90, 90, 90), SpaceGroupSetting.p212121(),
                Matrix3.randomRotation(new java.util.SplittableRandom(3)), 0.3, 1000, 20);
        StructureFactors sf = StructureFactors.compute(
                AtomicModel.random(20, new java.util.SplittableRandom(4)), crystal.cell(), crystal.spaceGroup(), 3.0);
        List<PredictedReflection> all = ReflectionPredictor.predict(crystal, sf, beam, Goniometer.standard(), det,
                0, 30, 3.0);
        List<PredictedReflection> inside = all.stream()
                .filter(r -> r.phiDeg() > 5 && r.phiDeg() < 25 && r.sigmaPhiDeg() < 1.0 && r.fullCounts() > 1)
                .filter(r -> r.xPx() > 10 && r.xPx() < 590 && r.yPx() > 10 && r.yPx() < 590)
                .limit(25).toList();
        assertThat(inside).hasSizeGreaterThan(10);
        double[] zero = new double[600 * 600];
        FrameRenderer renderer = new FrameRenderer(det, zero);
        for (PredictedReflection r : inside) {
            double total = 0;
            for (int i = 0; i < 60; i++) {
                double[] img = renderer.expectedCounts(List.of(r), i * 0.5, i * 0.5 + 0.5, 0, 1.0);
                for (double v : img) {
                    total += v;
                }
            }
            assertThat(total).as("reflection %d %d %d", r.h(), r.k(), r.l()).isCloseTo(r.fullCounts(),
                    within(0.01 * r.fullCounts()));
        }
    }
}
