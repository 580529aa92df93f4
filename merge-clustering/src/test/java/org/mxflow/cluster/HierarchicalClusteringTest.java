package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchicalClusteringTest {

    /**
     * Fixture made by scripts/oracles/ward.py with SciPy 1.10 (Debian python3-scipy): random
     * points, linkage matrices for true Ward (= R ward.D2), R's ward.D (SciPy on sqrt(D),
     * heights squared), average, single and complete linkage.
     */
    private static JsonNode oracle() throws Exception {
        try (InputStream in = HierarchicalClusteringTest.class.getResourceAsStream("/oracles/ward.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void heightsAndMergesMatchScipyForEveryLinkage() throws Exception {
        int compared = 0;
        for (JsonNode c : oracle().get("cases")) {
            List<double[]> rows = new ArrayList<>();
            c.get("points").forEach(p -> {
                double[] r = new double[p.size()];
                for (int i = 0; i < r.length; i++) r[i] = p.get(i).asDouble();
                rows.add(r);
            });
            double[][] d = HierarchicalClustering.euclideanDistances(rows.toArray(new double[0][]));
            for (String method : List.of("ward_D", "ward_D2", "average", "single", "complete")) {
                Linkage linkage = switch (method) {
                    case "ward_D" -> Linkage.WARD_D;
                    case "ward_D2" -> Linkage.WARD_D2;
                    case "average" -> Linkage.AVERAGE;
                    case "single" -> Linkage.SINGLE;
                    default -> Linkage.COMPLETE;
                };
                Dendrogram tree = new HierarchicalClustering(linkage).cluster(d);
                JsonNode expected = c.get(method);
                for (int k = 0; k < tree.clusterCount(); k++) {
                    String where = c.get("name").asText() + " " + method + " merge " + (k + 1);
                    assertThat(tree.heights()[k]).as(where).isCloseTo(expected.get("heights").get(k).asDouble(), within(1e-9));
                    int[] want = new int[expected.get("members").get(k).size()];
                    for (int i = 0; i < want.length; i++) want[i] = expected.get("members").get(k).get(i).asInt();
                    assertThat(tree.members(k + 1)).as(where).containsExactly(want);
                    compared++;
                }
            }
        }
        // 3 cases (6 + 19 + 59 merges) x 5 linkages
        assertThat(compared).isEqualTo(5 * (6 + 19 + 59));
    }

    @Test
    void wardDOnFourPointsOnALineFollowsRsMergeConventions() {
        // Points 0, 1, 3, 7 on a line, ward.D on unsquared distances, by hand:
        // {1,2} at 1; d({1,2},3) = (2*3 + 2*2 - 1)/3 = 3 -> {3} joins at 3;
        // d({1,2},4) = (2*7 + 2*6 - 1)/3 = 25/3; d({1,2,3},4) = (3*25/3 + 2*4 - 1*3)/4 = 7.5.
        double[][] d = HierarchicalClustering.euclideanDistances(new double[][] {{0}, {1}, {3}, {7}});
        Dendrogram tree = new HierarchicalClustering(Linkage.WARD_D).cluster(d);
        assertThat(tree.heights()).containsExactly(new double[] {1, 3, 7.5}, within(1e-12));
        // R: merge = [-1 -2; -3 1; -4 2] (leaf before cluster), order = 4 3 1 2
        assertThat(tree.merges()).extracting(m -> m.left() + "," + m.right() + "," + m.size())
                .containsExactly("-1,-2,2", "-3,1,3", "-4,2,4");
        assertThat(tree.leafOrder()).containsExactly(3, 2, 0, 1);
        assertThat(tree.members(2)).containsExactly(0, 1, 2);
    }

    @Test
    void wardD2HeightIsTheSquareRootOfTheWardDUpdateOnSquares() {
        // Same line: ward.D2 d² update: {1,2} at 1; d²({1,2},3) = (2*9 + 2*4 - 1)/3 = 25/3.
        double[][] d = HierarchicalClustering.euclideanDistances(new double[][] {{0}, {1}, {3}, {7}});
        Dendrogram tree = new HierarchicalClustering(Linkage.WARD_D2).cluster(d);
        assertThat(tree.height(2)).isCloseTo(Math.sqrt(25.0 / 3), within(1e-12));
        // True Ward height = sqrt(2 * ΔSSE): merging {0,1,3} (mean 4/3) with {7}: ΔSSE = 3*1/4*(7-4/3)^2
        assertThat(tree.height(3)).isCloseTo(Math.sqrt(2 * 0.75 * Math.pow(7 - 4.0 / 3, 2)), within(1e-12));
    }

    @Test
    void rejectsNegativeAndAsymmetricDistancesNamingTheItems() {
        double[][] bad = {{0, -1}, {-1, 0}};
        assertThatThrownBy(() -> new HierarchicalClustering(Linkage.WARD_D).cluster(bad))
                .hasMessageContaining("items 1 and 2");
        double[][] asym = {{0, 1, 2}, {1, 0, 3}, {2, 4, 0}};
        assertThatThrownBy(() -> new HierarchicalClustering(Linkage.WARD_D).cluster(asym))
                .hasMessageContaining("not symmetric").hasMessageContaining("items 2 and 3");
    }

    @Test
    void singleItemGivesAnEmptyTree() {
        Dendrogram tree = new HierarchicalClustering(Linkage.WARD_D).cluster(new double[][] {{0}});
        assertThat(tree.clusterCount()).isZero();
        assertThat(tree.leafOrder()).containsExactly(0);
        assertThat(Arrays.stream(tree.heights())).isEmpty();
    }
}
