package org.mxflow.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.reflection.MillerIndex;

class RereferenceTest {

    /** Pass B (XSCALE's marked reference) against a full refit with that reference: same scales and intensities. */
    @Test
    void reExpressingPassAMatchesARefitWithTheNewReference() {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(ScalerTest.P212121, ScalerTest.CELL, 2.5, 20, 7);
        List<ScalingDataset> data = ScalerTest.wedges(truth, 0.05, Set.of());
        Scaler scaler = new Scaler();
        ScalingResult passA = scaler.scale(data, ScalerTest.P212121, ScalerTest.CELL, Double.NaN, 2.5, 0);
        ScalingResult moved = Scaler.rereference(passA, 7);
        ScalingResult refit = scaler.scale(data, ScalerTest.P212121, ScalerTest.CELL, Double.NaN, 2.5, 7);
        assertThat(moved.scales().get(7).k()).isCloseTo(1.0, within(1e-12));
        assertThat(moved.scales().get(7).bA2()).isCloseTo(0.0, within(1e-12));
        for (int i = 0; i < data.size(); i++) {
            assertThat(moved.scales().get(i).k()).isCloseTo(refit.scales().get(i).k(), within(0.01 * refit.scales().get(i).k()));
            assertThat(moved.scales().get(i).bA2()).isCloseTo(refit.scales().get(i).bA2(), within(0.2));
        }
        // Merged intensities of the two agree to well within their σ.
        var a = Merging.merge(moved.observations());
        var b = Merging.merge(refit.observations());
        assertThat(a.size()).isCloseTo(b.size(), within(b.size() / 100));
        double[] x = a.stream().mapToDouble(r -> r.iMean()).toArray();
        double[] y = b.stream().mapToDouble(r -> r.iMean()).toArray();
        assertThat(org.mxflow.stats.Correlation.pearson(java.util.Arrays.copyOf(x, Math.min(x.length, y.length)),
                java.util.Arrays.copyOf(y, Math.min(x.length, y.length)))).isGreaterThan(0.999);
    }
}
