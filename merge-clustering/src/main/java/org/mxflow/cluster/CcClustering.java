package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mxflow.merge.MergedIntensity;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.stats.Correlation;

/**
 * KAMO's CC-based clustering (kamo-conventions 4.8.3): Pearson CC of merged intensities over
 * the unique reflections two datasets share, datasets removed until every remaining pair is
 * defined and shares at least {@code minCommonReflections}, distance {@code sqrt(1 − min(CC, 1))},
 * true Ward linkage (SciPy's "ward").
 */
public final class CcClustering {

    /** KAMO's cc_clustering.min_common_refs default and lowest allowed value. */
    public static final int DEFAULT_MIN_COMMON_REFLECTIONS = 3;

    private final int minCommonReflections;

    public CcClustering(int minCommonReflections) {
        if (minCommonReflections < 3) {
            throw new IllegalArgumentException("min_common_refs must be at least 3 (as KAMO requires), got " + minCommonReflections);
        }
        this.minCommonReflections = minCommonReflections;
    }

    public CcClustering() {
        this(DEFAULT_MIN_COMMON_REFLECTIONS);
    }

    /** CC and number of shared reflections of one pair (0-based dataset numbers, i < j). */
    public record PairCc(int i, int j, double cc, int commonReflections) {}

    /**
     * Result of a CC clustering.
     *
     * @param pairs    all N(N−1)/2 pairs (cctable.dat content), i < j, in (i, j) order
     * @param used     0-based input numbers of the clustered datasets; leaf k of the tree is used.get(k)
     * @param removed  0-based input numbers left out for too little overlap (cctable_notused.lst)
     * @param tree     dendrogram over the used datasets (null with fewer than 1 used)
     */
    public record Result(List<PairCc> pairs, List<Integer> used, List<Integer> removed, Dendrogram tree) {
        public Result {
            pairs = List.copyOf(pairs);
            used = List.copyOf(used);
            removed = List.copyOf(removed);
        }

        /** Mean and minimum pairwise CC inside cluster k (CCmean, CCmin of cc_cluster_summary.dat). */
        public double[] meanAndMinimumCc(int clusterNumber) {
            int[] leaves = tree.members(clusterNumber);
            double[][] table = ccTable(leaves);
            double sum = 0, min = Double.POSITIVE_INFINITY;
            int n = 0;
            for (int a = 0; a < leaves.length; a++) {
                for (int b = a + 1; b < leaves.length; b++) {
                    int i = Math.min(used.get(leaves[a]), used.get(leaves[b])), j = Math.max(used.get(leaves[a]), used.get(leaves[b]));
                    double cc = table[i][j];
                    if (Double.isNaN(cc) && !hasPair(i, j)) throw new IllegalArgumentException("no pair " + i + "," + j);
                    sum += cc;
                    min = Math.min(min, cc);
                    n++;
                }
            }
            return new double[] {n == 0 ? Double.NaN : sum / n, n == 0 ? Double.NaN : min};
        }

        /** cctable.dat: header "   i    j     cc  nref", rows "%4d %4d %.4f %4d" (0-based, KAMO's layout). */
        public String ccTable() {
            StringBuilder sb = new StringBuilder("   i    j     cc  nref\n");
            for (PairCc p : pairs) {
                sb.append(String.format(java.util.Locale.ROOT, "%4d %4d ", p.i(), p.j()))
                        .append(org.mxflow.merge.KamoFormat.fixed(p.cc(), 4))
                        .append(String.format(java.util.Locale.ROOT, " %4d%n", p.commonReflections()));
            }
            return sb.toString();
        }

        /**
         * CLUSTERS.txt of CC clustering: header "ClNumber             Nds         Clheight   IDs",
         * rows "%04d %4d %7.3f ids" with 1-based input file numbers.
         */
        public String clustersText() {
            StringBuilder sb = new StringBuilder("ClNumber             Nds         Clheight   IDs\n");
            for (int k = 1; tree != null && k <= tree.clusterCount(); k++) {
                int[] m = tree.members(k);
                int[] ids = new int[m.length];
                for (int i = 0; i < m.length; i++) ids[i] = used.get(m[i]) + 1;
                java.util.Arrays.sort(ids);
                sb.append(String.format(java.util.Locale.ROOT, "%04d %4d ", k, ids.length))
                        .append(org.mxflow.merge.KamoFormat.fixed(tree.height(k), 7, 3)).append(' ')
                        .append(String.join(" ", java.util.Arrays.stream(ids).mapToObj(Integer::toString).toList())).append('\n');
            }
            return sb.toString();
        }

