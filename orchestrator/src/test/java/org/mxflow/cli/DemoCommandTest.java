package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.simulate.SpaceGroupSetting;
import org.mxflow.simulate.StructureGroup;

/**
 * {@code mxflow demo}: its code path on a two-wedge beamtime (the small preset takes minutes on
 * 2 cores, timed in the closing note instead), and its refusal to overwrite a directory that is
 * not a demo.
 */
class DemoCommandTest {

    /** One multi pin, two 10° wedges of a P4₃2₁2 crystal on a 256x256 detector (as the scheduler tests' TinyBeamtime). */
    static final SimulationPreset TWO_WEDGES = new SimulationPreset("two-wedges",
            new Detector("PILATUS3 tiny, S/N 00-0001", 256, 256, 0.172, 60, 131.3, 124.6, 115897, 0.45, 0, 0, 0, 0),
            new Beam(1.0, 0.02, 0.99), 1.0, 0.1, 2.5, 4.0e4, 3,
            List.of(new StructureGroup("lysA", new UnitCell(78.6, 78.6, 37.9, 90, 90, 90), SpaceGroupSetting.p43212(), 60)),
            List.of(new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA"), 10)));

    @Test
    void theDemoSimulatesProcessesMergesAndPacksTheDeliverables(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        StringWriter text = new StringWriter();
        int status = DemoCommand.demo(out, TWO_WEDGES, 2, 1, new PrintWriter(text, true));
        String printed = text.toString();
        assertThat(status).as(printed).isZero();
        Path root = out.resolve("261121_BL45XU_demo");
        // Two wedges in each tree, each integrated: XDS_ASCII.HKL and CORRECT.LP in every working directory.
        for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
            for (String w : List.of("MUL0001-01-multi_001_1-10", "MUL0001-01-multi_002_1-10")) {
                Path dir = root.resolve(tree).resolve("MUL0001-01/data00").resolve(w);
                assertThat(dir.resolve("XDS_ASCII.HKL")).isRegularFile();
                assertThat(dir.resolve("CORRECT.LP")).isRegularFile();
            }
            assertThat(root.resolve(tree).resolve("report.html")).isRegularFile();
        }
        assertThat(root.resolve("261121_BL45XU_demo.tgz")).isRegularFile();
        assertThat(out.resolve("261121_BL45XU_demo_truth")).isDirectory();
        assertThat(printed).contains("deliverable archive:", root.resolve("_kamoproc/report.html").toString(), "Demo finished in");

        // A second demo replaces the first (the marker says it is ours) ...
        assertThat(Files.exists(out.resolve(DemoCommand.MARKER))).isTrue();
        DemoCommand.prepare(out);
        assertThat(root).doesNotExist();
    }

    @Test
    void theDemoRefusesADirectoryThatIsNotADemo(@TempDir Path tmp) throws Exception {
        Path precious = tmp.resolve("beamtime");
        Files.createDirectories(precious);
        Files.writeString(precious.resolve("notes.txt"), "mine");
        assertThat(MxflowCommand.execute("demo", "--out", precious.toString())).isEqualTo(1);
        assertThat(precious.resolve("notes.txt")).hasContent("mine");
        assertThat(precious.resolve(DemoCommand.MARKER)).doesNotExist();
    }
}
