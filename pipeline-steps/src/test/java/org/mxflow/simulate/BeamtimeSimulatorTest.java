package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.image.CbfReader;
import org.mxflow.image.Frame;

class BeamtimeSimulatorTest {

    /** A beamtime small enough for a unit test: one PILATUS module column (487 x 407 px), few frames. */
    static SimulationPreset tiny() {
        return new SimulationPreset("tiny", Detector.pilatus("PILATUS3 test, S/N 10-0001", 1, 2, 80),
                new Beam(1.0, 0.02, 0.99), 0.5, 0.1, 2.5, 4e4, 2,
                List.of(new StructureGroup("proC", new UnitCell(52.3, 63.5, 71.9, 90, 90, 90),
                        SpaceGroupSetting.p212121(), 60)),
                List.of(new PinPlan("MUL0001", "01", "pro", "multi", List.of("proC", "proC"), 2),
                        new PinPlan("CPS0001", "02", "pro", "single", List.of("proC"), 2)));
    }

    @TempDir
    static Path out;
    static BeamtimeSimulator.Result result;

    @BeforeAll
    static void simulate() throws IOException {
        result = new BeamtimeSimulator(tiny(), 42).run(out.resolve("a"), "test", LocalDate.of(2026, 11, 21));
    }

    @Test
    void writesTheZooTreeWithTheTruthBesideIt() throws IOException {
        Path root = out.resolve("a/261121_BL45XU_test");
        assertThat(result.rawRoot()).isEqualTo(root);
        assertThat(result.truthDir()).isEqualTo(out.resolve("a/261121_BL45XU_test_truth"));
        assertThat(result.truthDir().startsWith(root)).isFalse();
        assertThat(root.resolve("MUL0001-01/data00/MUL0001-01-multi_001_00004.cbf")).isRegularFile();
        assertThat(root.resolve("MUL0001-01/data00/MUL0001-01-multi_002_00001.cbf")).isRegularFile();
        assertThat(root.resolve("MUL0001-01/data00/MUL0001-01-multi_001_00005.cbf")).doesNotExist();
        assertThat(root.resolve("CPS0001-02/data00/CPS0001-02-single_001_00004.cbf")).isRegularFile();
        try (Stream<Path> s = Files.list(root.resolve("MUL0001-01/scan00/2d"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".cbf")).count()).isEqualTo(4);
        }
        assertThat(root.resolve("CPS0001-02/scan00/lv00_00")).isDirectory();
        assertThat(result.framesWritten()).isEqualTo(3 * 4 + 2 * 4 + 3);
        String csv = Files.readString(root.resolve("261121_BL45XU_test.csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(
                "puckid,pinid,sample_name,mode,wavelength,total_osc,osc_width,exp_time,n_crystals,resolution,space_group,cell,anomalous");
        assertThat(csv.lines().skip(1).toList()).hasSize(2).first().asString().startsWith("MUL0001,01,pro,multi,1.0000,2.0,0.50");
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(p -> p.toString().endsWith(".part")).count()).isZero();
        }
    }

    @Test
    void truthRecordsEachCrystalAndTheIntensitiesOfTheStructure() throws IOException {
        JsonNode c = new ObjectMapper().readTree(result.truthDir().resolve("MUL0001-01-multi_002.json").toFile());
        assertThat(c.get("space_group").asText()).isEqualTo("P 21 21 21");
        assertThat(c.get("cell").get(0).asDouble()).isBetween(52.3 * 0.98, 52.3 * 1.02);
        assertThat(c.get("template").asText()).isEqualTo("MUL0001-01/data00/MUL0001-01-multi_002_?????.cbf");
        assertThat(c.get("U")).hasSize(9);
        List<String> hkl = Files.readAllLines(result.truthDir().resolve("intensities_proC.hkl"));
        // Unique reflections of P212121 (mmm, with Friedel) to 2.4 Å in this cell: about V/(8 d³)·4π/3.
        double expected = 52.3 * 63.5 * 71.9 * 4 * Math.PI / 3 / Math.pow(2.5 * 0.97, 3) / 8;
        assertThat((double) hkl.size()).isBetween(expected * 0.9, expected * 1.15);
    }

    /** The brightest spot of a frame sits where the geometry predicts one of that frame's reflections. */
    @Test
    void brightestPixelLiesOnAPredictedSpotAndGapsAreMinusOne() throws IOException {
        Path f = result.rawRoot().resolve("CPS0001-02/data00/CPS0001-02-single_001_00002.cbf");
        Frame frame = CbfReader.read(f);
        int[] px = frame.pixels();
        // The header carries the geometry of the simulation (read back by the images module's reader).
        assertThat(frame.header().width()).isEqualTo(487);
        assertThat(frame.header().height()).isEqualTo(407);
        assertThat(frame.header().distanceMm()).isCloseTo(80.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(frame.header().oscWidthDeg()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(frame.header().countCutoff()).isEqualTo(115897);
        assertThat(px[200 * 487 + 100]).isEqualTo(-1); // row 200 lies in the 17-px gap after module row 0
        int best = 0;
        for (int i = 1; i < px.length; i++) {
            if (px[i] > px[best]) {
                best = i;
            }
        }
        int bx = best % 487, by = best / 487;
        BeamtimeSimulator.DatasetTruth ds = result.datasets().get(2);
        assertThat(frame.header().oscStartDeg()).isCloseTo(ds.startDeg() + 0.5, org.assertj.core.api.Assertions.within(1e-4));
        Crystal crystal = result.crystals().get(2);
        double a = ds.startDeg() + 0.5, b = a + 0.5;
        SimulationPreset p = tiny();
        StructureFactors any = StructureFactors.compute(AtomicModel.random(1, new java.util.SplittableRandom(1)),
                crystal.cell(), crystal.spaceGroup(), 2.4);
        List<PredictedReflection> pred = ReflectionPredictor.predict(crystal, any, p.beam(), Goniometer.standard(),
                p.detector(), a, b, p.dMinA());
        boolean near = pred.stream().anyMatch(r -> Partiality.fraction(r.phiDeg(), r.sigmaPhiDeg(), a, b) > 0.05
                && Math.abs(r.xPx() - bx - 0.5) < 3 && Math.abs(r.yPx() - by - 0.5) < 3);
        assertThat(near).as("brightest pixel (%d, %d) of %s", bx, by, f.getFileName()).isTrue();
        assertThat(px[best]).isGreaterThan(50);
    }

    @Test
    void theSameSeedGivesTheSameFramesAndAnExistingRootIsRefused() throws IOException {
        BeamtimeSimulator.Result again = new BeamtimeSimulator(tiny(), 42).run(out.resolve("b"), "test",
                LocalDate.of(2026, 11, 21));
        String frame = "MUL0001-01/data00/MUL0001-01-multi_001_00003.cbf";
        assertThat(Files.readAllBytes(again.rawRoot().resolve(frame)))
                .isEqualTo(Files.readAllBytes(result.rawRoot().resolve(frame)));
        assertThatThrownBy(() -> new BeamtimeSimulator(tiny(), 42).run(out.resolve("b"), "test",
                LocalDate.of(2026, 11, 21))).hasMessageContaining("already exists");
        assertThatThrownBy(() -> BeamtimeSimulator.rootName(LocalDate.of(2026, 1, 1), "../x"))
                .hasMessageContaining("letters and digits");
    }
}
