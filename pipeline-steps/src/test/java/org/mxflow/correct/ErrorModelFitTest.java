package org.mxflow.correct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.MergingStatisticsCalculator;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Error model, statistics and resolution cut on synthetic observations whose true variance is
 * known: I_obs = I_true + N(0, a(σ² + b·I_true²)) with a = 1.5, b = 0.0016 (ISa = 1/√(ab) = 20.4).
 */
class ErrorModelFitTest {

    static List<CorrectedObservation> synthetic(double a, double b, long seed) {
        Random rnd = new Random(seed);
        List<CorrectedObservation> out = new ArrayList<>();
        UnitCell cell = new UnitCell(50, 50, 50, 90, 90, 90);
        for (int h = 1; h <= 12; h++)
            for (int k = 0; k <= 12; k++)
                for (int l = 0; l <= 12; l++) {
                    double d = cell.dSpacing(h, k, l);
                    if (d < 4.2) continue;
                    double itrue = 2000 * Math.exp(-rnd.nextDouble() * 4) * Math.exp(-20 / (2 * d * d)) + 5;
                    double sigma = Math.sqrt(itrue + 50);
                    for (int m = 0; m < 4; m++) {
                        double sd = Math.sqrt(a * (sigma * sigma + b * itrue * itrue));
                        double i = itrue + sd * rnd.nextGaussian();
                        // P1 mates: h,k,l and −h,−k,−l alternately
                        int s = m % 2 == 0 ? 1 : -1;
                        out.add(new CorrectedObservation(s * h, s * k, s * l, i, sigma, 0, 0, m, 1, 100, 90, 0, d, m));
                    }
                }
        return out;
    }

    @Test
    void recoversAAndBAndIsaOfTheSimulatedScatter() {
        ErrorModel m = ErrorModelFit.fit(synthetic(1.5, 0.0016, 1), SpaceGroups.byNumber(1));
        assertThat(m.isKnown()).isTrue();
        assertThat(m.a()).isBetween(1.5 * 0.8, 1.5 * 1.2);
        assertThat(m.b()).isBetween(0.0016 * 0.6, 0.0016 * 1.5);
        assertThat(m.isa()).isBetween(17.0, 24.0);
    }

    @Test
    void shellTableCountsAndCcHalfFollowTheData() {
        List<CorrectedObservation> obs = synthetic(1.0, 0.0001, 2);
        // the table CORRECT.LP prints: core's calculator, as the engine calls it
        MergingStatistics s = MergingStatisticsCalculator.calculate(obs.stream().map(CorrectedObservation::toObservation).toList(),
                SpaceGroups.byNumber(1), new UnitCell(50, 50, 50, 90, 90, 90), new MergingStatisticsCalculator.Settings(5, 50, 4.2, false, 0));
        assertThat(s.total().observed()).isEqualTo(obs.size());
        assertThat(s.total().unique()).isEqualTo(obs.size() / 4);
        assertThat(s.total().multiplicity()).isEqualTo(4.0);
        // strong, well-measured data: CC½ near 100 % in every shell and significant
        for (var sh : s.shells()) assertThat(sh.ccHalfPct()).isGreaterThan(95);
        assertThat(s.total().ccHalfSignificant()).isTrue();
    }
}
