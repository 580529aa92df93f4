package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against fabio: src/test/resources/oracles/cbfwriter_sample.cbf was written by
 * {@link #sampleFrame()} through CbfWriter, then scripts/oracles/check_cbfwriter.py read it with
 * fabio 0.14 and recorded what fabio sees in cbfwriter_fabio.json. Here the writer must still
 * produce those exact bytes, and fabio's numbers must be the frame's.
 */
class CbfWriterTest {

    static final int W = 37;
    static final int H = 29;

    /** A frame exercising every byte-offset width: small steps, 16-bit, 32-bit and 64-bit deltas, gaps, bad pixels. */
    static Frame sampleFrame() {
        int[] px = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = (int) (((long) x * 7919 + (long) y * 104729 + (long) x * y * 31) % 200003) - 100;
            }
        }
        for (int x = 0; x < W; x++) {
            px[10 * W + x] = -1;                      // a module-gap row
        }
        px[3] = 5;
        px[4] = 7;
        px[5] = -2;                                   // a bad pixel
        px[20 * W + 7] = Integer.MAX_VALUE;
        px[20 * W + 8] = Integer.MIN_VALUE + 3;       // a delta beyond 32 bits: wraps, as in CBFlib
        px[20 * W + 9] = 115897;                      // at the count cutoff: overload
        ImageHeader h = new ImageHeader("PILATUS3 6M, S/N 60-0119", W, H, 0.172, 0.172, 0.96859, 351.0,
                1261.61, 1306.96, 89.9997, 0.1, 0.019, 115897, 1);
        return new Frame(1, h, px);
    }

    @Test
    void roundTripGivesBackEveryPixelAndHeaderValue(@TempDir Path dir) throws IOException {
        Frame f = sampleFrame();
        for (String name : new String[] {"s_00001.cbf", "s_00002.cbf.gz"}) {
            Path file = dir.resolve(name);
            CbfWriter.write(file, f);
            Frame back = CbfReader.read(file);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // frames are read by other users' programs: the umask's permissions, not createTempFile's 0600
                Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
                assertThat(Files.getPosixFilePermissions(file)).as(name).isEqualTo(Files.getPosixFilePermissions(plain));
                Files.delete(plain);
            }
            assertThat(back.pixels()).isEqualTo(f.pixels());
            assertThat(back.header()).isEqualTo(f.header());
        }
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".part")).count()).isZero();
    }

    @Test
    void writerStillProducesTheBytesFabioRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cbfwriter_sample.cbf");
        CbfWriter.write(file, sampleFrame());
        byte[] committed;
        try (InputStream in = getClass().getResourceAsStream("/oracles/cbfwriter_sample.cbf")) {
            committed = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(committed);
    }

    @Test
    void fabioReadsTheWrittenFrameAsWritten() {
        JsonNode fab = RealData.fixture("cbfwriter_fabio.json");
        Frame f = sampleFrame();
        long sum = 0;
        for (int v : f.pixels()) {
            sum += v;
        }
        assertThat(fab.get("shape").get(0).asInt()).isEqualTo(H);
        assertThat(fab.get("shape").get(1).asInt()).isEqualTo(W);
        assertThat(fab.get("sum").asLong()).isEqualTo(sum);
        assertThat(fab.get("equalsPattern").asBoolean()).isTrue();
        assertThat(fab.get("px_20_7").asLong()).isEqualTo(Integer.MAX_VALUE);
        assertThat(fab.get("px_20_8").asLong()).isEqualTo(Integer.MIN_VALUE + 3);
        JsonNode h = fab.get("header");
        assertThat(h.get("Wavelength").asText()).isEqualTo("0.96859 A");
        assertThat(h.get("Beam_xy").asText()).isEqualTo("(1261.61, 1306.96) pixels");
        assertThat(h.get("Count_cutoff").asText()).isEqualTo("115897 counts");
        assertThat(fab.get("md5Ok").asBoolean()).isTrue();
        assertThat(fab.get("distanceM").asDouble()).isCloseTo(0.351, within(1e-12));
    }

    /** Writes the sample for the oracle script: run once, then scripts/oracles/check_cbfwriter.py. */
    public static void main(String[] args) throws IOException {
        CbfWriter.write(Path.of(args[0]), sampleFrame());
    }
}
