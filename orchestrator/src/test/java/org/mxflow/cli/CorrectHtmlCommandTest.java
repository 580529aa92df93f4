package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CorrectHtmlCommandTest {

    static final Path REAL = Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");

    @Test
    void writesThePageForTheRealCorrectLpNamedByItsDirectory(@TempDir Path tmp) throws Exception {
        Path lp = tmp.resolve("CPS1012-06/data00/CPS1012-06-single_001_1-3600/CORRECT.LP");
        Files.createDirectories(lp.getParent());
        Files.copy(REAL, lp);
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        Path page = tmp.resolve("correct.html");
        assertThat(cl.execute("correct-html", "-o", page.toString(), lp.toString())).isZero();
        String html = Files.readString(page);
        assertThat(html).contains("<h2>CPS1012-06/data00/CPS1012-06-single_001_1-3600</h2>")
                .contains("<td>total</td><td>489902</td>");     // CORRECT.LP line 1185
        assertThat(out.toString()).contains("wrote").contains("(1 data set)");
    }

    @Test
    void aBrokenLogIsOneErrorLineNamingTheFile(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("CORRECT.LP");
        Files.writeString(bad, "not an XDS log\n");
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("correct-html", "-o", tmp.resolve("c.html").toString(), bad.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mxflow: error: " + bad).contains("not a CORRECT.LP").doesNotContain("\n");
        assertThat(tmp.resolve("c.html")).doesNotExist();
    }
}
