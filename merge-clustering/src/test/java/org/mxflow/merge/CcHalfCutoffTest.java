package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;

class CcHalfCutoffTest {

    private static JsonNode oracle() throws IOException {
        try (InputStream in = CcHalfCutoffTest.class.getResourceAsStream("/oracles/cchalf_fit.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    /**
     * Minimal reader of the CORRECT.LP shell table after 'STATISTICS OF SAVED DATA SET'
     * (fixed columns of kamo-conventions Appendix A): {d_min, CC½ fraction} per shell.
     */
    private static List<double[]> correctLpShells(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = 0;
        while (!lines.get(start).contains("STATISTICS OF SAVED DATA SET")) start++;
        while (!lines.get(start).contains("SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION")) start++;
        List<double[]> rows = new ArrayList<>();
        for (int i = start + 4; !lines.get(i).substring(0, 9).strip().equals("total"); i++) {
            String l = lines.get(i);
            rows.add(new double[] {Double.parseDouble(l.substring(0, 9).strip()),
                Double.parseDouble(l.substring(99, 107).replace("*", "").strip()) / 100});
        }
        return rows;
    }

    @Test
    void fitRecoversAnExactTanhCurve() {
        // Exact model values for d0 = 0.25 Å⁻² (CC½ = 0.5 at 2.0 Å) and r = 0.04.
        TanhCcHalfFit truth = new TanhCcHalfFit(0.25, 0.04);
        double[] s = new double[15], cc = new double[15];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.02 + i * 0.025;
            cc[i] = truth.cc(s[i]);
        }
        TanhCcHalfFit fit = TanhCcHalfFit.fit(s, cc);
        assertThat(fit.d0()).isCloseTo(0.25, within(1e-7));
        assertThat(fit.r()).isCloseTo(0.04, within(1e-7));
        assertThat(fit.resolutionAt(0.5)).isCloseTo(2.0, within(1e-6));
        // d(0.35) = 1/sqrt(0.25 + 0.04·atanh(0.3)) = 1/sqrt(0.262384) = 1.952245 Å
        assertThat(fit.resolutionAt(0.35)).isCloseTo(1 / Math.sqrt(0.25 + 0.04 * 0.30951960420311175), within(1e-6));
    }

    @Test
    void fitOfTheRealCorrectLpShellsAgreesWithScipy() throws Exception {
        Path lp = Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
        List<double[]> shells = correctLpShells(lp);
        // The table: 9 shells to 1.69 Å, CC½ 100.0 ... 61.3 (1.79 Å), 23.5 (1.69 Å).
        assertThat(shells).hasSize(9);
        assertThat(shells.get(8)).containsExactly(1.69, 0.235);
        double[] s = shells.stream().mapToDouble(r -> 1 / (r[0] * r[0])).toArray();
        double[] cc = shells.stream().mapToDouble(r -> r[1]).toArray();
        JsonNode expected = oracle().get("cases").get(0);
        assertThat(doubles(expected.get("cc"))).containsExactly(cc, within(1e-12));
        TanhCcHalfFit fit = TanhCcHalfFit.fit(s, cc);
        // scipy least_squares(soft_l1, f_scale=0.3): d0 = 0.322828, r = 0.046178, d(0.5) = 1.7600 Å
        assertThat(fit.d0()).isCloseTo(expected.get("d0").asDouble(), within(1e-6));
        assertThat(fit.r()).isCloseTo(expected.get("r").asDouble(), within(1e-6));
        assertThat(fit.resolutionAt(0.5)).isCloseTo(expected.get("d_at_0.5").asDouble(), within(1e-5));
        assertThat(fit.resolutionAt(0.35)).isCloseTo(expected.get("d_at_0.35").asDouble(), within(1e-5));
        // Physically: between the 1.79 Å shell (CC½ 61 %) and the 1.69 Å shell (24 %).
        assertThat(fit.resolutionAt(0.5)).isBetween(1.69, 1.79);
    }

    @Test
    void softL1FitDiscountsOutliersExactlyAsScipy() throws Exception {
        JsonNode c = oracle().get("cases").get(1);
        TanhCcHalfFit fit = TanhCcHalfFit.fit(doubles(c.get("s")), doubles(c.get("cc")));
        assertThat(fit.d0()).isCloseTo(c.get("d0").asDouble(), within(1e-6));
        assertThat(fit.r()).isCloseTo(c.get("r").asDouble(), within(1e-6));
        // Truth without the two outliers is d0 = 0.2: the robust fit stays within 0.001 of it.
        assertThat(fit.d0()).isCloseTo(0.2, within(1e-3));
    }

    @Test
    void fitNeedsThreeDefinedShells() {
        assertThatThrownBy(() -> TanhCcHalfFit.fit(new double[] {0.1, 0.2, 0.3}, new double[] {0.9, Double.NaN, 0.1}))
                .hasMessageContaining("at least 3 shells").hasMessageContaining("got 2");
    }

    /** Outer-shell CC½ that is exactly the tanh curve at s = 1/d². */
    private static DoubleUnaryOperator curve(double d0, double r) {
        TanhCcHalfFit t = new TanhCcHalfFit(d0, r);
        return d -> t.cc(1 / (d * d));
    }

    @Test
    void searchStepsDownFromATooConservativeEstimate() {
        // CC½ = 0.5 at exactly 2.00 Å; CC½ < 0.53 needs d < 2.0048 Å, so 2.00 is the only 0.01 Å
        // grid point in [0.5, 0.53).
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.5).search(2.30, 1.5, curve(0.25, 0.02));
        assertThat(cut.dMinA()).isEqualTo(2.00);
        assertThat(cut.ccHalfOuter()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void searchStepsUpFromATooOptimisticEstimate() {
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.5).search(1.80, 1.5, curve(0.25, 0.02));
        assertThat(cut.dMinA()).isEqualTo(2.00);
    }

    @Test
    void searchForTheFirstPassTargetLandsWhereTheCurveCrosses035() {
        // cc = 0.35 at s = 0.25 + 0.05·atanh(0.3) = 0.265476 -> d = 1.94083 Å; [0.35, 0.38) holds
        // for s in (0.25+0.05·atanh(0.24), 0.265476] = (0.262246, 0.265476] -> d in [1.9408, 1.9528):
        // only the grid point 1.95 (at 1.94 CC½ < 0.35, at 1.96 CC½ > 0.38).
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.35).search(2.5, 1.2, curve(0.25, 0.05));
        assertThat(cut.dMinA()).isEqualTo(1.95);
        assertThat(cut.ccHalfOuter()).isBetween(0.35, 0.38);
    }

    @Test
    void searchStopsAtTheDataLimitWhenTheDataAreStrongToTheEdge() {
        // CC½ still 1.0 at the 1.8 Å data limit: the cut is the data limit.
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.5).search(1.2, 1.8, curve(0.6, 0.02));
        assertThat(cut.dMinA()).isEqualTo(1.8);
    }

