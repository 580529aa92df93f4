package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.scale.Scaler;

/**
 * XSCALE-failure handling (kamo-conventions 4.10.5) on simulated wedges with known truth
 * (P212121, 3 Å, SimulatedWedges): a dataset sharing no strong reflection with the others is
 * dropped as no_common_refls and the rest merge; a cluster that cannot be scaled at all fails
 * alone.
 */
class CommonReflectionsTest {

    @Test
    void theLargestCliqueOfTheMoreThanTenCommonGraphIsKept() {
        // 0–1–2 pairwise joined, 3 joined to 0 only, 4 to nobody: clique {0,1,2}.
        int[][] c = new int[5][5];
        int[][] edges = {{0, 1}, {0, 2}, {1, 2}, {0, 3}};
        for (int[] e : edges) c[e[0]][e[1]] = c[e[1]][e[0]] = 11;
        c[1][3] = c[3][1] = 10; // exactly 10 is not "more than 10"
        assertThat(CommonReflections.largestClique(c)).containsExactly(0, 1, 2);
        // Two cliques of size 2 ({1,2} and {3,4}): the one that comes first in input order.
        int[][] d = new int[5][5];
        d[3][4] = d[4][3] = d[1][2] = d[2][1] = 50;
        assertThat(CommonReflections.largestClique(d)).containsExactly(1, 2);
    }

    static List<MultiMerge.Dataset> wedges(Map<MillerIndex, Double> truth, int n, long seed) {
        Random r = new Random(seed);
        List<MultiMerge.Dataset> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(DatasetRejectionTest.CELL, 360 * r.nextDouble(), 20, 0.5,
                    0.3 + 0.9 * r.nextDouble(), 6 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), seed * 100 + i);
            out.add(new MultiMerge.Dataset(Path.of("/data/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, DatasetRejectionTest.P212121, w, 3.0, 1.0)));
        }
        return out;
    }

    @Test
    void aWedgeSharingNoReflectionWithTheOthersIsDroppedAndTheRestMerge(@TempDir Path tmp) throws Exception {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL, 3.0, 20, 7);
        List<MultiMerge.Dataset> ds = wedges(truth, 6, 5);
        // Wedge 2 keeps only reflections (ASU) none of the other five measured.
        Set<MillerIndex> seen = new HashSet<>();
        var asu = DatasetRejectionTest.P212121.reciprocalAsu();
        for (int i = 0; i < 6; i++) {
            if (i != 2) ds.get(i).data().observations().forEach(o -> seen.add(asu.toAsu(o.hkl()).hkl()));
        }
        XdsAsciiFile w2 = ds.get(2).data();
        List<Observation> own = w2.observations().stream().filter(o -> !seen.contains(asu.toAsu(o.hkl()).hkl())).toList();
        assertThat(own).hasSizeGreaterThan(50);
        ds.set(2, new MultiMerge.Dataset(ds.get(2).file(), ds.get(2).label(), new XdsAsciiFile(w2.header(), own)));

        MultiMerge.Outcome out = DatasetRejectionTest.merge(ds, tmp.resolve("c"));

        assertThat(out.removed()).containsExactly(Map.entry(2, "no_common_refls"));
        assertThat(out.runs().get(0).members()).containsExactly(0, 1, 3, 4, 5);
        assertThat(out.finalRun().members()).containsExactly(0, 1, 3, 4, 5);
        // The rest merged as a good cluster does: CC1/2 of the simulated 5 % error data above 95 %.
        assertThat(out.finalRun().statistics().total().ccHalfPct()).isGreaterThan(95);
        assertThat(Files.readString(tmp.resolve("c/merge.log"))).contains("no_common_refls: removed w2/XDS_ASCII.HKL (at most 0 ");
    }

    @Test
    void aClusterThatCannotBeScaledFailsAloneAndTheOtherClustersMerge(@TempDir Path tmp) throws Exception {
        // Form A: three good wedges. Form B (cell 4 % longer): three wedges whose every σ is negative
        // (XDS's mark of a rejected reflection), so nothing can scale them.
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(DatasetRejectionTest.P212121, DatasetRejectionTest.CELL, 3.0, 20, 7);
        UnitCell cellB = new UnitCell(62.4, 72.8, 83.2, 90, 90, 90);
        Map<MillerIndex, Double> truthB = SimulatedWedges.truth(DatasetRejectionTest.P212121, cellB, 3.0, 20, 8);
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 6; i++) {
            boolean a = i < 3;
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(a ? DatasetRejectionTest.CELL : cellB, 360 * r.nextDouble(), 20, 0.5,
                    0.5 + 0.5 * r.nextDouble(), 3 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), 900 + i);
            XdsAsciiFile f = SimulatedWedges.wedge(a ? truth : truthB, DatasetRejectionTest.P212121, w, 3.0, 1.0);
            if (!a) {
                f = new XdsAsciiFile(f.header(), f.observations().stream().map(o -> new Observation(o.hkl(), o.intensity(), -1, o.xdPx(),
                        o.ydPx(), o.zdFrame(), o.rlp(), o.peakPercent(), o.corrPercent(), o.psiDeg())).toList());
            }
            files.add(tmp.resolve("in/" + (a ? "A" : "B") + i + "/XDS_ASCII.HKL"));
            data.add(f);
        }
        ClusterChoice.Thresholds all = new ClusterChoice.Thresholds(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        AutoMultiMerge.Outcome out = new AutoMultiMerge(new AutoMultiMerge.Settings(Clustering.BLEND, 3.0, null, all, 2,
                Scaler.Settings.defaults(), false)).run("s", files, data, tmp.resolve("out"));

        AutoMultiMerge.Pass pass = out.passes().get(0);
        int failed = 0, merged = 0;
        for (int k = 0; k < pass.outcomes().size(); k++) {
            MultiMerge.Outcome o = pass.outcomes().get(k);
            if (o == null) {
                failed++;
                continue;
            }
            merged++;
            // Every merged cluster holds only form A: B wedges are either in a failed cluster or dropped.
            for (int d : o.finalRun().members()) assertThat(o.files().get(d).toString()).contains("/A");
            o.removed().forEach((d, why) -> assertThat(why).isEqualTo("no_common_refls"));
        }
        assertThat(failed).isGreaterThanOrEqualTo(1);
        assertThat(merged).isGreaterThanOrEqualTo(1);
        String summary = Files.readString(pass.directory().resolve("cluster_summary.dat"));
        assertThat(summary).contains("failed: cannot scale: none of its");
    }
}
