package org.mxflow.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Scan-varying refinement on simulated 360° sweeps whose truth is known (DriftingSweep: an
 * analytic drift of orientation and cell, 0.3 px / 0.05° Gaussian noise). With a drift of 0.3°
 * and +0.2 % cell growth, static refinement is left with a large RMSD while scan-varying
 * refinement recovers the crystal at every frame; without drift scan-varying is no worse than
 * static.
 */
class ScanVaryingRefinerTest {

    static final double XY_NOISE = 0.3, PHI_NOISE = 0.05;

    record Fit(GeometryRefiner.Result stat, ScanVaryingRefiner.Result sv) {}

    static Fit fit(DoubleFunction<CrystalModel> truth, List<IndexedObservation> obs, Experiment exp) {
        // the static start as indexing would give it: the truth half-way through, refined with the geometry fixed
        GeometryRefiner.Result stat = new GeometryRefiner(new GeometryRefiner.Settings('t', 0.5, 0.05, 40, 4.0, false, false, false))
                .refine(exp, truth.apply(180), obs);
        ScanVaryingRefiner.Result sv = new ScanVaryingRefiner(ScanVaryingRefiner.Settings.forFamily('t'))
                .refine(stat.experiment(), stat.crystal(), stat.used(), 1, 1800);
        return new Fit(stat, sv);
    }

    static double worstMisorientationDeg(ScanVaryingCrystal sv, DoubleFunction<CrystalModel> truth) {
        double worst = 0;
        for (int phi = 0; phi <= 360; phi += 5) worst = Math.max(worst, DriftingSweep.misorientationDeg(sv.at(phi), truth.apply(phi)));
        return worst;
    }

    @Test
    void driftingCrystalIsRecoveredFrameByFrame() {
        Experiment exp = DriftingSweep.pilatus();
        DoubleFunction<CrystalModel> truth = DriftingSweep.truth(0.3, 0.002);
        List<IndexedObservation> obs = DriftingSweep.observe(exp, truth, 360, 2.2, 0.08, XY_NOISE, PHI_NOISE, 11);
        Fit f = fit(truth, obs, exp);
        double staticXy = Math.hypot(f.stat().rmsdXPx(), f.stat().rmsdYPx());
        double svXy = Math.hypot(f.sv().rmsdXPx(), f.sv().rmsdYPx());
        double worst = worstMisorientationDeg(f.sv().crystal(), truth);
        System.out.printf("drift 0.3 deg +0.2%%: %d spots; static %.3f px %.4f deg (%d rejected); scan-varying %.3f px %.4f deg (%d rejected); worst per-frame misorientation %.4f deg; static misorientation at 0/360: %.3f %.3f deg%n",
                obs.size(), staticXy, f.stat().rmsdPhiDeg(), f.stat().rejected(), svXy, f.sv().rmsdPhiDeg(), f.sv().rejected(), worst,
                DriftingSweep.misorientationDeg(f.stat().crystal(), truth.apply(0)), DriftingSweep.misorientationDeg(f.stat().crystal(), truth.apply(360)));
        for (int phi = 0; phi <= 360; phi += 90)
            System.out.printf("  phi %3d: cell a %.3f (truth %.3f) c %.3f (truth %.3f), misorientation %.4f deg%n", phi,
                    f.sv().crystal().at(phi).unitCell().a(), truth.apply(phi).unitCell().a(),
                    f.sv().crystal().at(phi).unitCell().c(), truth.apply(phi).unitCell().c(),
                    DriftingSweep.misorientationDeg(f.sv().crystal().at(phi), truth.apply(phi)));
        double noiseXy = Math.hypot(XY_NOISE, XY_NOISE);
        assertThat(staticXy).as("static RMSD").isGreaterThan(1.5 * noiseXy);
        assertThat(svXy).as("scan-varying RMSD").isLessThan(1.05 * noiseXy);
        assertThat(f.sv().rmsdPhiDeg()).isLessThan(1.05 * PHI_NOISE);
        assertThat(worst).as("per-frame orientation").isLessThan(0.02);
        // the static fit sits between the ends; scan-varying follows the +0.2 % growth to within 0.05 %
        assertThat(DriftingSweep.misorientationDeg(f.stat().crystal(), truth.apply(0))).isGreaterThan(0.1);
        for (int phi = 0; phi <= 360; phi += 30) {
            assertThat(f.sv().crystal().at(phi).unitCell().a() / truth.apply(phi).unitCell().a() - 1).isBetween(-5e-4, 5e-4);
            assertThat(f.sv().crystal().at(phi).unitCell().c() / truth.apply(phi).unitCell().c() - 1).isBetween(-5e-4, 5e-4);
        }
    }

    @Test
    void withoutDriftScanVaryingIsNoWorseThanStatic() {
        Experiment exp = DriftingSweep.pilatus();
        DoubleFunction<CrystalModel> truth = DriftingSweep.truth(0, 0);
        List<IndexedObservation> obs = DriftingSweep.observe(exp, truth, 360, 2.2, 0.08, XY_NOISE, PHI_NOISE, 12);
        Fit f = fit(truth, obs, exp);
        double staticXy = Math.hypot(f.stat().rmsdXPx(), f.stat().rmsdYPx());
        double svXy = Math.hypot(f.sv().rmsdXPx(), f.sv().rmsdYPx());
        double worst = worstMisorientationDeg(f.sv().crystal(), truth);
        System.out.printf("no drift: %d spots; static %.3f px %.4f deg; scan-varying %.3f px %.4f deg; worst per-frame misorientation %.4f deg%n",
                obs.size(), staticXy, f.stat().rmsdPhiDeg(), svXy, f.sv().rmsdPhiDeg(), worst);
        assertThat(svXy).isLessThanOrEqualTo(staticXy * 1.001);
        assertThat(f.sv().rmsdPhiDeg()).isLessThanOrEqualTo(f.stat().rmsdPhiDeg() * 1.001);
        assertThat(svXy).isLessThan(1.05 * Math.hypot(XY_NOISE, XY_NOISE));
        assertThat(worst).isLessThan(0.02);
    }
}
