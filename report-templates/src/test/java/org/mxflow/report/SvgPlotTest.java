package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgPlotTest {

    /** x positions and labels of the x-axis ticks, read back from the SVG. */
    static List<double[]> xTicks(String svg) {
        // tick label: <text x="..." y="..." text-anchor="middle" font-size="11">label</text>
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"middle\" font-size=\"11\">([0-9.]+)</text>").matcher(svg);
        List<double[]> ticks = new ArrayList<>();
        while (m.find()) {
            ticks.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return ticks;
    }

    @Test
    void resolutionAxisIsEvenIn1OverDSquaredAndLabelledInD() {
        // Shells of the real CORRECT.LP (5.04 ... 1.69 Å).
        double[] d = {5.04, 3.58, 2.92, 2.53, 2.27, 2.07, 1.92, 1.79, 1.69};
        String svg = SvgPlot.againstResolution("CC½", "CC½ (%)").series("CC½", d, new double[d.length]).yRange(0, 100).toSvg();
        List<double[]> ticks = xTicks(svg);
        assertThat(ticks).hasSize(6);
        // ends are the data's limits
        assertThat(ticks.get(0)[1]).isEqualTo(5.04);
        assertThat(ticks.get(5)[1]).isEqualTo(1.69);
        // equal steps on screen are equal steps in 1/d^2: s = 1/5.04^2 + k/5 (1/1.69^2 - 1/5.04^2)
        double s0 = 1 / (5.04 * 5.04), s1 = 1 / (1.69 * 1.69);
        for (int k = 0; k < 6; k++) {
            double expectedD = 1 / Math.sqrt(s0 + k * (s1 - s0) / 5);
            assertThat(ticks.get(k)[1]).isCloseTo(expectedD, within(0.006));
            if (k > 0) {
                assertThat(ticks.get(k)[0] - ticks.get(k - 1)[0]).isCloseTo(ticks.get(1)[0] - ticks.get(0)[0], within(0.11));
            }
        }
        // 2.47 Å (k = 2) is 1/sqrt(s0 + 0.4 (s1 - s0)), far from the linear-in-d midpoint 3.7 Å
        assertThat(ticks.get(2)[1]).isEqualTo(2.47);
    }

    @Test
    void textIsEscapedAndNanLeavesAGap() {
        String svg = SvgPlot.linear("<b>&\"'", "x", "y")
                .series("a<b", new double[] {1, 2, 3, 4}, new double[] {1, Double.NaN, 3, 4}).toSvg();
        assertThat(svg).doesNotContain("<b>").contains("&lt;b&gt;&amp;&quot;&#39;").contains("a&lt;b: 1, 1");
        // one path with a pen-up after the gap: "M.. M.. L.."
        Matcher path = Pattern.compile("<path d=\"([^\"]+)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        assertThat(path.group(1)).matches("M[0-9. ]+ M[0-9. ]+ L[0-9. ]+");
        assertThat(svg.split("<circle", -1)).hasSize(4);   // 3 finite points
    }

    @Test
    void yTicksAreRoundNumbersCoveringTheData() {
        assertThat(SvgPlot.ticks(0, 80)).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0);
        assertThat(SvgPlot.ticks(0, 500)).containsExactly(0.0, 100.0, 200.0, 300.0, 400.0, 500.0);
        assertThat(SvgPlot.niceStep(0.37)).isEqualTo(0.5);
        // I/sigma of the real file peaks at 71.42: the fitted axis ends at 80
        String svg = SvgPlot.linear("I", "x", "y").series("I", new double[] {1, 2}, new double[] {0.52, 71.42}).toSvg();
        assertThat(svg).contains(">80</text>").doesNotContain(">100</text>");
    }

    @Test
    void legendAppearsOnlyForSeveralSeries() {
        double[] x = {1, 2};
        assertThat(SvgPlot.linear("t", "x", "y").series("only", x, x).toSvg()).doesNotContain(">only</text>");
        String two = SvgPlot.linear("t", "x", "y").series("R-meas", x, x).series("R-obs", x, x).toSvg();
        assertThat(two).contains(">R-meas</text>").contains(">R-obs</text>").contains(SvgPlot.PALETTE.get(1));
    }
}
