package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.ScaledObservation;

/**
 * Bad-frame detection (framecc) with the per-wedge floor, on six simulated 21-frame wedges with
 * known truth (SimulatedWedges: P212121, 3 Å, 5 % error the σ leaves out): wedge 1 is good but
 * 10–40 times weaker than the others (scale 0.03, background σ 10 counts: frame CCs 0.78–0.89
 * against 0.995 for the rest), wedge 3 has frames 5, 11 and 17 replaced by unrelated intensities.
 * Frames are counted in run_02's input, i.e. after the trimming.
 */
class BadFrameFloorTest {

    static List<MultiMerge.Dataset> cluster() {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL, 3.0, 20, 7);
        Random r = new Random(5);
        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double scale = i == 1 ? 0.03 : 0.3 + 0.9 * r.nextDouble();
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(DatasetRejectionTest.CELL, 360 * r.nextDouble(), 21, 0.5, scale,
                    6 * r.nextDouble(), -0.01, 10, 0.05, i == 3 ? Set.of(5, 11, 17) : Set.of(), ReindexOperator.identity(), 500 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/d/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, DatasetRejectionTest.P212121, w, 3.0, 1.0)));
        }
        return ds;
    }

    static TreeSet<Integer> frames(List<MultiMerge.Dataset> ds, int d) {
        TreeSet<Integer> f = new TreeSet<>();
        ds.get(d).data().observations().forEach(o -> f.add((int) Math.floor(o.zdFrame()) + 1));
        return f;
    }

    @Test
    void aWeakButGoodWedgeKeepsAllItsFramesAndOnlyTheThreeBadFramesGo(@TempDir Path tmp) throws Exception {
        List<MultiMerge.Dataset> ds = cluster();
        MultiMerge.Outcome out = DatasetRejectionTest.merge(ds, tmp);
        MultiMerge.Run run2 = out.runs().get(1);
        // (lpstats may still judge wedge 1's error model after run_02; framecc must not.)
        assertThat(out.removed()).doesNotContainValue("allbadframe");
        assertThat(run2.members()).containsExactly(0, 1, 2, 3, 4, 5);
        List<TreeSet<Integer>> kept = new ArrayList<>();
        for (int k = 0; k < 6; k++) kept.add(new TreeSet<>());
        for (ScaledObservation o : run2.scaling().observations()) kept.get(o.dataset()).add(o.frame());
        for (int d : new int[] {0, 1, 2, 4, 5}) {
            assertThat(kept.get(d)).as("wedge %d", d).isEqualTo(frames(ds, d));
        }
        TreeSet<Integer> expected3 = frames(ds, 3);
        expected3.removeAll(Set.of(5, 11, 17));
        assertThat(kept.get(3)).isEqualTo(expected3);
        assertThat(frames(ds, 3)).contains(5, 11, 17);
    }
}
