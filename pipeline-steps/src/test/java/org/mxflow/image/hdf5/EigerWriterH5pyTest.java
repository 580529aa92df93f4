package org.mxflow.image.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxflow.image.EigerImageSource;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;

/**
 * An EIGER dataset written by {@link EigerWriter} (7 frames of 97x53 uint32 in data files of 3,
 * 3 and 1 frames: 5141 pixels = two full bitshuffle blocks, a partial one and 5 raw elements)
 * read back by an independent reader, h5py over libhdf5 1.10 with Debian's bitshuffle plug-in
 * (scripts/oracles/check_eiger_written.py), and by our own {@link EigerImageSource} (jhdf).
 *
 * <p>The files go to pipeline-steps/target/eiger-oracle/. When /usr/bin/python3 has h5py the
 * script reads them live; otherwise the committed fixture eiger-written/h5py_view.json, made
 * by the same script from files with the same SHA-256, stands in (a changed writer fails until
 * the fixture is remade as the script's doc says).
 */
class EigerWriterH5pyTest {

    static final Path OUT = Path.of("target/eiger-oracle");
    static final int W = 97;
    static final int H = 53;
    static final int FRAMES = 7;
    static final ImageHeader HEADER = new ImageHeader("Dectris EIGER2 X 1M (mxflow test)", W, H, 0.075, 0.075,
            0.97918, 120.5, 48.25, 26.5, 12.0, 0.1, 0.0099, 1_000_000, FRAMES);
    static int[][] frames = new int[FRAMES][];
    static int[] mask = new int[W * H];
    static JsonNode h5py;

    @BeforeAll
    static void write() throws Exception {
        SplittableRandom rng = new SplittableRandom(20260523);
        for (int y = 0; y < H; y++) {
            mask[y * W + 17] = 1;                       // a module-gap column
        }
        mask[5 * W + 3] = 2;                            // a dead pixel
        for (int f = 0; f < FRAMES; f++) {
            int[] px = new int[W * H];
            for (int i = 0; i < px.length; i++) {
                px[i] = mask[i] == 1 ? -1 : mask[i] == 2 ? -2 : rng.nextInt(0, 12 + 3 * f);
            }
            px[20 * W + 20] = 500 + 1000 * f;           // a spot
            px[2 * W + 2] = 1_000_000;                  // at saturation
            px[W * H - 1] = 70_000 + f;                 // the last (raw-copied) element, above 16 bits
            frames[f] = px;
        }
        Files.createDirectories(OUT);
        try (var stream = Files.list(OUT)) {
            for (Path p : stream.toList()) {
                Files.delete(p);
            }
        }
        try (EigerWriter w = new EigerWriter(OUT, "oracle_001", HEADER, 0.45, mask, 3)) {
            for (int[] f : frames) {
                w.append(f);
            }
        }
        h5py = readWithH5py();
    }

