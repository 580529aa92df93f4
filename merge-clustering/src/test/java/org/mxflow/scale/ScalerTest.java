package org.mxflow.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.CcHalf;
import org.mxflow.merge.ReindexOperator;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class ScalerTest {

    static final SpaceGroup P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);

    /** Twelve 10° wedges with known scale k_i = 0.4 + 0.1 i, relative B_i = 3 (i mod 4) Å², 1 %/frame decay. */
    static List<ScalingDataset> wedges(Map<MillerIndex, Double> truth, double extraError, Set<Integer> badFramesOf5) {
        List<ScalingDataset> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(CELL, 0, 20, 0.5, 0.4 + 0.1 * i, 3.0 * (i % 4), -0.01, 10,
                    extraError, i == 5 ? badFramesOf5 : Set.of(), ReindexOperator.identity(), 100 + i);
            out.add(new ScalingDataset("w" + i, SimulatedWedges.wedge(truth, P212121, w, 2.5, 1.0).observations()));
        }
        return out;
    }

    @Test
    void recoversTheSimulatedScalesAndRelativeBFactors() {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, 2.5, 20, 7);
        List<ScalingDataset> data = wedges(truth, 0.05, Set.of());
        ScalingResult r = new Scaler().scale(data, P212121, CELL, Double.NaN, 2.5, 0);
        for (int i = 0; i < 12; i++) {
            DatasetScale s = r.scales().get(i);
            // Truth relative to dataset 0 (k 0.4, B 0); the frame term's mean over the knots is the
            // mean of 1 − 0.01·z over the wedge (z 0..20), the same for all, so it cancels in the ratio.
            assertThat(s.k()).as("K of wedge %d", i).isCloseTo((0.4 + 0.1 * i) / 0.4, within(0.03 * (0.4 + 0.1 * i) / 0.4));
            assertThat(s.bA2()).as("B of wedge %d", i).isCloseTo(3.0 * (i % 4), within(0.6));
            // The 1 %/frame decay: the last knot is about 20 % below the first.
            double[] ks = s.knotScale();
            assertThat(ks[ks.length - 1] / ks[0]).isCloseTo((1 - 0.01 * 20) / 1.0, within(0.04));
        }
        // Merged intensities against the truth.
        List<MergedReflection> merged = Merging.merge(r.observations());
        double[] x = new double[merged.size()], y = new double[merged.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = merged.get(i).iMean();
            y[i] = truth.get(merged.get(i).hkl());
        }
        assertThat(org.mxflow.stats.Correlation.pearson(x, y)).isGreaterThan(0.97);
        MergingStatistics st = Merging.statistics(r.observations(), P212121, CELL, Double.NaN, 2.5, 9, false);
        assertThat(st.total().ccHalfPct()).isGreaterThan(95);
    }

    @Test
    void errorModelFindsTheProportionalErrorTheSigmasLeftOut() {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, 2.5, 20, 7);
        ScalingResult r = new Scaler().scale(wedges(truth, 0.10, Set.of()), P212121, CELL, Double.NaN, 2.5, 0);
        // Simulated: σ covers counting noise only; a 10 % proportional error is added on top, i.e.
        // truth a = 1, b = 0.1² = 0.01, ISa = 1/√(ab) = 10.
        for (DatasetScale s : r.scales()) {
            assertThat(s.errorModel().a()).isBetween(0.85, 1.2);
            assertThat(s.errorModel().b()).isBetween(0.0075, 0.0125);
            assertThat(s.errorModel().isa()).isBetween(9.0, 11.5);
        }
    }

    @Test
    void rMeasOfAPureClusterIsWhatTheSimulatedNoiseGives() {
        // Twelve wedges of one crystal form. The simulator's noise on an observation of true
        // intensity I is Gaussian with variance τ² = σ² + (0.05·I)², σ² = I + 10² (so I = σ² − 100).
        // Corrected by the fitted g (= I_raw / I_corrected), τ/g. For R-meas against the weighted
        // mean Ī = Σw_j I_j / W, I_i − Ī = Σ_j c_j ε_j with c_j = δ_ij − w_j/W, so
        // E|I_i − Ī| = √(2/π)·√(Σ c_j² τ_j²) exactly; R-meas expected = Σ √(n/(n−1))·E|…| / ΣI.
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, 2.5, 20, 7);
        ScalingResult r = new Scaler().scale(wedges(truth, 0.05, Set.of()), P212121, CELL, Double.NaN, 2.5, 0);
        Map<MillerIndex, List<ScaledObservation>> groups = new java.util.TreeMap<>();
        for (ScaledObservation o : r.observations()) {
            if (!o.rejected() && o.sigma() > 0) groups.computeIfAbsent(o.asu(), k -> new ArrayList<>()).add(o);
        }
        double num = 0, den = 0;
        for (List<ScaledObservation> g : groups.values()) {
            int n = g.size();
            double[] w = new double[n], tau2 = new double[n];
            double sw = 0, swi = 0;
            for (int j = 0; j < n; j++) {
                ScaledObservation o = g.get(j);
                w[j] = 1 / (o.sigma() * o.sigma());
                sw += w[j];
                swi += w[j] * o.intensity();
                double s2 = o.original().sigma() * o.original().sigma();
                double iRaw = Math.max(s2 - 100, 0);
                double gain = o.original().intensity() / o.intensity();
                tau2[j] = (s2 + 0.05 * 0.05 * iRaw * iRaw) / (gain * gain);
            }
            if (n < 2 || swi / sw < -3 / Math.sqrt(sw)) continue;
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    double c = (i == j ? 1 : 0) - w[j] / sw;
                    v += c * c * tau2[j];
                }
                num += Math.sqrt((double) n / (n - 1)) * Math.sqrt(2 / Math.PI) * Math.sqrt(v);
                den += g.get(i).intensity();
            }
        }
        double expectedPct = 100 * num / den;
        MergingStatistics st = Merging.statistics(r.observations(), P212121, CELL, Double.NaN, 2.5, 9, false);
        assertThat(expectedPct).isBetween(3.0, 15.0);
        assertThat(st.total().rMeasPct() / expectedPct).isCloseTo(1.0, within(0.05));
    }
}
