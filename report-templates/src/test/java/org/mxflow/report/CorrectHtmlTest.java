package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.DatasetStatistics;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;

/** correct.html rendered from the real CORRECT.LP and from mxflow-style models, checked as text. */
class CorrectHtmlTest {

    static final String NASTY = "<script>alert(1)</script>&\"'";

    static Path realCorrectLp() {
        return Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
    }

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void realCorrectLpRendersItsTableAsXdsPrintsIt(@TempDir Path tmp) throws IOException {
        CorrectLp lp = CorrectLpParser.parse(realCorrectLp());
        Path lpCopy = tmp.resolve("ARwoDMSO/data00/CORRECT.LP");
        Files.createDirectories(lpCopy.getParent());
        Files.copy(realCorrectLp(), lpCopy);
        Path out = tmp.resolve("correct.html");
        new ReportRenderer().renderCorrectHtml(
                List.of(new DatasetCorrectSummary("ARwoDMSO/data00/ARwoDMSO_1-3600", lpCopy, "C2", lp.datasetStatistics())), out);

        String html = Files.readString(out, StandardCharsets.UTF_8);
        // 9 shells + the total row of the final table (CORRECT.LP lines 1176-1185)
        assertThat(count(html, "<tr class=\"shell\">")).isEqualTo(9);
        assertThat(count(html, "<tr class=\"total\">")).isEqualTo(1);
        // the total row as XDS prints it (line 1185)
        assertThat(html).contains("<td>total</td><td>489902</td><td>71323</td>")
                .contains("<td>99.8%</td>").contains("<td>16.42</td>").contains("<td>100.0*</td>");
        // the outer shell (line 1184): CC1/2 23.5 significant, R-meas 402.7%
        assertThat(html).contains("<td>1.69</td><td>80273</td>").contains("<td>402.7%</td>").contains("<td>23.5*</td>");
        // the summary: SG, refined cell (line 267; 3 and 2 decimals), ISa (line 400, one decimal)
        assertThat(html).contains("C2 (#5)").contains("88.684 82.265 93.702 90.00 108.65 90.00")
                .contains("<dd>29.9</dd>").contains("a = 8.159E-01, b = 1.371E-03")
                .contains("0.097°").contains("47.8 Å²").contains("44.63 – 1.69 Å");
        assertThat(html).contains("href=\"ARwoDMSO/data00/CORRECT.LP\"");
        assertThat(count(html, "<svg ")).isEqualTo(4);
        // self-contained: nothing fetched from a network, no external script or stylesheet
        assertThat(html).doesNotContain("<link ", "<script", "@import", "url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", "").replace("http://www.thymeleaf.org", ""))
                .doesNotContain("http://").doesNotContain("https://");
        // no temporary file left behind
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("correct.html", "ARwoDMSO");
        }
    }

    @Test
    void htmlMetacharactersInNamesAndPathsRenderAsText(@TempDir Path tmp) throws IOException {
        CorrectLp lp = CorrectLpParser.parse(realCorrectLp());
        Path lpCopy = tmp.resolve("a&b <x> \"q\" 'p' #1 %20?").resolve("CORRECT.LP");
        Files.createDirectories(lpCopy.getParent());
        Files.copy(realCorrectLp(), lpCopy);
        Path out = tmp.resolve("correct.html");
        new ReportRenderer().renderCorrectHtml(List.of(new DatasetCorrectSummary(NASTY, lpCopy, NASTY, lp.datasetStatistics())), out);
        String html = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script>").doesNotContain(NASTY);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;");
        // the link is percent-encoded so the browser finds the directory; the text is escaped
        assertThat(html).contains("href=\"a&amp;b%20%3Cx%3E%20%22q%22%20&#39;p&#39;%20%231%20%2520%3F/CORRECT.LP\"");
        assertThat(html).contains(">a&amp;b &lt;x&gt; &quot;q&quot; &#39;p&#39; #1 %20?/CORRECT.LP</a>");
    }

    @Test
    void mxflowResultsWithoutLogOrErrorModelRenderWithGaps(@TempDir Path tmp) throws IOException {
        // A two-shell table as mxflow's own engine would produce it: no CORRECT.LP, no error
        // model, no Wilson B, and anomalous columns not computed.
        ShellStatistics low = new ShellStatistics(3.0, 1000, 250, 260, 96.2, 3.1, 3.0, 990, 20.5, 3.5, 99.7, true,
                Double.NaN, false, Double.NaN, 0);
        ShellStatistics high = new ShellStatistics(2.0, 2000, 500, 540, 92.6, 40.2, 38.0, 1950, 1.9, 45.0, 71.2, true,
                Double.NaN, false, Double.NaN, 0);
        ShellStatistics total = new ShellStatistics(2.0, 3000, 750, 800, 93.8, 5.0, 5.1, 2940, 8.7, 5.6, 99.5, true,
                Double.NaN, false, Double.NaN, 0);
        DatasetStatistics stats = new DatasetStatistics(96, new UnitCell(78.55, 78.55, 37.11, 90, 90, 90), ErrorModel.UNKNOWN,
                Double.NaN, Double.NaN, new MergingStatistics(Double.NaN, List.of(low, high), total));
        Path out = tmp.resolve("sub/correct.html");
        new ReportRenderer().renderCorrectHtml(List.of(new DatasetCorrectSummary("CPS1012-06/data00/CPS1012-06_1-3600", null, null, stats)), out);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(count(html, "<tr class=\"shell\">")).isEqualTo(2);
        assertThat(html).contains("<dd>#96</dd>").contains("78.550 78.550 37.110 90.00 90.00 90.00")
                .contains("<dd>n/a</dd>").contains("<td>2.00</td><td>2000</td>").contains("<td>71.2*</td>")
                .doesNotContain("class=\"log\"");
    }

    @Test
    void anEmptyListSaysSoInsteadOfAnEmptyPage(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("correct.html");
        new ReportRenderer().renderCorrectHtml(List.of(), out);
        assertThat(Files.readString(out)).contains("No helical or single data sets have been processed yet.");
    }
}
