package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MxflowCommandTest {

    @Test
    void versionNamesTheProgramAndJava() {
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("mxflow ").contains("Java 17");
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithNonZeroExit() {
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("no-such-command")).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-command");
    }
}
