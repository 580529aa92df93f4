package org.mxflow.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;

/** Physics and XDS conventions of the statistics table, beyond the cctbx comparison. */
class MergingStatisticsCalculatorTest {

    @Test
    void shellLimitsAreEqualStepsInInverseDSquaredAsInTheRealCorrectLp() {
        // ../shared/data/real/xds/CORRECT.LP: data from 44.632 Å (first row of its error table) to 1.69 Å;
        // its statistics tables print these limits (F9.2)
        double[] d = MergingStatisticsCalculator.shellLimits(44.632, 1.69, 9);
        String[] printed = new String[9];
        for (int i = 0; i < 9; i++) {
            printed[i] = String.format(Locale.ROOT, "%.2f", d[i]);
        }
        assertThat(printed).containsExactly("5.04", "3.58", "2.92", "2.53", "2.27", "2.07", "1.92", "1.79", "1.69");
    }

    @Test
    void expectedRFactorMatchesObservedWhenSigmasAreTheTrueErrors() {
        // the synthetic data's noise is Gaussian with exactly the stated σ, so R-expected
        // (the expectation of R-observed) must match R-observed within sampling error
        MergingStatistics s = MergingStatisticsCalculator.calculate(SyntheticUnmergedData.generate().observations(),
                SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL, MergingStatisticsCalculator.Settings.xds());
        for (ShellStatistics shell : s.shells()) {
            assertThat(shell.rExpectedPct() / shell.rObservedPct()).as("shell %.2f", shell.dMinA()).isCloseTo(1.0, within(0.2));
        }
        assertThat(s.total().rExpectedPct() / s.total().rObservedPct()).isCloseTo(1.0, within(0.05));
    }

    @Test
    void twoObservationsByHand() {
        // P1, one reflection seen twice (once as its Friedel mate): I = 100 ± 10 and 120 ± 20.
        // weighted mean = (100/100 + 120/400) / (1/100 + 1/400) = 104, σ = 1/√0.0125 = 8.944
        var p1 = org.mxflow.symmetry.SpaceGroups.byNumber(1);
        var cell = new org.mxflow.cell.UnitCell(10, 10, 10, 90, 90, 90);
        List<Observation> obs = List.of(obs(1, 2, 3, 100, 10), obs(-1, -2, -3, 120, 20));
        MergingStatistics s = MergingStatisticsCalculator.calculate(obs, p1, cell,
                new MergingStatisticsCalculator.Settings(1, Double.NaN, Double.NaN, false, 0));
        ShellStatistics t = s.total();
        assertThat(t.observed()).isEqualTo(2);
        assertThat(t.unique()).isEqualTo(1);
        assertThat(t.compared()).isEqualTo(2);
        assertThat(t.iOverSigma()).isCloseTo(104 / (1 / Math.sqrt(0.0125)), within(1e-9));
        // Rmerge = (|100-104| + |120-104|) / 220
        assertThat(t.rObservedPct()).isCloseTo(100 * 20.0 / 220, within(1e-9));
        assertThat(t.rMeasPct()).isCloseTo(100 * Math.sqrt(2) * 20.0 / 220, within(1e-9));
        // R-expected: √(2/π)·(√(100−80) + √(400−80)) / 220
        assertThat(t.rExpectedPct()).isCloseTo(100 * Math.sqrt(2 / Math.PI) * (Math.sqrt(20) + Math.sqrt(320)) / 220, within(1e-9));
        // the range is the single d of (1 2 3); every permutation of (±1, ±2, ±3) has that d in a
        // cubic cell: 48 indices, half of them in the P1 ASU
        assertThat(t.possible()).isEqualTo(24);
    }

    @Test
    void strongNegativeMergedIntensitiesAreRejectedAsXdsDoes() {
        var p1 = org.mxflow.symmetry.SpaceGroups.byNumber(1);
        var cell = new org.mxflow.cell.UnitCell(10, 10, 10, 90, 90, 90);
        List<Observation> obs = List.of(obs(1, 0, 0, 100, 10), obs(1, 0, 0, 110, 10), obs(0, 1, 0, -40, 10));
        ShellStatistics t = MergingStatisticsCalculator.calculate(obs, p1, cell,
                new MergingStatisticsCalculator.Settings(1, Double.NaN, Double.NaN, false, 0)).total();
        assertThat(t.observed()).isEqualTo(2);
        assertThat(t.unique()).isEqualTo(1);
    }

    @Test
    void noUsableObservationsIsAClearError() {
        var p1 = org.mxflow.symmetry.SpaceGroups.byNumber(1);
        var cell = new org.mxflow.cell.UnitCell(10, 10, 10, 90, 90, 90);
        assertThatThrownBy(() -> MergingStatisticsCalculator.calculate(List.of(obs(1, 0, 0, 5, -1)), p1, cell,
                MergingStatisticsCalculator.Settings.xds())).hasMessageContaining("no usable observations");
    }

    @Test
    void shellsWithoutLowResolutionLimitStartAtZeroInverseDSquared() {
        // 1/d² from 0 to 1/2² in 4 equal steps: d = 1/√(k/16) = 4, 2.828, 2.309, 2 Å
        double[] d = MergingStatisticsCalculator.shellLimits(Double.POSITIVE_INFINITY, 2.0, 4);
        assertThat(d).containsExactly(new double[] {4.0, Math.sqrt(8), 4 / Math.sqrt(3), 2.0}, within(1e-12));
    }

    @Test
    void emptyDataOverAGivenRangeGiveEmptyShellsWithTheCompleteSetCounted() {
        // P1, cubic 10 Å, d ≥ 5 Å: 1/d² = (h²+k²+l²)/100 ≤ 0.04, i.e. h²+k²+l² ≤ 4: 6 + 12 + 8 + 6
        // = 32 non-zero indices, half of them in the P1 ASU
        var p1 = org.mxflow.symmetry.SpaceGroups.byNumber(1);
        var cell = new org.mxflow.cell.UnitCell(10, 10, 10, 90, 90, 90);
        MergingStatistics s = MergingStatisticsCalculator.calculate(List.of(obs(1, 0, 0, 5, -1)), p1, cell,
                new MergingStatisticsCalculator.Settings(2, Double.POSITIVE_INFINITY, 5.0, false, 0));
        assertThat(s.total().possible()).isEqualTo(16);
        assertThat(s.total().observed()).isZero();
        assertThat(s.total().completenessPct()).isZero();
        assertThat(s.shells()).hasSize(2);
    }

    @Test
    void significanceThresholdMatchesStudentT() {
        // t(0.999; 98) = 3.1737 (tables), so r_crit = 3.1737/√(98 + 3.1737²) = 0.3054
        assertThat(Correlation.criticalValue(100, 0.001)).isCloseTo(0.3054, within(2e-4));
        // large n: t → z(0.999) = 3.0902
        assertThat(Correlation.criticalValue(1_000_002, 0.001) * Math.sqrt(1_000_000)).isCloseTo(3.0902, within(1e-3));
    }

    private static Observation obs(int h, int k, int l, double i, double sigma) {
        return new Observation(new MillerIndex(h, k, l), i, sigma, 0, 0, 0.5, 1, 100, 90, 0);
    }
}
