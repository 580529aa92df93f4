package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.merge.IntensityObservation;
import org.mxflow.merge.MergedIntensity;
import org.mxflow.reflection.MillerIndex;

class CcClusteringTest {

    private static MergedIntensity mi(double i) {
        return new MergedIntensity(i, 1, 1);
    }

    @Test
    void pairCcIsPearsonOverCommonReflectionsOnly() {
        // Common: (1,0,0) (2,0,0) (3,0,0) with 1,2,3 vs 2,4,7 -> by hand Σdxdy = 5, Σdx² = 2, Σdy² = 12.667: r = 5/sqrt(2·12.667) = 0.99339.
        Map<MillerIndex, MergedIntensity> a = Map.of(new MillerIndex(1, 0, 0), mi(1), new MillerIndex(2, 0, 0), mi(2),
                new MillerIndex(3, 0, 0), mi(3), new MillerIndex(9, 9, 9), mi(1000));
        Map<MillerIndex, MergedIntensity> b = Map.of(new MillerIndex(1, 0, 0), mi(2), new MillerIndex(2, 0, 0), mi(4),
                new MillerIndex(3, 0, 0), mi(7), new MillerIndex(5, 5, 5), mi(-50));
        CcClustering.PairCc p = CcClustering.pairCc(0, 1, a, b);
        assertThat(p.commonReflections()).isEqualTo(3);
        assertThat(p.cc()).isCloseTo(5 / Math.sqrt(2 * (38.0 / 3)), within(1e-12));
        assertThat(CcClustering.pairCc(1, 0, b, a).cc()).isCloseTo(p.cc(), within(1e-15));
    }

    @Test
    void distanceIsSqrtOneMinusCcWithTrueWard() {
        // CC 0.96, 0.64, 0.36 -> d = 0.2, 0.6, 0.8. True Ward: {1,2} at 0.2, then
        // d² = (2·0.36 + 2·0.64 − 1·0.04)/3 = 0.653333 -> height sqrt(0.653333) = 0.808290.
        List<CcClustering.PairCc> pairs = List.of(new CcClustering.PairCc(0, 1, 0.96, 500),
                new CcClustering.PairCc(0, 2, 0.36, 500), new CcClustering.PairCc(1, 2, 0.64, 500));
        CcClustering.Result r = new CcClustering().clusterPairs(3, pairs);
        assertThat(r.tree().heights()).containsExactly(new double[] {0.2, Math.sqrt(1.96 / 3)}, within(1e-12));
        assertThat(r.meanAndMinimumCc(2)).containsExactly(new double[] {(0.96 + 0.36 + 0.64) / 3, 0.36}, within(1e-12));
        // CC above 1 cannot happen for Pearson but is clamped as KAMO does (min(CC, 1)).
        CcClustering.Result clamped = new CcClustering().clusterPairs(2, List.of(new CcClustering.PairCc(0, 1, 1.0000001, 9)));
        assertThat(clamped.tree().height(1)).isZero();
    }

    @Test
    void datasetsWithoutEnoughOverlapAreRemovedInKamosOrder() {
        // Bad pairs (0,1) (0,2) (1,3): counts 0:2 1:2 2:1 3:1. KAMO's order is 1, 0, 3, 2 (most first,
        // ties by higher number): removing 1 leaves (0,2); removing 0 clears it -> removed {0, 1}.
        double nan = Double.NaN;
        List<CcClustering.PairCc> pairs = List.of(new CcClustering.PairCc(0, 1, nan, 0), new CcClustering.PairCc(0, 2, 0.9, 2),
                new CcClustering.PairCc(0, 3, 0.9, 50), new CcClustering.PairCc(1, 2, 0.9, 50),
                new CcClustering.PairCc(1, 3, 0.5, 1), new CcClustering.PairCc(2, 3, 0.8, 50));
        CcClustering.Result r = new CcClustering().clusterPairs(4, pairs);
        assertThat(r.removed()).containsExactly(0, 1);
        assertThat(r.used()).containsExactly(2, 3);
        assertThat(r.tree().height(1)).isCloseTo(Math.sqrt(0.2), within(1e-12));
        // KAMO's text files: cctable.dat lists every pair (NaN as Python prints it); CLUSTERS.txt uses
        // 1-based numbers of the original list (datasets 3 and 4 remain).
        assertThat(r.ccTable().lines().toList()).startsWith("   i    j     cc  nref", "   0    1 nan    0", "   0    2 0.9000    2");
        assertThat(r.clustersText().lines().toList())
                .containsExactly("ClNumber             Nds         Clheight   IDs", "0001    2   0.447 3 4");
    }

    @Test
    void twoNonIsomorphousGroupsSplitAtTheRoot() {
        // Simulation: two unrelated "true" intensity sets (exponential, mean 1000), 4 datasets from
        // each with 10 % Gaussian noise, random 60 % of 2000 reflections each, merged from 2 observations.
        Random rnd = new Random(11);
        List<MillerIndex> hkl = new ArrayList<>();
        for (int i = 0; i < 2000; i++) hkl.add(new MillerIndex(i % 20, (i / 20) % 10, i / 200));
        double[][] truth = new double[2][2000];
        for (double[] t : truth) for (int i = 0; i < t.length; i++) t[i] = -1000 * Math.log(1 - rnd.nextDouble());
        List<Map<MillerIndex, MergedIntensity>> data = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            double[] t = truth[d % 2];
            List<IntensityObservation> obs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                if (rnd.nextDouble() < 0.6) {
                    for (int m = 0; m < 2; m++) {
                        double sigma = 0.1 * t[i] + 10;
                        obs.add(new IntensityObservation(hkl.get(i), t[i] + sigma * rnd.nextGaussian(), sigma));
                    }
                }
            }
            data.add(MergedIntensity.merge(obs));
        }
        CcClustering.Result r = new CcClustering().cluster(data);
        assertThat(r.removed()).isEmpty();
        Dendrogram tree = r.tree();
        int root = tree.clusterCount();
        // The two children of the root are exactly the even and odd datasets.
        int left = tree.merge(root).left(), right = tree.merge(root).right();
        assertThat(List.of(tree.members(left), tree.members(right)))
                .anySatisfy(m -> assertThat(m).containsExactly(0, 2, 4, 6))
                .anySatisfy(m -> assertThat(m).containsExactly(1, 3, 5, 7));
        // Same-group CC ~ 1/(1+noise²) ≈ 0.99; unrelated exponential sets ~ 0.
        assertThat(r.cc(0, 2)).isGreaterThan(0.97);
        assertThat(Math.abs(r.cc(0, 1))).isLessThan(0.1);
        assertThat(r.pairs()).hasSize(28);
    }

    @Test
    void mergingIsInverseVarianceWeightedAndDropsRejected() {
        MillerIndex h = new MillerIndex(1, 2, 3);
        Map<MillerIndex, MergedIntensity> m = MergedIntensity.merge(List.of(new IntensityObservation(h, 100, 1),
                new IntensityObservation(h, 200, 2), new IntensityObservation(h, 5000, -1)));
        // weights 1 and 1/4: (100 + 50)/1.25 = 120; σ = 1/sqrt(1.25)
        assertThat(m.get(h).intensity()).isCloseTo(120, within(1e-12));
        assertThat(m.get(h).sigma()).isCloseTo(1 / Math.sqrt(1.25), within(1e-12));
        assertThat(m.get(h).count()).isEqualTo(2);
    }
}