        /** CCs by input numbers (NaN where no pair), one pass over the pairs instead of a search per pair. */
        private double[][] ccTable(int[] leaves) {
            int size = 0;
            for (int leaf : leaves) size = Math.max(size, used.get(leaf) + 1);
            double[][] table = new double[size][size];
            for (double[] row : table) java.util.Arrays.fill(row, Double.NaN);
            for (int k = pairs.size() - 1; k >= 0; k--) { // backwards: the first listed wins, as in cc(i, j)
                PairCc p = pairs.get(k);
                if (p.i() >= 0 && p.i() < size && p.j() < size) table[p.i()][p.j()] = p.cc();
            }
            return table;
        }

        private boolean hasPair(int i, int j) {
            return pairs.stream().anyMatch(p -> p.i() == i && p.j() == j);
        }

        /** CC between input datasets i and j (0-based). */
        public double cc(int i, int j) {
            int a = Math.min(i, j), b = Math.max(i, j);
            for (PairCc p : pairs) {
                if (p.i() == a && p.j() == b) return p.cc();
            }
            throw new IllegalArgumentException("no pair " + i + "," + j);
        }
    }

    /** Pearson CC of two merged datasets over their common reflections; NaN if undefined. */
    public static PairCc pairCc(int i, int j, Map<MillerIndex, MergedIntensity> a, Map<MillerIndex, MergedIntensity> b) {
        Map<MillerIndex, MergedIntensity> small = a.size() <= b.size() ? a : b, large = small == a ? b : a;
        double[] x = new double[small.size()], y = new double[small.size()];
        int n = 0;
        for (Map.Entry<MillerIndex, MergedIntensity> e : small.entrySet()) {
            MergedIntensity other = large.get(e.getKey());
            if (other != null) {
                double va = small == a ? e.getValue().intensity() : other.intensity();
                double vb = small == a ? other.intensity() : e.getValue().intensity();
                x[n] = va;
                y[n] = vb;
                n++;
            }
        }
        return new PairCc(i, j, Correlation.pearson(x, y, n), n);
    }

    /** Clusters datasets given as merged, non-anomalous, resolution-cut intensities keyed by ASU index. */
    public Result cluster(List<Map<MillerIndex, MergedIntensity>> datasets) {
        int n = datasets.size();
        if (n == 0) {
            throw new IllegalArgumentException("CC clustering needs at least one dataset");
        }
        List<PairCc> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs.add(pairCc(i, j, datasets.get(i), datasets.get(j)));
            }
        }
        return clusterPairs(n, pairs);
    }

    /**
     * Clusters N datasets from their pairwise CCs (every pair i < j once), e.g. CCs taken from
     * another program; the same removal rule and distance apply.
     */
    public Result clusterPairs(int n, List<PairCc> pairs) {
        if (pairs.size() != n * (n - 1) / 2) {
            throw new IllegalArgumentException(n + " datasets need " + n * (n - 1) / 2 + " pairs, got " + pairs.size());
        }
        List<Integer> removed = datasetsToRemove(n, pairs);
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!removed.contains(i)) used.add(i);
        }
        double[][] ccm = new double[n][n];
        for (PairCc p : pairs) {
            ccm[p.i()][p.j()] = ccm[p.j()][p.i()] = p.cc();
        }
        int m = used.size();
        double[][] dist = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double cc = ccm[used.get(a)][used.get(b)];
                dist[a][b] = dist[b][a] = Math.sqrt(1 - Math.min(cc, 1));
            }
        }
        Dendrogram tree = m == 0 ? null : new HierarchicalClustering(Linkage.WARD_D2).cluster(dist);
        return new Result(pairs, used, removed, tree);
    }

    /**
     * KAMO's removal of datasets with bad pairs (CC undefined or too few common reflections):
     * datasets ordered once by their number of bad pairs, most first (equal counts: higher
     * number first, as KAMO's reversed stable sort does), each removed if it still has a bad
     * pair, until none is left.
     */
    List<Integer> datasetsToRemove(int n, List<PairCc> pairs) {
        List<int[]> bad = new ArrayList<>();
        int[] count = new int[n];
        for (PairCc p : pairs) {
            if (Double.isNaN(p.cc()) || p.commonReflections() < minCommonReflections) {
                bad.add(new int[] {p.i(), p.j()});
                count[p.i()]++;
                count[p.j()]++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> count[i]).thenComparingInt(i -> i).reversed());
        List<Integer> removed = new ArrayList<>();
        for (int idx : order) {
            if (bad.isEmpty()) break;
            if (bad.stream().noneMatch(p -> p[0] == idx || p[1] == idx)) continue;
            removed.add(idx);
            bad.removeIf(p -> p[0] == idx || p[1] == idx);
        }
        removed.sort(null);
        return removed;
    }
}
