package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cli.MxflowCommand;

class RunEndToEndTest {

    @Test
    void tinyBeamtimeRunsEveryUnit(@TempDir Path tmp) throws Exception {
        var sim = TinyBeamtime.write(tmp, 7);
        Path root = sim.rawRoot();
        int rc = MxflowCommand.execute("run", root.toString(), "--sheet", sim.sampleSheetCsv().toString(), "--settle", "0", "-j", "2", "-N", "1");
        System.out.println("rc " + rc);
        MxflowCommand.execute("status", root.toString(), "--all");
    }
}
