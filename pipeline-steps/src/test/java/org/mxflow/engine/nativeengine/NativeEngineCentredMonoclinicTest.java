package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;

/**
 * Issue 6: the C2 single sweep of {@code mxflow simulate --preset small} (PILATUS 1M at 150 mm,
 * 60 × 0.5°) came out mP / P 1 2 1 with a double-volume cell (a and c swapped, an A-centred
 * setting), because the engine re-reduced the indexer's conventional C-centred basis after P1
 * refinement as if it were primitive. XDS IDXREF and DIALS index such a sweep as mC, C 1 2 1
 * (DIALS does on this very preset: bench/results/validate_sim_with_dials.txt).
 */
class NativeEngineCentredMonoclinicTest {

    @TempDir
    Path tmp;

    @Test
    void c2SingleSweepIndexesAsMcWithTheTrueCell() throws IOException {
        // Only the small preset's C2 pin (CPS1012-06, monD, 30° single sweep): the same physics, a
        // sixth of the frames. With seed 1 this pin's crystal came out mP before the fix (checked).
        SimulationPreset small = SimulationPreset.small();
        PinPlan c2Pin = small.pins().stream().filter(p -> p.directoryName().equals("CPS1012-06")).findFirst().orElseThrow();
        SimulationPreset preset = new SimulationPreset("c2single", small.detector(), small.beam(), small.oscWidthDeg(),
                small.exposureS(), small.dMinA(), small.meanScale(), small.rasterSide(), small.groups(), List.of(c2Pin));
        BeamtimeSimulator.Result sim = new BeamtimeSimulator(preset, 1).run(tmp.resolve("raw"), "c2", LocalDate.of(2026, 11, 21));
        BeamtimeSimulator.DatasetTruth d = sim.datasets().get(0);
        assertThat(d.group()).isEqualTo("monD");
        Path work = tmp.resolve("proc");
        NativeOutcome o = new NativeEngine().process(new ProcessingRequest(sim.rawRoot().resolve(d.template()), work,
                0, 0, 2, Optional.empty(), Optional.empty()));
        assertThat(o).as(String.valueOf(o)).isInstanceOf(NativeOutcome.Done.class);
        NativeOutcome.Done done = (NativeOutcome.Done) o;

        JsonNode result = new ObjectMapper().readTree(work.resolve("result.json").toFile());
        assertThat(result.path("lattice").asText()).isEqualTo("mC");
        assertThat(done.statistics().spaceGroupNumber()).as(done.spaceGroup()).isEqualTo(5);

        // the simulator's truth (this crystal's own cell, drawn within 0.3 % of monD's 72.4 58.1 48.3 β 104.2),
        // in the standard C 1 2 1 setting that the engine must report
        UnitCell truth = TruthComparison.truthCell(sim.truthDir().resolve(d.crystalId() + ".json"));
        XdsAsciiFile hkl = XdsAsciiReader.read(work.resolve("XDS_ASCII.HKL"));
        double[] t = truth.toArray(), u = hkl.header().unitCell().toArray();
        String what = "ours " + hkl.header().unitCell().format() + " truth " + truth.format();
        for (int i = 0; i < 3; i++) assertThat(Math.abs(u[i] / t[i] - 1)).as(what).isLessThan(0.003);
        for (int i = 3; i < 6; i++) assertThat(Math.abs(u[i] - t[i])).as(what).isLessThan(0.3);
    }
}
