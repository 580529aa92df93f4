package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.DatasetScale;

/**
 * lpstats on a weak but good wedge (simulated truth, SimulatedWedges: P212121, 3 Å, six 21-frame
 * wedges, every one with the same 5 % error its σ leaves out, i.e. true b = 0.0025): wedge 1 is 10–40
 * times weaker than the others (scale 0.03, as in BadFrameFloorTest). Its σ are right, so its fitted
 * a·b must be about the mates' whatever its scale, and lpstats must keep it. It used to come out
 * at a·b 0.08 (30× the mates') and be removed as bad_em.ab: the scale fit selected observations on
 * their own measured I/σ ≥ 3, which for weak data keeps the positive noise, biasing its scale up
 * and its B down, and the error model read that misfit as proportional error. A wedge with a
 * genuine 25 % undeclared error is still removed.
 */
class WeakWedgeErrorModelTest {

    /** BadFrameFloorTest's cluster without bad frames; {@code noisy} gets a 25 % undeclared error (-1: none). */
    static List<MultiMerge.Dataset> cluster(double weakScale, int noisy) {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL, 3.0, 20, 7);
        Random r = new Random(5);
        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double scale = i == 1 ? weakScale : 0.3 + 0.9 * r.nextDouble();
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(DatasetRejectionTest.CELL, 360 * r.nextDouble(), 21, 0.5, scale,
                    6 * r.nextDouble(), -0.01, 10, i == noisy ? 0.25 : 0.05, Set.of(), ReindexOperator.identity(), 500 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/d/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, DatasetRejectionTest.P212121, w, 3.0, 1.0)));
        }
        return ds;
    }

    static double ab(DatasetScale s) {
        return s.errorModel().a() * s.errorModel().b();
    }

    @Test
    void aWeakWedgeWhoseSigmasAreRightHasTheMatesABAndIsKept(@TempDir Path tmp) throws Exception {
        MultiMerge.Outcome out = DatasetRejectionTest.merge(cluster(0.03, -1), tmp.resolve("weak"));
        assertThat(out.removed()).isEmpty();
        assertThat(out.finalRun().members()).containsExactly(0, 1, 2, 3, 4, 5);
        List<DatasetScale> scales = out.runs().get(1).scaling().scales();
        double[] mates = {ab(scales.get(0)), ab(scales.get(2)), ab(scales.get(3)), ab(scales.get(4)), ab(scales.get(5))};
        Arrays.sort(mates);
        double weak = ab(scales.get(1));
        // All six share b = 0.0025 (a ≈ 1): the weak wedge's a·b at most twice the mates' median, inside
        // lpstats' fence (at least 2^1.5 = 2.8 × Q3); before the fix it was 30 times. Below, only loosely
        // bounded: for a weak wedge b·I² is small next to σ² even in its strongest bin, so b is poorly
        // determined (0.38 × the median here), and a low a·b is never flagged.
        assertThat(weak / mates[2]).as("weak a·b %.5f, mates %s", weak, Arrays.toString(mates)).isBetween(0.25, 2.0);
        assertThat(mates[2]).isBetween(0.0025 / 2, 0.0025 * 2);

        // The same wedge at the mates' strength: a·b about the same whatever the scale.
        MultiMerge.Outcome strong = DatasetRejectionTest.merge(cluster(1.0, -1), tmp.resolve("strong"));
        double abStrong = ab(strong.runs().get(1).scaling().scales().get(1));
        assertThat(weak / abStrong).as("weak a·b %.5f, same wedge at scale 1 %.5f", weak, abStrong).isBetween(0.25, 2.0);
    }

    @Test
    void aGenuinelyNoisyWedgeIsStillRemovedAndTheWeakOneKept(@TempDir Path tmp) throws Exception {
        // Wedge 4 with a 25 % undeclared error: a·b = 0.25² = 25 × the others'.
        MultiMerge.Outcome out = DatasetRejectionTest.merge(cluster(0.03, 4), tmp.resolve("c"));
        assertThat(out.removed()).containsOnlyKeys(4);
        assertThat(out.removed().get(4)).isIn("bad_em.ab", "allbadframe");
        assertThat(out.finalRun().members()).containsExactly(0, 1, 2, 3, 5);
    }
}
