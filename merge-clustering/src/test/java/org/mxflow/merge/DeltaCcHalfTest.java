package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.Scaler;
import org.mxflow.scale.ScalingDataset;
import org.mxflow.scale.ScalingResult;

/**
 * delta_cc1/2 on DatasetRejectionTest's simulated clusters (six 10° wedges, P212121, 3 Å, known
 * truth): a good cluster loses none; a cluster with one non-isomorphous wedge (half the truth, half
 * an unrelated set) loses exactly that one, and CC½ rises.
 */
class DeltaCcHalfTest {

    static ScalingResult scale(List<MultiMerge.Dataset> ds) {
        List<ScalingDataset> in = new ArrayList<>();
        for (MultiMerge.Dataset d : ds) in.add(new ScalingDataset(d.label(), d.data().observations()));
        return new Scaler(Scaler.Settings.defaults()).scale(in, DatasetRejectionTest.P212121, DatasetRejectionTest.CELL, Double.NaN,
                DatasetRejectionTest.D_MIN, 0);
    }

    @Test
    void aGoodClusterLosesNoneAndANonIsomorphousWedgeIsTheOneRemoved() {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL,
                DatasetRejectionTest.D_MIN, 20, 7);
        assertThat(DeltaCcHalf.reject(scale(DatasetRejectionTest.cluster(truth, -1, truth, 0.05, 5)).observations(), Set.of(), 1))
                .isEmpty();

        Map<MillerIndex, Double> other = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL,
                DatasetRejectionTest.D_MIN, 20, 8);
        Map<MillerIndex, Double> mixed = new HashMap<>();
        truth.forEach((h, v) -> mixed.put(h, 0.5 * v + 0.5 * other.get(h)));
        List<DeltaCcHalf.Removal> r = DeltaCcHalf.reject(scale(DatasetRejectionTest.cluster(truth, 4, mixed, 0.05, 6)).observations(),
                Set.of(), 1);
        assertThat(r).extracting(DeltaCcHalf.Removal::dataset).containsExactly(4);
        assertThat(r.get(0).ccHalfAfter()).as("%s", r.get(0)).isGreaterThan(r.get(0).ccHalfBefore());
        // A protected dataset (the reference file) is never removed.
        assertThat(DeltaCcHalf.reject(scale(DatasetRejectionTest.cluster(truth, 4, mixed, 0.05, 6)).observations(), Set.of(4), 1))
                .extracting(DeltaCcHalf.Removal::dataset).doesNotContain(4);
    }

    @Test
    void withTheOptionOnRun02sRejectionNamesDeltaCcHalf(@TempDir java.nio.file.Path tmp) throws Exception {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL,
                DatasetRejectionTest.D_MIN, 20, 7);
        Map<MillerIndex, Double> other = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL,
                DatasetRejectionTest.D_MIN, 20, 8);
        Map<MillerIndex, Double> mixed = new HashMap<>();
        truth.forEach((h, v) -> mixed.put(h, 0.5 * v + 0.5 * other.get(h)));
        MultiMerge.Outcome out = new MultiMerge(new MultiMerge.Settings(DatasetRejectionTest.P212121, Double.NaN, DatasetRejectionTest.D_MIN,
                null, Scaler.Settings.defaults(), false, true)).merge(DatasetRejectionTest.cluster(truth, 4, mixed, 0.05, 6), tmp);
        assertThat(out.removed()).containsOnlyKeys(4);
        assertThat(out.removed().get(4)).contains("bad_delta_cc1/2");
        assertThat(out.finalRun().members()).containsExactly(0, 1, 2, 3, 5);
    }
}
