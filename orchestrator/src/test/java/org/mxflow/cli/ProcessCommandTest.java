package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mxflow process}: bad input is one clear error line and a non-zero exit; no output tree for a missing dataset. */
class ProcessCommandTest {

    @TempDir
    Path tmp;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void missingDatasetIsOneErrorLineNamingTheFile() {
        StringWriter err = new StringWriter();
        Path missing = tmp.resolve("cry_00001.cbf");
        assertThat(run(err, "process", missing.toString(), "-o", tmp.resolve("out").toString())).isNotZero();
        assertThat(err.toString().trim().lines().count()).isEqualTo(1);
        assertThat(err.toString()).startsWith("mxflow: error: ").contains("cry_00001.cbf").contains("no such file");
    }

    @Test
    void malformedFrameRangeIsRejectedBeforeAnyWork() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "process", tmp.resolve("x.cbf").toString(), "-o", tmp.resolve("out").toString(), "--frames", "5..9")).isNotZero();
        assertThat(err.toString().trim()).isEqualTo("mxflow: error: --frames must be A-B with frame numbers, got '5..9'");
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void unknownEngineIsRefused() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "process", tmp.resolve("x.cbf").toString(), "-o", tmp.resolve("out").toString(), "--engine", "xds")).isNotZero();
        assertThat(err.toString().trim()).isEqualTo("mxflow: error: engine 'xds' is not available here; use --engine native");
    }
}
