package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * run_01 → run_03 on simulated clusters of six 10° wedges with known truth (random orientation,
 * scale 0.3–1.2, relative B 0–6 Å², 1 %/frame decay, 5 % error the σ leaves out): good wedges
 * are all kept, and a cluster with one genuinely bad wedge loses exactly that one. Before the
 * robust error model and floored fences, the same kind of good cluster at 2.5 Å (seed 5) lost one
 * wedge (bad_em.b: its fitted b 0.0044 against 0.0022–0.0031, all from the same true b = 0.0025).
 */
class DatasetRejectionTest {

    static final SpaceGroup P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);
    static final double D_MIN = 3.0;

    /** Six wedges; wedge {@code bad} uses {@code badTruth} and {@code badError}. */
    static List<MultiMerge.Dataset> cluster(Map<MillerIndex, Double> truth, int bad, Map<MillerIndex, Double> badTruth,
                                            double badError, long seed) {
        Random r = new Random(seed);
        List<MultiMerge.Dataset> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(CELL, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(),
                    6 * r.nextDouble(), -0.01, 10, i == bad ? badError : 0.05, Set.of(), ReindexOperator.identity(), seed * 100 + i);
            out.add(new MultiMerge.Dataset(Path.of("/data/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(i == bad ? badTruth : truth, P212121, w, D_MIN, 1.0)));
        }
        return out;
    }

    static MultiMerge.Outcome merge(List<MultiMerge.Dataset> data, Path dir) throws Exception {
        return new MultiMerge(new MultiMerge.Settings(P212121, Double.NaN, D_MIN, null, Scaler.Settings.defaults())).merge(data, dir);
    }

    @Test
    void aClusterOfGoodWedgesLosesNone(@TempDir Path tmp) throws Exception {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, D_MIN, 20, 7);
        for (long seed : new long[] {5, 6}) {
            MultiMerge.Outcome out = merge(cluster(truth, -1, truth, 0.05, seed), tmp.resolve("c" + seed));
            assertThat(out.removed()).as("seed %d", seed).isEmpty();
            assertThat(out.finalRun().members()).hasSize(6);
        }
    }

    @Test
    void aWedgeWithA25PercentUndeclaredErrorIsTheOnlyOneRemoved(@TempDir Path tmp) throws Exception {
        // a·b = 0.25² against 0.05²: 25 times the others', far above the fence (at least 2.8 × Q3)
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, D_MIN, 20, 7);
        MultiMerge.Outcome out = merge(cluster(truth, 2, truth, 0.25, 5), tmp.resolve("c"));
        assertThat(out.removed()).containsOnlyKeys(2);
        assertThat(out.removed().get(2)).isIn("bad_em.ab", "allbadframe");
        assertThat(out.finalRun().members()).containsExactly(0, 1, 3, 4, 5);
    }

    @Test
    void aNonIsomorphousWedgeIsTheOnlyOneRemoved(@TempDir Path tmp) throws Exception {
        // Its intensities are half the cluster's truth, half an unrelated one (CC with the truth ≈ 0.7)
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, D_MIN, 20, 7);
        Map<MillerIndex, Double> other = SimulatedWedges.truth(P212121, CELL, D_MIN, 20, 8);
        Map<MillerIndex, Double> mixed = new HashMap<>();
        truth.forEach((h, v) -> mixed.put(h, 0.5 * v + 0.5 * other.get(h)));
        MultiMerge.Outcome out = merge(cluster(truth, 4, mixed, 0.05, 6), tmp.resolve("c"));
        assertThat(out.removed()).containsOnlyKeys(4);
        assertThat(out.finalRun().members()).containsExactly(0, 1, 2, 3, 5);
    }
}
