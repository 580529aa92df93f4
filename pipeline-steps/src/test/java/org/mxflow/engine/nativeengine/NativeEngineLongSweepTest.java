package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.TruthComparison;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;

/**
 * A simulated 36° single sweep (longer than ScanVaryingRefiner.MIN_SWEEP_DEG, so the engine
 * refines a scan-varying crystal and predicts from it frame by frame): it must process with the
 * simulator's true cell to 0.3 % and give byte-identical outputs with one and three threads.
 */
class NativeEngineLongSweepTest {

    @TempDir
    Path tmp;

    @Test
    void longSweepIsProcessedWithAPerFrameCrystalAndStaysDeterministic() throws IOException {
        SimulationPreset small = SimulationPreset.small();
        SimulationPreset p = new SimulationPreset("long", Detector.pilatus("PILATUS3 test, S/N 10-0004", 2, 2, 100),
                new Beam(1.0, 0.02, 0.99), 0.5, 0.1, 1.9, 4.0e4, 2, small.groups(),
                List.of(new PinPlan("CPS0001", "01", "lys", "single", List.of("lysA"), 36)));
        BeamtimeSimulator.Result sim = new BeamtimeSimulator(p, 3).run(tmp.resolve("raw"), "long", LocalDate.of(2026, 11, 21));
        BeamtimeSimulator.DatasetTruth d = sim.datasets().get(0);
        Path template = sim.rawRoot().resolve(d.template());
        NativeOutcome one = new NativeEngine().process(new ProcessingRequest(template, tmp.resolve("n1"), 0, 0, 1, Optional.empty(), Optional.empty()));
        NativeOutcome three = new NativeEngine().process(new ProcessingRequest(template, tmp.resolve("n3"), 0, 0, 3, Optional.empty(), Optional.empty()));
        assertThat(one).as(String.valueOf(one)).isInstanceOf(NativeOutcome.Done.class);
        assertThat(three).isInstanceOf(NativeOutcome.Done.class);
        for (String f : List.of("XDS_ASCII.HKL", "XDS_ASCII.HKL_noscale", "CORRECT.LP")) {
            byte[] a = Files.readAllBytes(tmp.resolve("n1").resolve(f));
            assertThat(a.length).as(f).isGreaterThan(1000);
            assertThat(Files.readAllBytes(tmp.resolve("n3").resolve(f))).as(f).isEqualTo(a);
        }
        UnitCell truth = TruthComparison.truthCell(sim.truthDir().resolve(d.crystalId() + ".json"));
        XdsAsciiFile hkl = XdsAsciiReader.read(tmp.resolve("n1/XDS_ASCII.HKL"));
        double[] t = truth.toArray(), u = hkl.header().unitCell().toArray();
        String what = "ours " + hkl.header().unitCell().format() + " truth " + truth.format();
        System.out.println("36° sweep: " + what + ", " + hkl.observations().size() + " observations");
        for (int i = 0; i < 3; i++) assertThat(Math.abs(u[i] / t[i] - 1)).as(what).isLessThan(0.003);

        // result.json reports both refinements; the simulated crystal does not drift, so every knot's
        // cell is the true cell (0.3 %), and the scan-varying fit is no worse than the static one.
        var refinement = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("n1/result.json").toFile()).get("refinement");
        var fixed = refinement.get("static");
        var varying = refinement.get("scan_varying");
        assertThat(fixed.get("spots").asInt()).isGreaterThan(100);
        assertThat(varying.get("knot_phi_deg").size()).isGreaterThanOrEqualTo(2).isEqualTo(varying.get("knot_cells").size());
        for (var knotCell : varying.get("knot_cells")) {
            for (int i = 0; i < 3; i++) assertThat(Math.abs(knotCell.get(i).asDouble() / t[i] - 1)).as("%s", knotCell).isLessThan(0.003);
        }
        assertThat(varying.get("rmsd_xy_px").asDouble()).isLessThanOrEqualTo(fixed.get("rmsd_xy_px").asDouble() * 1.05);
    }
}
