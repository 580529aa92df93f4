package org.mxflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.catalog.UnitKind;
import org.mxflow.cell.UnitCell;
import org.mxflow.engine.nativeengine.NativeOutcome;
import org.mxflow.engine.nativeengine.ProcessingRequest;
import org.mxflow.sheet.KnownSymmetry;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.simulate.SpaceGroupSetting;
import org.mxflow.simulate.StructureGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * A unit's spots are found once: the orchestrator's engine writes SPOT.XDS and hands the same
 * spots to the pipeline engine, whose outputs must be byte for byte those of the pipeline engine
 * finding the spots itself (simulated 10° wedge of a P4₃2₁2 crystal, with the sheet's prior).
 */
class SpotsFoundOnceTest {

    /** One multi pin, one 10° wedge of a P4₃2₁2 crystal on a 256x256 detector (as the scheduler tests' TinyBeamtime). */
    static final SimulationPreset ONE_WEDGE = new SimulationPreset("one-wedge",
            new Detector("PILATUS3 tiny, S/N 00-0001", 256, 256, 0.172, 60, 131.3, 124.6, 115897, 0.45, 0, 0, 0, 0),
            new Beam(1.0, 0.02, 0.99), 1.0, 0.1, 2.5, 4.0e4, 3,
            List.of(new StructureGroup("lysA", new UnitCell(78.6, 78.6, 37.9, 90, 90, 90), SpaceGroupSetting.p43212(), 60)),
            List.of(new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA"), 10)));

    static final KnownSymmetry SHEET = new KnownSymmetry("P43212", SpaceGroups.bySymbol("P43212"), new UnitCell(78.6, 78.6, 37.9, 90, 90, 90));

    @Test
    void handingOverTheSpotsGivesTheSameBytesAsFindingThemInTheEngine(@TempDir Path tmp) throws Exception {
        BeamtimeSimulator.Result sim = new BeamtimeSimulator(ONE_WEDGE, 5).run(tmp.resolve("sim"), "spots", LocalDate.of(2026, 11, 21));
        BeamtimeSimulator.DatasetTruth d = sim.datasets().get(0);
        Path template = sim.rawRoot().resolve(d.template());
        WorkUnit unit = new WorkUnit(UnitKind.PROCESS, template, d.firstFrame(), d.lastFrame(), "once", Optional.of(SHEET));

        Path once = Files.createDirectories(tmp.resolve("once"));
        ProcessingOutcome o = NativeEngine.withDialsDefaults().process(unit, once, 2);
        assertThat(o).as(o.toString()).isInstanceOf(ProcessingOutcome.Done.class);
        Path inside = tmp.resolve("inside");
        NativeOutcome n = new org.mxflow.engine.nativeengine.NativeEngine().process(NativeEngine.request(unit, template, inside, 2));
        assertThat(n).as(n.toString()).isInstanceOf(NativeOutcome.Done.class);
        assertThat(((NativeOutcome.Done) n).statistics().spaceGroupNumber()).as("the sheet's group, forced").isEqualTo(96);

        List<Path> files;
        try (Stream<Path> s = Files.walk(inside)) {
            files = s.filter(Files::isRegularFile).map(inside::relativize).sorted().toList();
        }
        assertThat(files).extracting(Path::toString).contains("XDS_ASCII.HKL", "XDS_ASCII.HKL_noscale", "CORRECT.LP", "ccp4/XDS_ASCII.mtz");
        for (Path f : files) {
            if (f.toString().equals("result.json")) {
                continue;
            }
            assertThat(Files.readAllBytes(once.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(inside.resolve(f)));
        }
        // result.json: the pipeline engine's part of ours, equal but for the timings
        ObjectMapper json = new ObjectMapper();
        JsonNode ours = json.readTree(once.resolve("result.json").toFile()).get("integration").deepCopy();
        JsonNode theirs = json.readTree(inside.resolve("result.json").toFile());
        ((ObjectNode) ours).remove("timings_s");
        ((ObjectNode) theirs).remove("timings_s");
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.get("spots_per_frame")).hasSize(10);

        // The engine uses the spots it is given and does not look for its own: none given, nothing to index.
        NativeOutcome none = new org.mxflow.engine.nativeengine.NativeEngine().process(new ProcessingRequest(template, tmp.resolve("none"),
                d.firstFrame(), d.lastFrame(), 1, Optional.empty(), Optional.empty()).withSpots(List.of()));
        assertThat(none).isInstanceOf(NativeOutcome.Failed.class);
        assertThat(((NativeOutcome.Failed) none).reason()).contains("0 spots, need 20");
    }
}
