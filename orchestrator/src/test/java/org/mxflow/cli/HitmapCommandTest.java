package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import picocli.CommandLine;

/**
 * {@code mxflow hitmap} on a small ZOO-like scan written here: 6 miniCBF frames on a 3 x 2
 * grid described by a diffscan.log; frame n carries 4·(n−1) bright, well-separated 3 x 3 spots
 * on a noisy background, so the spot counts are known exactly.
 */
class HitmapCommandTest {

    @TempDir
    Path tmp;

    private Path writeScan() throws Exception {
        Path scan = Files.createDirectories(tmp.resolve("scan01/2d"));
        ImageHeader h = new ImageHeader("PILATUS3 6M, S/N test", 240, 200, 0.172, 0.172, 1.0, 300.0,
                120.0, 100.0, 0, 0, 0.02, 100000, 1);
        Random rng = new Random(5);
        for (int n = 1; n <= 6; n++) {
            int[] px = new int[240 * 200];
            for (int i = 0; i < px.length; i++) {
                px[i] = rng.nextInt(4);   // background 0..3 counts
            }
            for (int s = 0; s < 4 * (n - 1); s++) {
                int cx = 20 + (s % 10) * 22;
                int cy = 20 + (s / 10) * 40;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        px[(cy + dy) * 240 + cx + dx] = (dx == 0 && dy == 0) ? 400 : 150;
                    }
                }
            }
            CbfWriter.write(scan.resolve(String.format("zoo_%06d.cbf", n)), new Frame(n, h, px));
        }
        Files.writeString(scan.resolve("diffscan.log"), String.join("\n",
                "Diffraction scan (2026/11/21 10:00:00)",
                " Vertical   scan  point:  2 step:  10.0 [um]",
                " Horizontal scan  point:  3 step:  10.0 [um]",
                " Scan direction: horizontal",
                " Scan path: zig-zag", ""));
        return scan;
    }

    @Test
    void jsonHasOneRecordPerFrameWithItsSpotCountAndTheZooGrid() throws Exception {
        Path scan = writeScan();
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("hitmap", scan.toString(), "--json", "-N", "2")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("grid").get("columns").asInt()).isEqualTo(3);
        assertThat(json.get("grid").get("rows").asInt()).isEqualTo(2);
        assertThat(json.get("grid").get("layout").asText()).isEqualTo("diffscan.log");
        assertThat(json.get("frames")).hasSize(6);
        for (int n = 1; n <= 6; n++) {
            JsonNode f = json.get("frames").get(n - 1);
            assertThat(f.get("frame").asInt()).isEqualTo(n);
            assertThat(f.get("spots").asInt()).as("frame %d", n).isEqualTo(4 * (n - 1));
        }
        // zig-zag: the second row runs right to left, so frame 4 sits in column 2 of row 1
        assertThat(json.get("frames").get(3).get("column").asInt()).isEqualTo(2);
        assertThat(json.get("frames").get(3).get("row").asInt()).isEqualTo(1);
        for (String f : new String[] {"hitmap.png", "hitmap.json", "hitmap.tsv", "spots.tsv"}) {
            assertThat(scan.resolve("spotfinder").resolve(f)).isRegularFile();
        }
    }

    @Test
    void aReadOnlyScanDirectoryIsRefusedWithOneClearLineUnlessOutIsGiven() throws Exception {
        Path scan = writeScan();
        Files.setPosixFilePermissions(scan, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            StringWriter err = new StringWriter();
            CommandLine cl = MxflowCommand.newCommandLine();
            cl.setErr(new PrintWriter(err));
            cl.setOut(new PrintWriter(new StringWriter()));
            assertThat(cl.execute("hitmap", scan.toString(), "-N", "1")).isEqualTo(1);
            assertThat(err.toString()).startsWith("mxflow: error: ").contains("read-only").contains("--out");
            assertThat(scan.resolve("spotfinder")).doesNotExist();
            assertThat(cl.execute("hitmap", scan.toString(), "-N", "1", "--out", tmp.resolve("hm").toString())).isZero();
            assertThat(tmp.resolve("hm/hitmap.png")).isRegularFile();
        } finally {
            Files.setPosixFilePermissions(scan, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
