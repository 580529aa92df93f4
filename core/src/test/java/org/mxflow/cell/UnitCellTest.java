package org.mxflow.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitCellTest {

    @Test
    void orthorhombicDSpacingIsHandCalculable() {
        // Orthorhombic: 1/d² = h²/a² + k²/b² + l²/c². For (1 2 3) in 50x60x70: 1/(0.0004+0.001111+0.0018367)
        UnitCell cell = new UnitCell(50, 60, 70, 90, 90, 90);
        double expected = 1 / Math.sqrt(1.0 / 2500 + 4.0 / 3600 + 9.0 / 4900);
        assertThat(cell.dSpacing(1, 2, 3)).isCloseTo(expected, within(1e-9));
        assertThat(cell.volume()).isCloseTo(210000.0, within(1e-6));
    }

    @Test
    void monoclinicVolumeAndReciprocalMatchTheC2CellOfTheRealCorrectLp() {
        // Cell from ../shared/data/real/xds/CORRECT.LP; V = a b c sin(beta).
        UnitCell cell = new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90);
        double v = 88.68 * 82.26 * 93.70 * Math.sin(Math.toRadians(108.65));
        assertThat(cell.volume()).isCloseTo(v, within(1e-6));
        UnitCell r = cell.reciprocal();
        // For monoclinic b* = 1/b, beta* = 180 - beta.
        assertThat(r.b()).isCloseTo(1 / 82.26, within(1e-12));
        assertThat(r.beta()).isCloseTo(180 - 108.65, within(1e-9));
        // The reciprocal of the reciprocal is the cell itself.
        UnitCell back = r.reciprocal();
        assertThat(back.a()).isCloseTo(88.68, within(1e-9));
        assertThat(back.beta()).isCloseTo(108.65, within(1e-9));
    }

    @Test
    void metricTimesReciprocalMetricIsIdentity() {
        UnitCell cell = new UnitCell(41.2, 53.7, 61.9, 81.3, 97.6, 104.2);
        double[] g = cell.metric(), gs = cell.reciprocalMetric();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += g[3 * i + k] * gs[3 * k + j];
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void impossibleCellsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new UnitCell(10, 10, 10, 130, 130, 130)).hasMessageContaining("do not form a cell");
        assertThatThrownBy(() -> UnitCell.parse("78 78 37 90 90")).hasMessageContaining("6 numbers");
        assertThatThrownBy(() -> UnitCell.parse("78 78 x 90 90 90")).hasMessageContaining("'x'");
    }
}