    private static JsonNode readWithH5py() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path master = OUT.resolve("oracle_001_master.h5");
        if (Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import h5py")
                .start().waitFor() == 0) {
            Path script = repoRoot().resolve("scripts/oracles/check_eiger_written.py");
            ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), master.toString());
            pb.environment().putIfAbsent("HDF5_PLUGIN_PATH", "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins");
            Path log = OUT.resolve("h5py.err");
            pb.redirectError(log.toFile());
            Process p = pb.start();
            byte[] json = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("h5py could not read our files: %s", Files.readString(log)).isZero();
            return new ObjectMapper().readTree(json);
        }
        JsonNode fixture;
        try (var in = EigerWriterH5pyTest.class.getResourceAsStream("/eiger-written/h5py_view.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fixture.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(sha256(Files.readAllBytes(OUT.resolve(e.getKey()))))
                    .as("%s changed since eiger-written/h5py_view.json was made; rerun scripts/oracles/check_eiger_written.py",
                            e.getKey())
                    .isEqualTo(e.getValue().asText());
        }
        return fixture;
    }

    @Test
    void h5pyReadsEveryFrameAsWritten() throws Exception {
        JsonNode links = h5py.get("links");
        assertThat(links).hasSize(3);
        int frame = 0;
        int[][] ranges = {{1, 3}, {4, 6}, {7, 7}};
        for (int k = 0; k < 3; k++) {
            JsonNode l = links.get(k);
            assertThat(l.get("name").asText()).isEqualTo(String.format("data_%06d", k + 1));
            assertThat(l.get("type").asText()).isEqualTo("ExternalLink");
            assertThat(l.get("file").asText()).isEqualTo(String.format("oracle_001_data_%06d.h5", k + 1));
            assertThat(l.get("path").asText()).isEqualTo("/entry/data/data");
            assertThat(l.get("dtype").asText()).isEqualTo("uint32");
            assertThat(l.get("chunks").toString()).isEqualTo("[1,53,97]");
            assertThat(l.get("filters").toString()).isEqualTo("[32008]");
            assertThat(l.get("filter_opts").toString()).isEqualTo("[0,3,4,0,2]");
            assertThat(l.get("attrs").get("image_nr_low").asInt()).isEqualTo(ranges[k][0]);
            assertThat(l.get("attrs").get("image_nr_high").asInt()).isEqualTo(ranges[k][1]);
            assertThat(l.get("shape").get(0).asInt()).isEqualTo(ranges[k][1] - ranges[k][0] + 1);
            for (JsonNode f : l.get("frames")) {
                assertThat(f.get("sha256_le_u4").asText()).as("frame %d", frame + 1).isEqualTo(sha256(asU32(frames[frame])));
                assertThat(f.get("valid_sum").asLong()).isEqualTo(validSum(frames[frame]));
                assertThat(f.get("max").asLong()).isEqualTo(1_000_000);
                frame++;
            }
        }
        assertThat(frame).isEqualTo(FRAMES);
    }

    @Test
    void h5pyReadsTheNxmxMetadataInSiUnits() {
        JsonNode m = h5py.get("metadata");
        assertThat(m.get("instrument/detector/x_pixel_size").asDouble()).isCloseTo(75e-6, within(1e-11));
        assertThat(m.get("instrument/detector/detector_distance").asDouble()).isCloseTo(0.1205, within(1e-8));
        assertThat(m.get("instrument/detector/beam_center_x").asDouble()).isEqualTo(48.25);
        assertThat(m.get("instrument/detector/sensor_thickness").asDouble()).isCloseTo(0.00045, within(1e-9));
        // As DECTRIS: the cutoff only in detectorSpecific; dxtbx's EIGER reader makes saturation_value from it.
        assertThat(m.has("instrument/detector/saturation_value")).isFalse();
        assertThat(m.get("instrument/detector/detectorSpecific/countrate_correction_count_cutoff").asLong())
                .isEqualTo(1_000_000);
        // DECTRIS geometry, as in the real EIGER 9M master (shared/data/real/single_frames): fast -x,
        // slow -y; origin = (beam centre px * pixel size, -distance) in metres.
        assertThat(m.get("instrument/detector/geometry/orientation/value").toString())
                .isEqualTo("[-1.0,0.0,0.0,0.0,-1.0,0.0]");
        JsonNode t = m.get("instrument/detector/geometry/translation/distances");
        assertThat(t.get(0).asDouble()).isCloseTo(48.25 * 75e-6, within(1e-8));
        assertThat(t.get(1).asDouble()).isCloseTo(26.5 * 75e-6, within(1e-8));
        assertThat(t.get(2).asDouble()).isCloseTo(-0.1205, within(1e-8));
        assertThat(m.get("instrument/detector/detector_number").asText()).isEqualTo("unknown");
        assertThat(m.get("sample/goniometer/omega_start").asDouble()).isCloseTo(12.0, within(1e-6));
        assertThat(m.get("sample/goniometer/omega_range_total").asDouble()).isCloseTo(0.7, within(1e-6));
        assertThat(m.get("sample/transformations/omega").get(6).asDouble()).isCloseTo(12.6, within(1e-5));
        assertThat(m.get("instrument/detector/description").asText()).isEqualTo(HEADER.detector());
        assertThat(m.get("instrument/detector/detectorSpecific/nimages").asInt()).isEqualTo(7);
        assertThat(m.get("instrument/detector/detectorSpecific/ntrigger").asInt()).isEqualTo(1);
        assertThat(m.get("instrument/detector/detectorSpecific/x_pixels_in_detector").asInt()).isEqualTo(97);
        assertThat(m.get("instrument/beam/incident_wavelength").asDouble()).isCloseTo(0.97918, within(1e-6));
        assertThat(m.get("sample/goniometer/omega").get(6).asDouble()).isCloseTo(12.6, within(1e-5));
        assertThat(m.get("sample/goniometer/omega_increment").asDouble()).isCloseTo(0.1, within(1e-7));
        assertThat(h5py.get("units").get("instrument/detector/detector_distance").asText()).isEqualTo("m");
        assertThat(h5py.get("units").get("instrument/beam/incident_wavelength").asText()).isEqualTo("angstrom");
        assertThat(h5py.get("nx_class").get("instrument/detector").asText()).isEqualTo("NXdetector");
        assertThat(h5py.get("nx_class").get("data").asText()).isEqualTo("NXdata");
        JsonNode mask = h5py.get("mask");
        assertThat(mask.get("shape").toString()).isEqualTo("[53,97]");
        assertThat(mask.get("bit0").asInt()).isEqualTo(53);
        assertThat(mask.get("bit1").asInt()).isEqualTo(1);
    }

    @Test
    void ourEigerReaderGetsTheSameFramesBack() throws IOException {
        try (EigerImageSource s = EigerImageSource.open(OUT.resolve("oracle_001_master.h5"))) {
            assertThat(s.firstFrame()).isEqualTo(1);
            assertThat(s.lastFrame()).isEqualTo(7);
            ImageHeader h = s.header();
            assertThat(h.distanceMm()).isEqualTo(120.5);
            assertThat(h.wavelengthA()).isEqualTo(0.97918);
            assertThat(h.countCutoff()).isEqualTo(1_000_000);
            assertThat(h.oscWidthDeg()).isCloseTo(0.1, within(1e-7));
            for (int f = 1; f <= FRAMES; f++) {
                Frame fr = s.read(f);
                assertThat(fr.pixels()).as("frame %d", f).isEqualTo(frames[f - 1]);
                assertThat(fr.header().oscStartDeg()).isCloseTo(12.0 + 0.1 * (f - 1), within(1e-5));
            }
        }
    }

    static byte[] asU32(int[] px) {
        ByteBuffer b = ByteBuffer.allocate(4 * px.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : px) {
            b.putInt(p < 0 ? -1 : p);
        }
        return b.array();
    }

    static long validSum(int[] px) {
        long s = 0;
        for (int p : px) {
            s += p < 0 ? 0 : p;
        }
        return s;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/oracles/check_eiger_written.py"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/oracles/check_eiger_written.py above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
