package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.TruthComparison;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;

/**
 * Determinism and bad data on simulated wedges: the same images give byte-identical outputs
 * with 1 and 3 threads; a wedge of blank frames, a wedge where two crystals diffract at once,
 * and a header beam centre 30 px off each end as a value (Done or Failed with a reason), never
 * as an exception. Bad wedges are derived from simulated frames and written as new files.
 */
class NativeEngineRobustnessTest {

    @TempDir
    static Path tmp;
    static BeamtimeSimulator.Result sim;

    @BeforeAll
    static void simulate() throws IOException {
        SimulationPreset small = SimulationPreset.small();
        SimulationPreset p = new SimulationPreset("robust", Detector.pilatus("PILATUS3 test, S/N 10-0003", 2, 2, 100),
                new Beam(1.0, 0.02, 0.99), 0.5, 0.1, 1.9, 4.0e4, 2, small.groups(),
                List.of(new PinPlan("MUL0001", "01", "mix", "multi", List.of("lysA", "proC"), 10)));
        sim = new BeamtimeSimulator(p, 5).run(tmp.resolve("raw"), "robust", LocalDate.of(2026, 11, 21));
    }

    private static Path template(int i) {
        return sim.rawRoot().resolve(sim.datasets().get(i).template());
    }

    private static NativeOutcome process(Path dataset, String name, int threads) throws IOException {
        return new NativeEngine().process(new ProcessingRequest(dataset, tmp.resolve("proc").resolve(name), 0, 0, threads,
                Optional.empty(), Optional.empty()));
    }

    @Test
    void outputsAreByteIdenticalWithOneAndThreeThreads() throws IOException {
        NativeOutcome one = process(template(0), "n1", 1);
        NativeOutcome three = process(template(0), "n3", 3);
        assertThat(one).isInstanceOf(NativeOutcome.Done.class);
        assertThat(three).isInstanceOf(NativeOutcome.Done.class);
        for (String f : List.of("XDS_ASCII.HKL", "XDS_ASCII.HKL_noscale", "CORRECT.LP")) {
            byte[] a = Files.readAllBytes(tmp.resolve("proc/n1").resolve(f));
            assertThat(a.length).as(f).isGreaterThan(1000);
            assertThat(Files.readAllBytes(tmp.resolve("proc/n3").resolve(f))).as(f).isEqualTo(a);
        }
        // result.json is identical apart from the wall-clock timings
        ObjectMapper m = new ObjectMapper();
        ObjectNode r1 = (ObjectNode) m.readTree(tmp.resolve("proc/n1/result.json").toFile());
        ObjectNode r3 = (ObjectNode) m.readTree(tmp.resolve("proc/n3/result.json").toFile());
        r1.remove("timings_s");
        r3.remove("timings_s");
        assertThat(r3).isEqualTo(r1);
        assertThat(r1.get("status").asText()).isEqualTo("done");
        // no temporary files left behind
        try (var s = Files.list(tmp.resolve("proc/n1"))) {
            assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    /** Writes a derived copy of wedge 0 (frames 1–20) whose pixels/header come from {@code make}. */
    private static Path derive(String name, BiFunction<Integer, Frame, Frame> make) throws IOException {
        Path dir = tmp.resolve("derived").resolve(name);
        try (ImageSource src = ImageSources.open(template(0))) {
            for (int n = src.firstFrame(); n <= src.lastFrame(); n++) {
                CbfWriter.write(dir.resolve(String.format("%s_%05d.cbf", name, n)), make.apply(n, src.read(n)));
            }
        }
        return dir.resolve(name + "_00001.cbf");
    }

    @Test
    void blankWedgeFailsAtIndexingWithTheSpotCount() throws IOException {
        Path blank = derive("blank", (n, f) -> {
            SplittableRandom rnd = new SplittableRandom(n);
            int[] px = f.pixels().clone();
            for (int i = 0; i < px.length; i++) if (px[i] >= 0) px[i] = rnd.nextInt(4); // flat background, gaps kept
            return new Frame(n, f.header(), px);
        });
        NativeOutcome o = process(blank, "blank", 2);
        assertThat(o).isInstanceOf(NativeOutcome.Failed.class);
        NativeOutcome.Failed f = (NativeOutcome.Failed) o;
        assertThat(f.step()).isEqualTo("indexing");
        assertThat(f.reason()).matches("indexing: \\d+ spots, need 20");
        assertThat(Files.readString(tmp.resolve("proc/blank/result.json"))).contains("\"status\" : \"failed\"").contains("need 20");
        assertThat(tmp.resolve("proc/blank/XDS_ASCII.HKL")).doesNotExist();
    }

    @Test
    void twoLatticesAtOnceFailWithAReason() throws IOException {
        // wedge 1 (the P2₁2₁2₁ crystal) added pixel by pixel onto wedge 0 (the P4₃2₁2 crystal)
        try (ImageSource other = ImageSources.open(template(1))) {
            Path two = derive("twolat", (n, f) -> {
                try {
                    int[] a = f.pixels().clone(), b = other.read(n).pixels();
                    for (int i = 0; i < a.length; i++) if (a[i] >= 0 && b[i] >= 0) a[i] = (int) Math.min((long) a[i] + b[i], f.header().countCutoff());
                    return new Frame(n, f.header(), a);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            NativeOutcome o = process(two, "twolat", 2);
            assertThat(o).isInstanceOf(NativeOutcome.Failed.class);
            assertThat(((NativeOutcome.Failed) o).reason()).contains("index");
            System.out.println("two lattices: " + o);
        }
    }

    @Test
    void wrongBeamCentreIsFoundOrFailsClearly() throws IOException {
        Path moved = derive("moved", (n, f) -> {
            ImageHeader h = f.header();
            ImageHeader w = new ImageHeader(h.detector(), h.width(), h.height(), h.pixelSizeXMm(), h.pixelSizeYMm(), h.wavelengthA(),
                    h.distanceMm(), h.beamXPx() + 30, h.beamYPx() - 20, h.oscStartDeg(), h.oscWidthDeg(), h.exposureS(),
                    h.countCutoff(), h.frameCount());
            return new Frame(n, w, f.pixels());
        });
        NativeOutcome o = process(moved, "moved", 2);
        System.out.println("beam centre 30/-20 px off: " + o);
        if (o instanceof NativeOutcome.Done d) {
            // then the beam-centre search must have recovered the true lattice
            var truth = TruthComparison.truthCell(sim.truthDir().resolve(sim.datasets().get(0).crystalId() + ".json"));
            double[] u = d.statistics().cell().toArray(), t = truth.toArray();
            for (int i = 0; i < 3; i++) assertThat(Math.abs(u[i] / t[i] - 1)).isLessThan(0.005);
        } else {
            assertThat(((NativeOutcome.Failed) o).reason()).startsWith("indexing");
        }
    }
}
