package org.mxflow.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.reflection.MergedReflection;

class WilsonPlotTest {

    @Test
    void lineThroughXdsShellsGivesTheBXdsPrinted() {
        // ../shared/data/real/xds/CORRECT.LP, "WILSON STATISTICS": RES and <I> of its 19 shells and
        // "WILSON LINE (using all data) : A= 7.997 B= 47.824". SS = 1/(4 RES²); the printed RES has
        // 3 decimals and XDS fits its own unrounded shell means, hence the tolerances.
        double[][] rows = {{9.362, 2.3741E+03}, {5.909, 9.3280E+02}, {4.621, 1.2996E+03}, {3.918, 9.7562E+02},
            {3.459, 5.6162E+02}, {3.133, 2.7302E+02}, {2.884, 1.4597E+02}, {2.685, 8.0382E+01}, {2.523, 5.3766E+01},
            {2.387, 3.7370E+01}, {2.271, 2.5736E+01}, {2.170, 1.8787E+01}, {2.082, 1.2489E+01}, {2.003, 8.4041E+00},
            {1.933, 4.7975E+00}, {1.870, 3.0799E+00}, {1.813, 2.0271E+00}, {1.760, 1.3297E+00}, {1.712, 1.0635E+00}};
        List<WilsonPlot.Shell> shells = new ArrayList<>();
        for (double[] r : rows) {
            shells.add(new WilsonPlot.Shell(1 / (4 * r[0] * r[0]), r[1], 100));
        }
        WilsonPlot w = WilsonPlot.fitLine(shells);
        assertThat(w.a()).isCloseTo(7.997, within(0.05));
        assertThat(w.bA2()).isCloseTo(47.824, within(0.3));
        assertThat(w.correlation()).isLessThan(-0.99);
    }

    @Test
    void syntheticDataGiveBackTheirTrueB() {
        // SyntheticUnmergedData draws intensities with <I> = ε·Σ·exp(−B/2d²), B = 40 Å², plus noise
        List<MergedReflection> merged = EquivalentsMerger.merge(SyntheticUnmergedData.generate().observations(),
                SyntheticUnmergedData.SPACE_GROUP);
        WilsonPlot w = WilsonPlot.fit(merged, SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL);
        assertThat(w.bA2()).isCloseTo(SyntheticUnmergedData.WILSON_B_A2, within(3.0));
        // intercept: ln Σ = ln 200
        assertThat(w.a()).isCloseTo(Math.log(SyntheticUnmergedData.SIGMA_N), within(0.25));
        assertThat(w.shells()).hasSize(10);
    }

    @Test
    void lowResolutionDataCannotGiveAWilsonB() {
        List<MergedReflection> low = List.of(MergedReflection.of(new org.mxflow.reflection.MillerIndex(1, 0, 0), 10, 1, 1));
        assertThatThrownBy(() -> WilsonPlot.fit(low, SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL))
                .hasMessageContaining("no data beyond 4.50 Å");
    }
}
