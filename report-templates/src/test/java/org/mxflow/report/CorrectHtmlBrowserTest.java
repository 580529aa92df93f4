package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;

/**
 * Opens correct.html in headless Chromium from file://, as a user would open the delivered
 * disk: no console errors, no broken relative links, the table rows of the real CORRECT.LP, names
 * with HTML metacharacters shown as text, and a screenshot that is not blank (saved under
 * target/browser-screenshots/ for a person to look at).
 *
 * <p>Runs in the default build; needs Debian's chromium (scripts/install-test-deps.sh). Set
 * MXFLOW_SKIP_BROWSER=1 to skip it on a machine without a browser.
 */
@Tag("browser")
class CorrectHtmlBrowserTest {

    static final int WIDTH = 1280, HEIGHT = 2000;
    static Path chromium;

    @BeforeAll
    static void findChromium() {
        Assumptions.assumeFalse("1".equals(System.getenv("MXFLOW_SKIP_BROWSER")), "MXFLOW_SKIP_BROWSER=1: browser tests skipped");
        chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "headless Chromium not found (looked for $MXFLOW_CHROMIUM, chromium, chromium-browser, google-chrome on PATH): "
                        + "run scripts/install-test-deps.sh as root, or set MXFLOW_SKIP_BROWSER=1 to skip browser tests"));
    }

    static Path screenshotDir() {
        return Path.of("target", "browser-screenshots");
    }

    @Test
    void realCorrectLpPageOpensCleanlyWithItsRowsAndEscapedNames(@TempDir Path tmp) throws Exception {
        Path real = CorrectHtmlTest.realCorrectLp();
        CorrectLp lp = CorrectLpParser.parse(real);
        // Two blocks: a plain one and one whose name and directory are full of HTML metacharacters.
        Path plainLp = tmp.resolve("ARwoDMSO/data00/ARwoDMSO-F2XEntry-A07a_1_1-3600/CORRECT.LP");
        Path nastyLp = tmp.resolve("a&b <x> \"q\" 'p' #1 %20?/CORRECT.LP");
        for (Path p : List.of(plainLp, nastyLp)) {
            Files.createDirectories(p.getParent());
            Files.copy(real, p);
        }
        Path page = tmp.resolve("correct.html");
        new ReportRenderer().renderCorrectHtml(List.of(
                new DatasetCorrectSummary("ARwoDMSO/data00/ARwoDMSO-F2XEntry-A07a_1_1-3600", plainLp, "C2", lp.datasetStatistics()),
                new DatasetCorrectSummary(CorrectHtmlTest.NASTY, nastyLp, null, lp.datasetStatistics())), page);

        Path png = screenshotDir().resolve("correct.png");
        HeadlessChromium.PageReport report = HeadlessChromium.open(chromium, page, png, WIDTH, HEIGHT);

        assertThat(report.errors()).as("console errors, exceptions, failed loads or dialogs").isEmpty();
        assertThat(brokenLinks(page, report.links())).as("relative links that do not resolve").isEmpty();
        assertThat(report.missingFragmentTargets()).as("#anchors without a target").isEmpty();
        assertThat(report.links()).contains("ARwoDMSO/data00/ARwoDMSO-F2XEntry-A07a_1_1-3600/CORRECT.LP", "#ds-1", "#ds-2");

        // 9 shells + total per block (CORRECT.LP lines 1176-1185), two blocks.
        assertThat(CorrectHtmlTest.count(report.dom(), "<tr class=\"shell\">")).isEqualTo(2 * lp.statistics().shells().size()).isEqualTo(18);
        assertThat(CorrectHtmlTest.count(report.dom(), "<tr class=\"total\">")).isEqualTo(2);
        assertThat(CorrectHtmlTest.count(report.dom(), "<svg ")).isEqualTo(8);
        // The name arrived as text: no script element exists, and the DOM serialises it escaped.
        assertThat(report.dom()).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;\"'");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot decodes as PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        long nonWhite = 0, coloured = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r < 240 || g < 240 || b < 240) {
                    nonWhite++;
                }
                if (b > r + 60) {          // the plot lines are blue (#0072B2)
                    coloured++;
                }
            }
        }
        long sampled = (long) (WIDTH / 2) * (HEIGHT / 2);
        assertThat(nonWhite).as("non-white pixels (text, table, plots)").isGreaterThan(sampled / 100);
        assertThat(coloured).as("blue plot pixels").isGreaterThan(50);
    }

    @Test
    void theHarnessCatchesScriptErrorsFailedLoadsAndBrokenLinks(@TempDir Path tmp) throws Exception {
        // Negative control: a page with each fault the real test must be able to see.
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><h1>broken</h1><a href=\"nowhere/CORRECT.LP\">log</a>"
                + "<a href=\"#absent\">jump</a><img src=\"missing.png\">"
                + "<script>console.error('boom'); undefinedFunction();</script></body></html>");
        HeadlessChromium.PageReport report = HeadlessChromium.open(chromium, page, tmp.resolve("broken.png"), 800, 600);
        assertThat(String.join("\n", report.errors()))
                .contains("console.error: boom")
                .contains("undefinedFunction is not defined")
                .contains("missing.png");
        assertThat(brokenLinks(page, report.links())).containsExactlyInAnyOrder("nowhere/CORRECT.LP", "missing.png");
        assertThat(report.missingFragmentTargets()).containsExactly("absent");
    }

    /** href/src values that are relative file links and do not resolve to an existing file. */
    static List<String> brokenLinks(Path page, List<String> links) {
        List<String> broken = new ArrayList<>();
        for (String link : links) {
            URI uri = URI.create(link);
            if (uri.getScheme() != null) {
                broken.add(link + " (absolute URL: a delivered report must not need the network)");
                continue;
            }
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                continue;   // "#anchor": checked by missingFragmentTargets
            }
            Path target = page.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
            if (!Files.exists(target)) {
                broken.add(link);
            }
        }
        return broken;
    }
}
