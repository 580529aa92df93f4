package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class ClusterChoiceTest {

    @Test
    void completeSetSizesMatchGemmi() throws Exception {
        // Fixture: scripts/oracles/complete_set.py (gemmi 0.5.7 count_reflections / centric flags).
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/oracles/complete_set.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertThat(cases).hasSize(8);
        for (JsonNode c : cases) {
            SpaceGroup sg = SpaceGroups.byNumber(c.get("number").asInt());
            JsonNode p = c.get("cell");
            UnitCell cell = new UnitCell(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble(),
                    p.get(3).asDouble(), p.get(4).asDouble(), p.get(5).asDouble());
            double d = c.get("d_min").asDouble();
            long[] n = ClusterCompleteness.completeSetSize(cell, sg, sg.reciprocalAsu(), 1 / (d * d));
            assertThat(n).as(c.get("space_group").asText()).containsExactly(c.get("unique").asLong(), c.get("anomalous").asLong());
        }
    }

    @Test
    void estimateOfACompleteTwiceMeasuredP1SetIsHundredPercentAndTwofold() {
        // Every reflection of a P1 cell to 3 Å measured once as hkl and once as its Friedel mate -h-k-l:
        // merged: Cmpl 100 %, Redun 2; Friedel-separate: ACmpl 100 %, ARedun 1 (gemmi: 3171 / 6342).
        UnitCell cell = new UnitCell(30, 35, 40, 80, 85, 95);
        SpaceGroup p1 = SpaceGroups.byNumber(1);
        List<MillerIndex> all = new ArrayList<>();
        for (int h = -12; h <= 12; h++) for (int k = -13; k <= 13; k++) for (int l = -15; l <= 15; l++) {
            if ((h != 0 || k != 0 || l != 0) && cell.dSpacing(h, k, l) >= 3.0) all.add(new MillerIndex(h, k, l));
        }
        assertThat(all).hasSize(6342);
        // Two "datasets" with slightly different cells (median = the cell itself for the middle value).
        List<UnitCell> cells = List.of(new UnitCell(29.9, 35, 40, 80, 85, 95), cell, new UnitCell(30.1, 35, 40, 80, 85, 95));
        ClusterCompleteness.Estimate e = ClusterCompleteness.estimate(List.of(all, List.of(), List.of()), cells, p1, 3.0);
        assertThat(e.completenessPercent()).isCloseTo(100, within(1e-9));
        assertThat(e.redundancy()).isCloseTo(2, within(1e-12));
        assertThat(e.anomalousCompletenessPercent()).isCloseTo(100, within(1e-9));
        assertThat(e.anomalousRedundancy()).isCloseTo(1, within(1e-12));
        // Only half of the hemisphere (h > 0) observed, cut at 3 Å: completeness is counted against the
        // complete set to the highest-resolution index present, here still 3 Å.
        List<MillerIndex> half = all.stream().filter(m -> m.h() > 0).toList();
        ClusterCompleteness.Estimate eh = ClusterCompleteness.estimate(List.of(half), List.of(cell), p1, 3.0);
        assertThat(eh.completenessPercent()).isCloseTo(100.0 * half.size() / 3171, within(1e-9));
        assertThat(eh.redundancy()).isCloseTo(1, within(1e-12));
    }

    @Test
    void blendCandidatesCarryCompletenessAndLcvOfEachCluster() {
        // Four P1 datasets: the l >= 0 ("upper") or l <= 0 ("lower") half of the reciprocal sphere of a
        // 30x35x40 cell. With Friedel mates merged either half alone is complete; with them separate a
        // half is ~50 % and upper+lower is 100 %. Cells 30.0/30.02 (upper/lower) and 30.6/30.65
        // (upper/lower): cluster 1 = {0,2}, cluster 2 = {1,3}, cluster 3 = all.
        SpaceGroup p1 = SpaceGroups.byNumber(1);
        UnitCell base = new UnitCell(30, 35, 40, 80, 85, 95);
        List<MillerIndex> upper = new ArrayList<>(), lower = new ArrayList<>();
        for (int h = -12; h <= 12; h++) for (int k = -13; k <= 13; k++) for (int l = -15; l <= 15; l++) {
            // Generated to 3.0 Å so the 3.2 Å cut in any member or median cell (a up to 30.65 Å) is fully covered.
            if ((h != 0 || k != 0 || l != 0) && base.dSpacing(h, k, l) >= 3.0) (l >= 0 ? upper : lower).add(new MillerIndex(h, k, l));
        }
        List<UnitCell> cells = List.of(new UnitCell(30.0, 35, 40, 80, 85, 95), new UnitCell(30.6, 35, 40, 80, 85, 95),
                new UnitCell(30.02, 35, 40, 80, 85, 95), new UnitCell(30.65, 35, 40, 80, 85, 95));
        List<List<MillerIndex>> idx = List.of(upper, upper, lower, lower);
        CellClustering.Result r = new CellClustering().cluster(cells);
        List<ClusterChoice.Candidate> cands = ClusterChoice.blendCandidates(r, idx, cells, p1, 3.2);
        assertThat(cands).hasSize(3);
        assertThat(r.tree().members(1)).containsExactly(0, 2);
        ClusterChoice.Candidate pair = cands.get(0), root = cands.get(2);
        assertThat(pair.estimate().completenessPercent()).isCloseTo(100, within(1e-9));
        assertThat(pair.estimate().anomalousCompletenessPercent()).isCloseTo(100, within(1e-9));
        // Every unique reflection twice (upper + lower), the hk0 zone four times: just above 2.
        assertThat(pair.estimate().redundancy()).isBetween(2.0, 2.2);
        assertThat(root.datasets()).isEqualTo(4);
        assertThat(root.estimate().redundancy()).isBetween(4.0, 4.4);
        assertThat(root.aLcvA()).isEqualTo(LinearCellVariation.of(cells).aLcvA());
        assertThat(pair.aLcvA()).isEqualTo(LinearCellVariation.of(List.of(cells.get(0), cells.get(2))).aLcvA());
        // All pass SPring-8's Redun >= 2, Cmpl >= 10 %; the four-dataset root has the highest redundancy.
        assertThat(ClusterChoice.choose(cands, ClusterChoice.Thresholds.spring8())).extracting(ClusterChoice.Candidate::clusterNumber)
                .startsWith(3).hasSize(3);
        // Requiring anomalous completeness >= 90 % still keeps them (upper + lower in each cluster).
        ClusterChoice.Thresholds ano = new ClusterChoice.Thresholds(10, 2.0, 90, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        assertThat(ClusterChoice.choose(cands, ano)).hasSize(3);
    }

    private static ClusterChoice.Candidate cand(int no, double cmpl, double redun) {
        return new ClusterChoice.Candidate(no, 3, 1.5, new ClusterCompleteness.Estimate(cmpl, redun, cmpl / 2, redun / 2),
                1.0, 0.5, Double.NaN, Double.NaN);
    }

    @Test
    void choiceSortsByRedundancyThenCompletenessAndAppliesTheThresholds() {
        List<ClusterChoice.Candidate> all = List.of(cand(1, 95, 2.5), cand(2, 12, 6.0), cand(3, 99, 6.0),
                cand(4, 9.9, 8.0), cand(5, 100, 1.99), cand(6, 91, 3.0));
        // SPring-8 (Cmpl >= 10 %, Redun >= 2): #4 (9.9 %) and #5 (1.99) fail; order by Redun, then Cmpl.
        assertThat(ClusterChoice.choose(all, ClusterChoice.Thresholds.spring8()))
                .extracting(ClusterChoice.Candidate::clusterNumber).containsExactly(3, 2, 6, 1);
        // KAMO's default Cmpl >= 90 % also drops #2.
        assertThat(ClusterChoice.choose(all, ClusterChoice.Thresholds.kamoDefault()))
                .extracting(ClusterChoice.Candidate::clusterNumber).containsExactly(3, 6, 1);
        ClusterChoice.Thresholds two = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 2);
        assertThat(ClusterChoice.choose(all, two)).extracting(ClusterChoice.Candidate::clusterNumber).containsExactly(3, 2);
        ClusterChoice.Thresholds lcv = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, 0.9,
                Double.NaN, Double.NaN, 0);
        assertThat(ClusterChoice.choose(all, lcv)).isEmpty(); // every LCV is 1.0 % > 0.9 %
    }

    @Test
    void blendSummaryHasKamosLayout() {
        String text = ClusterChoice.blendSummary(List.of(cand(7, 95.04, 2.5), cand(12, 99.0, 6.0)), 3.03);
        assertThat(text.lines().toList()).containsExactly(
                "# d_min= 3.030",
                "# Sorted by redundancy and completeness",
                "Cluster Number   CLh   Cmpl Redun  ACmpl ARedun  LCV aLCV",
                "     12      3   1.5  99.00   6.0  49.50   3.0   1.0   0.5",
                "      7      3   1.5  95.04   2.5  47.52   1.2   1.0   0.5");
    }

    @Test
    void dendroJsonNamesClustersByNumberAndLeavesByFileNumber(@TempDir Path dir) throws Exception {
        // Points 0, 1, 3, 7: R merges [-1 -2; -3 1; -4 2] -> root 3 = (leaf 4, cluster 2 = (leaf 3, cluster 1)).
        Dendrogram tree = new HierarchicalClustering(Linkage.WARD_D).cluster(
                HierarchicalClustering.euclideanDistances(new double[][] {{0}, {1}, {3}, {7}}));
        Path file = dir.resolve("dendro.json");
        DendrogramJson.write(file, tree, DendrogramJson.oneBasedLabels(4));
        assertThat(Files.readString(file)).isEqualTo(
                "{\"name\":\"3\",\"children\":[{\"name\":\"4\"},{\"name\":\"2\",\"children\":[{\"name\":\"3\"},"
                        + "{\"name\":\"1\",\"children\":[{\"name\":\"1\"},{\"name\":\"2\"}]}]}]}");
        assertThat(Files.list(dir)).containsExactly(file); // no temporary left behind
    }
}
