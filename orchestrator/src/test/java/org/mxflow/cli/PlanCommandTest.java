package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.discovery.FixtureTree;
import picocli.CommandLine;

/** {@code mxflow plan} on the fixture tree of {@link FixtureTree}. */
class PlanCommandTest {

    @TempDir
    static Path tmp;
    static Path root;
    static Path sheet;

    @BeforeAll
    static void tree() throws Exception {
        root = tmp.resolve("200928_BL45XU_yamada");
        sheet = FixtureTree.build(root, tmp.resolve("sheets"));
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void tableListsEachDatasetWithFramesStatusAndUnits() {
        String[] r = run("plan", root.toString(), "--sheet", sheet.toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("sheet zoo.csv (8 pins), 8 pin directories, 8 datasets, 18 processing units (8 in _kamoproc, 10 in _kamo_30deg)")
                .containsPattern("HEL0002-02 +thermolysin +helical +data00/cry00_\\?\\?\\?\\?\\?\\.cbf +1-180 \\(180\\) +complete +1 \\+ 2 wedges")
                .contains("148/180 of 1-180, missing 101-102,151-180")
                .containsPattern("NOD0006-02 .* no data +X-ray centering failed \\(5 edge-scan attempts\\)")
                .contains("(not in the sample sheet)")
                .contains("_kamoproc/merge_{blend,cc}_30.6S_Lys_multi");
    }

    @Test
    void jsonCarriesTheWorkingDirectoriesOfBothTrees() throws Exception {
        String[] r = run("plan", root.toString(), "--sheet", sheet.toString(), "--json");
        assertThat(r[0]).isEqualTo("0");
        JsonNode j = new ObjectMapper().readTree(r[1]);
        JsonNode hel = j.get("pins").get(2);
        assertThat(hel.get("pin").asText()).isEqualTo("HEL0002-02");
        JsonNode d = hel.get("datasets").get(0);
        assertThat(d.get("_kamoproc").get(0).asText()).isEqualTo("_kamoproc/HEL0002-02/data00/cry00_1-180");
        assertThat(d.get("_kamo_30deg").get(1).asText()).isEqualTo("_kamo_30deg/HEL0002-02/data00/cry00_121-180");
        assertThat(d.get("oscWidthDeg").asDouble()).isEqualTo(0.25);
        assertThat(j.get("merges")).hasSize(16);                      // 4 samples x 2 trees x 2 clusterings
        assertThat(j.get("pins").get(7).get("comment").asText()).isEqualTo("no pin directory: not measured");
    }

    @Test
    void badSheetIsOneErrorNamingFileRowAndCell() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "puckid,pinid,sample_name,mode\nCPS1012,1,Lys,multi\nCPS1012,2,../x,multi\n");
        String[] r = run("plan", root.toString(), "--sheet", bad.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).startsWith("mxflow: error: 1 problem in the sample sheet:")
                .contains(bad + ": row 3, C3: sample name '../x' contains a path separator '/'");
    }
}
