package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SyntheticBeamtime;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;

/** The processing summary, merge report and session report as text: KAMO's/ZOO's formats, hover text, links. */
class ReportPagesTest {

    @Test
    void realCorrectLpBecomesAProcessingRowInKamosFormats(@TempDir Path tmp) throws Exception {
        CorrectLp lp = CorrectLpParser.parse(CorrectHtmlTest.realCorrectLp());
        Path tree = tmp.resolve("_kamoproc");
        Path wd = tree.resolve("ARwoDMSO/data00/ARwoDMSO-F2XEntry-A07a_1_1-3600");
        Files.createDirectories(wd);
        double[] spots = new double[3600];
        Arrays.fill(spots, 100);
        spots[1234] = 5000;   // one frame full of ice: must survive the reduction to pixel columns
        ProcessingSummary.Dataset d = ProcessingSummary.Dataset.fromCorrectLp(wd, null, "?", "C2", lp, 97.3, spots, null);
        ProcessingSummaryView.Row r = ProcessingSummaryView.row(d, tree);
        // CORRECT.LP lines 13, 15, 17: frames 1-3600, 0.1°, λ 0.9184 Å
        assertThat(r.frames()).isEqualTo("1–3600");
        assertThat(r.wavelength()).isEqualTo("0.9184");
        assertThat(r.oscillation()).isEqualTo("0.100");
        assertThat(r.totalPhi()).isEqualTo("360.0");
        // refined cell (line 267) and ISa 29.9 (line 400); completeness 99.8 % of the saved data (line 1185) as %.0f
        assertThat(r.cell()).isEqualTo("88.68 82.27 93.70 90.0 108.7 90.0");
        assertThat(r.isa()).isEqualTo("29.90");
        assertThat(r.completeness()).isEqualTo("100");
        assertThat(r.ccHalf()).isEqualTo("100.0");
        // KAMO's Resn: the first error-table row with I/σ ≤ 1 is 1.991-1.977 (0.92, line 498): next row's d_min 1.964
        assertThat(r.resolution()).isEqualTo("2.0");
        assertThat(r.problems()).isEqualTo("OK");
        assertThat(r.statusClass()).isEqualTo("done");
        assertThat(r.href()).isEqualTo("ARwoDMSO/data00/ARwoDMSO-F2XEntry-A07a_1_1-3600/");
        // the spike is drawn and named in the hover text; the 3600 frames became at most 2 points per pixel
        assertThat(r.spotsSvg()).contains("frames 1–3600: min 100, median 100, max 5000").contains("max 5000");
        assertThat(count(r.spotsSvg(), "[ML]")).isLessThanOrEqualTo(2 * ProcessingSummaryView.PLOT_W).isGreaterThan(100);
        assertThat(minPathY(r.spotsSvg())).isEqualTo(3.0);  // the spike reaches the top of the plot area (top margin 3 px)
        assertThat(r.scaleSvg()).contains("no scale per frame");
    }

