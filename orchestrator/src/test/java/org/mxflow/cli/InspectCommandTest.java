package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Expected numbers: scripts/oracles/cbf_stats.py (fabio) for thau_3_2_0001.cbf.bz2. */
class InspectCommandTest {

    static final Path REAL = Path.of(System.getProperty("mxflow.shared", "../../shared"), "data", "real");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonReportOfAThaumatinFrameHasItsHeaderAndFabiosStatistics() throws Exception {
        Run r = run("inspect", "--json", REAL.resolve("thaumatin_grid/thau_3_2_0001.cbf.bz2").toString());
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out()).get(0);
        assertThat(j.at("/header/wavelengthA").asDouble()).isEqualTo(0.96859);
        assertThat(j.at("/header/distanceMm").asDouble()).isEqualTo(351.0);
        assertThat(j.at("/header/beamXPx").asDouble()).isEqualTo(1261.61);
        assertThat(j.at("/header/countCutoff").asLong()).isEqualTo(115897);
        assertThat(j.at("/header/frameCount").asInt()).isEqualTo(19);
        assertThat(j.at("/statistics/maxValid").asInt()).isEqualTo(114000);
        assertThat(j.at("/statistics/gapPixels").asLong()).isEqualTo(526101);
        assertThat(j.at("/statistics/badPixels").asLong()).isEqualTo(625);
        assertThat(j.at("/statistics/validPixels").asLong()).isEqualTo(5697275);
    }

    @Test
    void textReportIsReadable() {
        Run r = run("inspect", "--no-stats", REAL.resolve("single_frames/DLS_I03_smargon_0001.cbf.gz").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("imgCIF (full CBF)").contains("291.47 mm").contains("start 45.0000°, width 0.1000°")
                .contains("PILATUS3 6M, S/N 60-0126");
    }

    @Test
    void danglingEigerLinkIsOneLineAndExitCodeOne() {
        Run r = run("inspect", REAL.resolve("single_frames/dectris_eiger_master.h5").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("mxflow: error: ").contains("dectris_eiger_data_000001.h5").contains("missing");
    }

    @Test
    void garbageFileIsOneLineError(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk_0001.cbf");
        Files.writeString(junk, "hello, this is not a detector image\n");
        Run r = run("inspect", junk.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("junk_0001.cbf").contains("not a CBF file");
    }
}
