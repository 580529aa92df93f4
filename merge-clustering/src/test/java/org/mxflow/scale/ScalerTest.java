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
        MergingStatistics st = ShellTable.compute(r.observations(), P212121, CELL, Double.NaN, 2.5, 9, false);
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
}