    @Test
    void failedAndRunningUnitsAreColouredAndSayWhy(@TempDir Path tmp) {
        Path tree = tmp.resolve("_kamoproc");
        ProcessingSummary.Dataset failed = new ProcessingSummary.Dataset(tree.resolve("p/data00/x_1-100"), null, "CPS1012(01)",
                ProcessingSummary.Status.FAILED, "indexing: 12 spots, need 20", 1, 100, 1.0, 10, 0.1, Double.NaN, null, null,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), null, null);
        ProcessingSummaryView.Row r = ProcessingSummaryView.row(failed, tree);
        assertThat(r.status()).isEqualTo("failed: indexing: 12 spots, need 20");
        assertThat(r.statusClass()).isEqualTo("failed");
        assertThat(r.resolution()).isEmpty();
        ProcessingSummary s = new ProcessingSummary("t", tmp, tree, List.of(failed));
        assertThat(ProcessingSummaryView.totals(s).failed()).isEqualTo(1);
        assertThat(ProcessingSummaryView.groups(s, tree)).singleElement().extracting(ProcessingSummaryView.Group::directory)
                .isEqualTo(Path.of("p", "data00").toString());
    }

    @Test
    void dendrogramHoverListsDatasetsAndMergedClustersLinkTheirDirectories() {
        // hclust of 4 items: 1 = (-1,-2) at 1.0, 2 = (-3,-4) at 2.0, 3 = (1,2) at 4.0
        Dendrogram tree = new Dendrogram(4, List.of(new Dendrogram.Merge(-1, -2, 1.0, 2),
                new Dendrogram.Merge(-3, -4, 2.0, 2), new Dendrogram.Merge(1, 2, 4.0, 4)));
        List<String> names = List.of("1: a/XDS_ASCII.HKL", "2: b/XDS_ASCII.HKL", "3: <b>&\"'/XDS_ASCII.HKL", "4: d/XDS_ASCII.HKL");
        String svg = DendrogramSvg.render(tree, names, List.of("1", "2", "3", "4"), Set.of(2), Map.of(2, "LCV = 0.5%"), "Cell", "Ward");
        assertThat(count(svg, "<circle class=\"node\"")).isEqualTo(3);
        assertThat(count(svg, "<g class=\"leaf\">")).isEqualTo(4);
        assertThat(svg).contains("<a class=\"cluster\" href=\"cluster_0002/\">");
        assertThat(count(svg, "<a class=\"cluster\"")).isEqualTo(1);
        // cluster 2's hover: number, size, height, details, then its datasets, escaped
        assertThat(svg).contains("<title>Cluster_0002 (2 files), ClH = 2.00\nLCV = 0.5%\n3: &lt;b&gt;&amp;&quot;&#39;/XDS_ASCII.HKL\n4: d/XDS_ASCII.HKL</title>");
        assertThat(svg).doesNotContain("<b>");
        // heights: the root (4.0) sits at the top of the plot (y = 34), cluster 1 (1.0) a quarter of the way up
        // from the leaves (y = 360 - 54 = 306): 306 - 0.25 * 272 = 238
        assertThat(svg).contains("cy=\"34.0\" r=\"3.5\"").contains("cy=\"238.0\" r=\"3.5\"");
    }

    @Test
    void mergeSummaryUsesClusterSummaryFormatsAndRemovalsSayWhy(@TempDir Path tmp) throws Exception {
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(tmp.resolve("261121_BL45XU_t"), 3, 1, 1, "", null, false);
        MergeReport m = b.merges().get(0);
        List<MergeReportView.SummaryRow> rows = MergeReportView.summary(m);
        assertThat(rows).hasSize(3);
        MergeReport.MergedCluster c = m.merged().get(0);
        MergingStatistics st = c.statistics();
        List<String> cells = rows.get(0).cells();
        assertThat(cells).hasSize(MergeReportView.SUMMARY_COLUMNS.size());
        assertThat(cells.get(3)).isEqualTo(Integer.toString(c.datasetsAll()));
        // Redun = observed/unique of the total row, one decimal (cluster_summary.dat %5.1f)
        assertThat(cells.get(6)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", (double) st.total().observed() / st.total().unique()));
        // B_Wilson %7.2f, aniso best/worst %9.2f, d_min est. %.2f (kamo-conventions 4.13)
        assertThat(cells.subList(22, 26)).containsExactly(org.mxflow.merge.KamoFormat.fixed(c.wilsonBA2(), 2), "1.90", "2.30", "2.02");
        assertThat(MergeReportView.candidates(m)).hasSize(m.candidates().size());
        assertThat(MergeReportView.frameRanges(List.of(44, 41, 42, 43, 97, 99, 98))).isEqualTo("41–44, 97–99");
        assertThat(MergeReportView.reasonText("bad_em.b")).startsWith("bad_em.b: error-model b outside the Tukey fences");
        assertThat(MergeReportView.reasonText("something_new")).isEqualTo("something_new");
        List<MergeReportView.ClusterSection> sections = MergeReportView.clusters(m, m.directory());
        assertThat(sections.get(0).removals()).extracting(MergeReportView.RemovalRow::what).containsExactly("frames 41–44, 97", "whole dataset");
        assertThat(sections.get(0).plotsSvg()).hasSize(4);
        assertThat(sections.get(0).outputs().get(0).href()).isEqualTo(sections.get(0).name() + "/run_03/xscale.hkl");
        // Python rounding, as cluster_summary.dat: 2.125 -> "2.12" (half-even on the binary value)
        assertThat(org.mxflow.merge.KamoFormat.fixed(2.125, 2)).isEqualTo("2.12");
    }

    @Test
    void anEmptyMergeSaysWhyWithTheNumbers(@TempDir Path tmp) throws Exception {
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(tmp.resolve("261121_BL45XU_t"), 3, 1, 1, "", null, false);
        MergeReport m = b.merges().get(0);
        java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        String why = "no cluster has Cmpl >= 10.0 % and Redun >= 2.00 at d_min 1.707 A; cluster 2 (3 datasets): Cmpl 57.15 %, "
                + "Redun 1.84 (Redun 1.84 < 2.00)";
        MergeReport empty = new MergeReport(tmp.resolve("empty"), m.sampleName(), m.clustering(), m.dMinA(), true, m.symmetry(),
                m.inputs(), m.trees(), m.candidates(), List.of(), why);
        String html = java.nio.file.Files.readString(new ReportRenderer().renderMergeReport(empty));
        assertThat(html).contains("No cluster met the thresholds; nothing was merged.",
                "Why: no cluster has Cmpl &gt;= 10.0 % and Redun &gt;= 2.00 at d_min 1.707 A; cluster 2 (3 datasets): Cmpl 57.15 %, "
                        + "Redun 1.84 (Redun 1.84 &lt; 2.00).");
        // A merge that merged clusters has no such line.
        java.nio.file.Files.createDirectories(tmp.resolve("full"));
        MergeReport full = new MergeReport(tmp.resolve("full"), m.sampleName(), m.clustering(), m.dMinA(), true, m.symmetry(),
                m.inputs(), m.trees(), m.candidates(), m.merged());
        assertThat(java.nio.file.Files.readString(new ReportRenderer().renderMergeReport(full))).doesNotContain("Why: ");
    }

    @Test
    void sessionRowsUseZoosFormats(@TempDir Path tmp) {
        SessionReport.Pin pin = new SessionReport.Pin("CPS1012", "01", "Lys_multi", "multi", 1.0, 10.0, 0.1, 20, 20, 470, 503, 23, 25,
                24, "Normal termination", 7.43, null, tmp.resolve("CPS1012-01/scan00/2d/spotfinder/hitmap.png"), null, null, null);
        SessionReportView.Row r = SessionReportView.rows(new SessionReport(tmp, "261121_BL45XU_t", List.of(pin), null), tmp).get(0);
        assertThat(r.pinId()).isEqualTo("CPS1012 1");
        assertThat(r.wavelength()).isEqualTo("1.0000");
        assertThat(r.totalPhi()).isEqualTo("10.0");
        assertThat(r.oscillation()).isEqualTo("0.10");
        assertThat(r.rasterBeam()).isEqualTo("20*20 (um)");
        assertThat(r.rasterArea()).isEqualTo("470*503 (23*25 grids)");
        assertThat(r.measTime()).isEqualTo("7.43");
        assertThat(r.statusClass()).isEqualTo("done");
        assertThat(r.loopHref()).isNull();
        assertThat(r.heatMapHref()).isEqualTo("CPS1012-01/scan00/2d/spotfinder/hitmap.png");
    }

    @Test
    void everyPageIsSelfContainedAndWrittenAtomically(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("261121_BL45XU_t");
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(root, 3, 2, 2, "", null, true);
        assertThat(SyntheticBeamtime.renderAll(new ReportRenderer(), b)).isEqualTo(3 + 2);
        for (Path page : List.of(root.resolve("_kamoproc/report.html"), root.resolve("_kamo_30deg/report.html"),
                b.merges().get(0).directory().resolve("report.html"), root.resolve("261121_BL45XU_t_00.html"))) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(html).as(page.toString()).doesNotContain("<link ", "@import", "url(", "https://", "src=\"http");
            try (var files = Files.list(page.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        String proc = Files.readString(root.resolve("_kamoproc/report.html"));
        // 3 multi pins x 10 crystals + 2 sweeps; one multi crystal failed (pin index 1, crystal 3)
        assertThat(count(proc, "<tr class=\"dataset\">")).isEqualTo(32);
        assertThat(count(proc, "<td class=\"text failed\">")).isEqualTo(1);
        // _kamo_30deg: 30 multi crystals unchanged + 2 x 12 wedges of 300 frames (kamo-conventions 2.4)
        assertThat(count(Files.readString(root.resolve("_kamo_30deg/report.html")), "<tr class=\"dataset\">")).isEqualTo(54);
    }

    @Test
    void badModelsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new MergeReport.Tree("CC", new Dendrogram(2, List.of(new Dendrogram.Merge(-1, -2, 1, 2))), List.of(1), "h", true))
                .hasMessageContaining("dendrogram 'CC' has 2 leaves but 1 input numbers");
        assertThatThrownBy(() -> new ProcessingSummary.Dataset(Path.of("x"), null, "?", null, null, 1, 1, 1, 1, 1, 1, null,
                new UnitCell(1, 1, 1, 90, 90, 90), 1, 1, 1, 1, null, null, null)).hasMessageContaining("data set x has no status");
    }

    static int count(String text, String regex) {
        return CorrectHtmlTest.count(text, regex);
    }

    private static double minPathY(String svg) {
        Matcher path = Pattern.compile("<path d=\"([^\"]*)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        Matcher xy = Pattern.compile("[ML]([0-9.]+) ([0-9.]+)").matcher(path.group(1));
        double min = Double.MAX_VALUE;
        while (xy.find()) {
            min = Math.min(min, Double.parseDouble(xy.group(2)));
        }
        return min;
    }

}
