package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

class CellClusteringTest {

    @Test
    void blendStylePipelineMatchesNumpyAndScipy() throws Exception {
        // Fixture: scripts/oracles/cell_clustering.py (numpy eigh PCA, SciPy ward on sqrt(D) = R ward.D).
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/oracles/cell_clustering.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        for (JsonNode c : cases) {
            List<UnitCell> cells = new ArrayList<>();
            c.get("cells").forEach(r -> cells.add(new UnitCell(r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(),
                    r.get(3).asDouble(), r.get(4).asDouble(), r.get(5).asDouble())));
            CellClustering.Result result = new CellClustering().cluster(cells);
            List<String> names = new ArrayList<>();
            c.get("descriptors").forEach(x -> names.add(x.asText()));
            assertThat(result.descriptors()).isEqualTo(names);
            assertThat(result.components()).isEqualTo(c.get("components").asInt());
            for (int i = 0; i < names.size(); i++) {
                assertThat(result.explainedVariance()[i]).isCloseTo(c.get("explained").get(i).asDouble(), within(1e-9));
            }
            Dendrogram tree = result.tree();
            for (int k = 0; k < tree.clusterCount(); k++) {
                assertThat(tree.heights()[k]).as("merge " + (k + 1)).isCloseTo(c.get("heights").get(k).asDouble(), within(1e-8));
                int[] want = new int[c.get("members").get(k).size()];
                for (int i = 0; i < want.length; i++) want[i] = c.get("members").get(k).get(i).asInt();
                assertThat(tree.members(k + 1)).containsExactly(want);
            }
        }
    }

    @Test
    void monoclinicCellsDropTheAnglesFixedBySymmetry() {
        List<UnitCell> cells = List.of(new UnitCell(88.7, 82.3, 93.7, 90, 108.6, 90),
                new UnitCell(88.9, 82.2, 93.9, 90, 108.7, 90), new UnitCell(90.1, 83.0, 95.0, 90, 108.1, 90));
        CellClustering.Result r = new CellClustering().cluster(cells);
        assertThat(r.descriptors()).containsExactly("a", "b", "c", "beta");
        // Root cluster (3) holds all three; its LCV/aLCV are those of all cells.
        assertThat(r.tree().members(2)).containsExactly(0, 1, 2);
        assertThat(r.variation().get(1)).isEqualTo(LinearCellVariation.of(cells));
        // The two near-identical cells merge first.
        assertThat(r.tree().members(1)).containsExactly(0, 1);
    }

    @Test
    void identicalCellsGiveAFlatTree() {
        UnitCell c = new UnitCell(50, 60, 70, 90, 90, 90);
        CellClustering.Result r = new CellClustering().cluster(List.of(c, c, c));
        assertThat(r.descriptors()).isEmpty();
        assertThat(r.tree().heights()).containsExactly(0.0, 0.0);
        assertThat(r.variation().get(1).lcvPercent()).isZero();
    }

    @Test
    void lcvOfTwoOrthorhombicCellsByHand() {
        // 3x4x12 and 6x8x12 (all 90°): face diagonals D_ab 5 vs 10, D_bc 12.649 vs 14.422,
        // D_ca 12.369 vs 13.416. The ab diagonal spreads most (5 Å): aLCV = 5, LCV = 100·5/5 = 100 %.
        LinearCellVariation v = LinearCellVariation.of(List.of(new UnitCell(3, 4, 12, 90, 90, 90), new UnitCell(6, 8, 12, 90, 90, 90)));
        assertThat(v.aLcvA()).isCloseTo(5.0, within(1e-12));
        assertThat(v.lcvPercent()).isCloseTo(100.0, within(1e-10));
    }

    @Test
    void lcvUsesTheRelativeSpreadOfThePairWithTheLargestAbsoluteSpread() {
        // Hexagonal-like: a = b = 10, γ = 120 -> D_ab = sqrt(100 + 100 + 200·cos120°) = 10.
        // Cells c = 20 and c = 21.5 (a fixed): D_bc = sqrt(100 + c²) = 22.3607 vs 23.7118 (spread 1.3511);
        // D_ca equal to D_bc; D_ab unchanged. aLCV = 1.3511 Å, LCV = 100·1.3511/22.3607 = 6.0424 %.
        UnitCell c1 = new UnitCell(10, 10, 20, 90, 90, 120), c2 = new UnitCell(10, 10, 21.5, 90, 90, 120);
        assertThat(LinearCellVariation.faceDiagonal(c1, 0)).isCloseTo(10.0, within(1e-12));
        LinearCellVariation v = LinearCellVariation.of(List.of(c1, c2, c1));
        double d1 = Math.sqrt(500), d2 = Math.sqrt(100 + 21.5 * 21.5);
        assertThat(v.aLcvA()).isCloseTo(d2 - d1, within(1e-12));
        assertThat(v.lcvPercent()).isCloseTo(100 * (d2 - d1) / d1, within(1e-10));
        assertThat(v.lcvPercent()).isCloseTo(6.0424, within(1e-4));
    }

    @Test
    void singleCellHasNoVariation() {
        LinearCellVariation v = LinearCellVariation.of(List.of(new UnitCell(50, 60, 70, 90, 90, 90)));
        assertThat(v.lcvPercent()).isZero();
        assertThat(v.aLcvA()).isZero();
    }
}