    @Test
    void decideOnSimulatedUnmergedDataFindsTheResolutionWhereNoiseEqualsSignal() {
        // Simulation with known truth: 30x35x40 Å P1 cell to 1.6 Å, each reflection observed 4 times,
        // true I exponential with mean 1000 (variance 1e6), Gaussian noise σ(s) = 1414.2·exp(12(s − 0.25)).
        // A half of 2 observations has noise variance σ²/2, so the true CC½(s) = 1e6/(1e6 + σ(s)²/2)
        // is exactly 0.5 at s = 0.25 (d = 2.0 Å).
        UnitCell cell = new UnitCell(30, 35, 40, 90, 90, 90);
        Random rnd = new Random(7);
        List<IntensityObservation> obs = new ArrayList<>();
        for (int h = 0; h <= 19; h++) {
            for (int k = -22; k <= 22; k++) {
                for (int l = -25; l <= 25; l++) {
                    if (h == 0 && (k < 0 || (k == 0 && l <= 0))) continue; // one of each Friedel pair
                    double s = cell.oneOverDSquared(h, k, l);
                    if (s > 1 / (1.6 * 1.6)) continue;
                    double truth = -1000 * Math.log(1 - rnd.nextDouble());
                    double sigma = 1414.2 * Math.exp(12 * (s - 0.25));
                    for (int m = 0; m < 4; m++) {
                        obs.add(new IntensityObservation(new MillerIndex(h, k, l), truth + sigma * rnd.nextGaussian(), sigma));
                    }
                }
            }
        }
        obs.add(new IntensityObservation(new MillerIndex(1, 1, 1), 5, -1)); // rejected: ignored
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.5).decide(obs, cell);
        assertThat(cut.found()).isTrue();
        assertThat(cut.ccHalfOuter()).isBetween(0.5, 0.53);
        // The outer of 9 equal-volume shells is ~0.08 Å wide and CC½ falls with s, so the cut sits
        // at or just beyond the 2.0 Å where CC½(s) = 0.5; the fit itself crosses 0.5 near 2.0 Å.
        assertThat(cut.dMinA()).isBetween(1.93, 2.03);
        assertThat(cut.fit().resolutionAt(0.5)).isCloseTo(2.0, within(0.05));
    }

    @Test
    void decideWithoutObservationsSaysSo() {
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(0.5).decide(List.of(), new UnitCell(30, 35, 40, 90, 90, 90));
        assertThat(cut.found()).isFalse();
        assertThat(cut.reason()).isEqualTo("no reflections");
    }
}
