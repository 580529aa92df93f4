package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.cli.DemoCommand;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.simulate.SpaceGroupSetting;
import org.mxflow.simulate.StructureGroup;

/**
 * Every page a real run renders, opened in headless Chromium (report-templates' test harness,
 * through its test-jar): a simulated beamtime — one multi pin with two 10° wedges and one single
 * pin of the same sample (three 10° wedges and a 10° single sweep) — simulated, processed by the native engine and merged with both
 * clusterings by {@code mxflow demo}'s code path. Each page must load without console errors or
 * failed loads, with no broken relative link, and with the row counts the run implies: 4 datasets
 * per processing tree, 1 correct.html block (the single pin), 2 session rows (the sheet's pins),
 * and in every merge pass report as many merged clusters as the pass has cluster_NNNN
 * directories on disk.
 */
@Tag("browser")
class RunReportsBrowserTest {

    static final SimulationPreset TINY = new SimulationPreset("tiny-reports",
            new Detector("PILATUS3 tiny, S/N 00-0001", 256, 256, 0.172, 60, 131.3, 124.6, 115897, 0.45, 0, 0, 0, 0),
            new Beam(1.0, 0.02, 0.99), 1.0, 0.1, 2.5, 4.0e4, 3,
            List.of(new StructureGroup("lysA", new UnitCell(78.6, 78.6, 37.9, 90, 90, 90), SpaceGroupSetting.p43212(), 60)),
            List.of(new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA", "lysA"), 10),
                    new PinPlan("MUL0001", "02", "lys", "single", List.of("lysA"), 10)));

    @BeforeAll
    static void findChromium() {
        CorrectHtmlBrowserTest.findChromium();
    }

    @Test
    void everyPageOfARealRunOpensCleanly(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        StringWriter text = new StringWriter();
        int status = DemoCommand.demo(out, TINY, 2, 1, new PrintWriter(text, true));
        assertThat(status).as(text.toString()).isZero();
        Path root = out.resolve("261121_BL45XU_demo");

        List<Path> mergeReports = new ArrayList<>();
        for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
            for (String clustering : List.of("blend", "cc")) {
                Path mergeDir;
                try (Stream<Path> s = Files.list(root.resolve(tree))) {
                    mergeDir = s.filter(p -> p.getFileName().toString().matches("merge_" + clustering + "_[0-9.]+S_lys")).findFirst()
                            .orElseThrow(() -> new AssertionError(tree + ": no merge_" + clustering + "_<d>S_lys directory\n" + text));
                }
                try (Stream<Path> s = Files.list(mergeDir)) {
                    List<Path> passes = s.filter(p -> p.getFileName().toString().startsWith(clustering + "_")).sorted().toList();
                    assertThat(passes).as(mergeDir + " passes").isNotEmpty();
                    assertThat(passes).as("one _final pass").anyMatch(p -> p.getFileName().toString().endsWith("_final"));
                    for (Path p : passes) {
                        assertThat(p.resolve("report.html")).isRegularFile();
                        mergeReports.add(p.resolve("report.html"));
                    }
                }
            }
        }

        check(root.resolve("_kamoproc/report.html"), "<tr class=\"dataset\">", 4);
        check(root.resolve("_kamo_30deg/report.html"), "<tr class=\"dataset\">", 4);
        check(root.resolve("_kamoproc/correct.html"), "<section class=\"dataset\"", 1);
        check(root.resolve("261121_BL45XU_demo_00.html"), "<tr class=\"pin\">", 2);
        long mergedInAll = 0;
        for (Path report : mergeReports) {
            long clusters;
            try (Stream<Path> s = Files.list(report.getParent())) {
                clusters = s.filter(p -> p.getFileName().toString().matches("cluster_\\d{4}") && Files.isDirectory(p)).count();
            }
            check(report, "<tr class=\"merged-cluster\">", (int) clusters);
            mergedInAll += clusters;
        }
        // three 10° wedges and a 10° single sweep of P43212 reach Redun >= 2 together: something was merged
        assertThat(mergedInAll).as("merged clusters over all passes\n" + text).isPositive();
        assertThat(root.resolve("261121_BL45XU_demo.tgz")).isRegularFile();
    }

    private static void check(Path page, String rowRegex, int rows) throws Exception {
        assertThat(page).isRegularFile();
        Path png = CorrectHtmlBrowserTest.screenshotDir().resolve("run-" + page.getParent().getFileName() + "-"
                + page.getFileName() + ".png");
        Files.createDirectories(png.getParent());
        HeadlessChromium.PageReport r = HeadlessChromium.open(CorrectHtmlBrowserTest.chromium, page, png, 1400, 1200);
        assertThat(r.errors()).as(page + ": console errors, exceptions, failed loads").isEmpty();
        assertThat(CorrectHtmlBrowserTest.brokenLinks(page, r.links())).as(page + ": relative links that do not resolve").isEmpty();
        assertThat(r.missingFragmentTargets()).as(page + ": #anchors without a target").isEmpty();
        assertThat(CorrectHtmlTest.count(r.dom(), rowRegex)).as(page + " rows " + rowRegex).isEqualTo(rows);
    }
}
