package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SyntheticBeamtime;

/**
 * Opens every page type (processing summary of _kamoproc and _kamo_30deg, merge report,
 * session report) of a rendered beamtime in headless Chromium from file://, then the same
 * session report unpacked from the deliverable .tgz: no console errors or failed loads, no
 * broken relative links, the expected table rows, sample names and paths with HTML
 * metacharacters shown as text, and screenshots under target/browser-screenshots/.
 */
@Tag("browser")
class ReportPagesBrowserTest {

    /** Sample names carry HTML metacharacters; so does the first pin's puck ID (and with it its paths). */
    static final String NASTY_SAMPLE = "<b>&\"'";
    static final String NASTY_PUCK = "A&B'<i>";

    @BeforeAll
    static void findChromium() {
        CorrectHtmlBrowserTest.findChromium();
    }

    @Test
    void everyPageOpensCleanlyWithItsRowsAndEscapedNames(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("261121_BL45XU_browser");
        // 3 multi pins x 10 crystals + 2 sweeps; 2 samples -> 2 merge reports
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(root, 3, 2, 2, NASTY_SAMPLE, NASTY_PUCK, true);
        SyntheticBeamtime.renderAll(new ReportRenderer(), b);
        MergeReport merge = b.merges().get(0);

        Map<String, Path> pages = Map.of(
                "processing", root.resolve("_kamoproc/report.html"),
                "processing-30deg", root.resolve("_kamo_30deg/report.html"),
                "merge", merge.directory().resolve("report.html"),
                "session", root.resolve("261121_BL45XU_browser_00.html"));
        Map<String, String> rowSelector = Map.of(
                "processing", "<tr class=\"dataset\">", "processing-30deg", "<tr class=\"dataset\">",
                "merge", "<tr class=\"candidate", "session", "<tr class=\"pin\">");
        Map<String, Integer> expectedRows = Map.of(
                "processing", 32,                              // 30 crystals + 2 sweeps
                "processing-30deg", 30 + 2 * 12,               // multi wedges unchanged, 3600 frames -> 12 x 30°
                "merge", merge.inputs().size() - 1,            // every dendrogram cluster
                "session", 5);
        for (String kind : List.of("processing", "processing-30deg", "merge", "session")) {
            Path page = pages.get(kind);
            Path png = CorrectHtmlBrowserTest.screenshotDir().resolve(kind + ".png");
            HeadlessChromium.PageReport r = HeadlessChromium.open(CorrectHtmlBrowserTest.chromium, page, png, 1400, 1600);
            assertThat(r.errors()).as(kind + ": console errors, exceptions, failed loads or dialogs").isEmpty();
            assertThat(CorrectHtmlBrowserTest.brokenLinks(page, r.links())).as(kind + ": relative links that do not resolve").isEmpty();
            assertThat(r.missingFragmentTargets()).as(kind + ": #anchors without a target").isEmpty();
            assertThat(CorrectHtmlTest.count(r.dom(), rowSelector.get(kind))).as(kind + " rows").isEqualTo(expectedRows.get(kind));
            // metacharacters arrived as text: no <b> or <i> element was made from a name
            assertThat(r.dom()).as(kind).doesNotContain("<b>").doesNotContain("<i>");
            assertNotBlank(png, kind);
        }
        HeadlessChromium.PageReport session = HeadlessChromium.open(CorrectHtmlBrowserTest.chromium, pages.get("session"),
                CorrectHtmlBrowserTest.screenshotDir().resolve("session-again.png"), 1400, 900);
        assertThat(session.dom()).contains("&lt;b&gt;&amp;\"'Lys0").contains("A&amp;B'&lt;i&gt; 1");
        // the merge report: 3 merged clusters in the summary and as red, linked dendrogram nodes
        String mergeDom = HeadlessChromium.open(CorrectHtmlBrowserTest.chromium, pages.get("merge"),
                CorrectHtmlBrowserTest.screenshotDir().resolve("merge-again.png"), 1400, 900).dom();
        assertThat(CorrectHtmlTest.count(mergeDom, "<tr class=\"merged-cluster\">")).isEqualTo(3);
        assertThat(CorrectHtmlTest.count(mergeDom, "<a class=\"cluster\" href=\"cluster_")).isEqualTo(3);
        assertThat(CorrectHtmlTest.count(mergeDom, "<tr class=\"removal\">")).isEqualTo(3 + 1);
    }

    @Test
    void theUnpackedArchiveStillOpensWithItsFileLinks(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("261121_BL45XU_tgz");
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(root, 2, 1, 1, NASTY_SAMPLE, null, true);
        SyntheticBeamtime.renderAll(new ReportRenderer(), b);
        Path tgz = DeliverableArchive.write(root);
        Path unpacked = tmp.resolve("unpacked");
        for (Map.Entry<String, byte[]> e : DeliverableArchiveTest.readBack(tgz).entrySet()) {
            Path f = unpacked.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        for (Path page : List.of(unpacked.resolve("261121_BL45XU_tgz_00.html"),
                unpacked.resolve(root.relativize(b.merges().get(0).directory())).resolve("report.html"))) {
            HeadlessChromium.PageReport r = HeadlessChromium.open(CorrectHtmlBrowserTest.chromium, page,
                    CorrectHtmlBrowserTest.screenshotDir().resolve("unpacked-" + page.getFileName() + ".png"), 1200, 800);
            assertThat(r.errors()).as("errors in " + page).isEmpty();
            // files (heat maps, loop images, reports, merged data) travel in the archive; directories need the disk
            List<String> fileLinks = r.links().stream().filter(l -> !l.endsWith("/") && !l.startsWith("#")).toList();
            assertThat(fileLinks).isNotEmpty();
            assertThat(CorrectHtmlBrowserTest.brokenLinks(page, fileLinks)).as("file links in " + page).isEmpty();
        }
    }

    private static void assertNotBlank(Path png, String kind) throws Exception {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(png)) {
            image = ImageIO.read(in);
        }
        assertThat(image).as(kind + " screenshot decodes").isNotNull();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    nonWhite++;
                }
            }
        }
        assertThat(nonWhite).as(kind + " screenshot has content").isGreaterThan((long) image.getWidth() * image.getHeight() / 16 / 50);
    }
}
