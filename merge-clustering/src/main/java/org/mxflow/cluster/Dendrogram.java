package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of agglomerative clustering of {@code leafCount} items, in R's {@code hclust}
 * conventions, which BLEND and KAMO use for cluster numbers.
 *
 * <p>Merge k (1-based, ascending height) creates cluster number k; cluster N−1 is the root.
 * In a {@link Merge}, a negative member {@code -m} is leaf m (1-based item number), a positive
 * member is an earlier cluster number. As R does, a leaf is listed before a cluster, two leaves
 * in ascending item order and two clusters in ascending cluster order.
 *
 * @param leafCount number of clustered items N
 * @param merges    N−1 merges in ascending height order
 */
public record Dendrogram(int leafCount, List<Merge> merges) {

    /**
     * One merge.
     *
     * @param left   first member (negative: leaf, 1-based; positive: cluster number)
     * @param right  second member, same convention
     * @param height merge height (cluster height "ClH"), in the units of the input distances
     * @param size   number of leaves in the new cluster
     */
    public record Merge(int left, int right, double height, int size) {}

    public Dendrogram {
        merges = List.copyOf(merges);
        if (leafCount < 1) {
            throw new IllegalArgumentException("a dendrogram needs at least one item, got " + leafCount);
        }
        if (merges.size() != leafCount - 1) {
            throw new IllegalArgumentException("a dendrogram of " + leafCount + " items has " + (leafCount - 1)
                    + " merges, got " + merges.size());
        }
    }

    /** Number of internal nodes (candidate clusters), N−1. */
    public int clusterCount() {
        return merges.size();
    }

    /** The merge that created cluster {@code clusterNumber} (1-based). */
    public Merge merge(int clusterNumber) {
        checkCluster(clusterNumber);
        return merges.get(clusterNumber - 1);
    }

    /** Height of cluster {@code clusterNumber} (1-based). */
    public double height(int clusterNumber) {
        return merge(clusterNumber).height();
    }

    /** Members of cluster {@code clusterNumber} as sorted 0-based item indices. */
    public int[] members(int clusterNumber) {
        checkCluster(clusterNumber);
        List<Integer> out = new ArrayList<>();
        collect(clusterNumber, out);
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private void collect(int node, List<Integer> out) {
        if (node < 0) {
            out.add(-node - 1);
            return;
        }
        Merge m = merges.get(node - 1);
        collect(m.left(), out);
        collect(m.right(), out);
    }

    /**
     * Leaf order for drawing, as R's {@code hclust$order}: depth first from the root, first
     * member before second; 0-based item indices.
     */
    public int[] leafOrder() {
        if (leafCount == 1) {
            return new int[] {0};
        }
        List<Integer> out = new ArrayList<>();
        collect(merges.size(), out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Heights of all merges, cluster 1 first. */
    public double[] heights() {
        return merges.stream().mapToDouble(Merge::height).toArray();
    }

    private void checkCluster(int clusterNumber) {
        if (clusterNumber < 1 || clusterNumber > merges.size()) {
            throw new IllegalArgumentException("cluster number " + clusterNumber + " is not in 1.." + merges.size());
        }
    }

    @Override
    public String toString() {
        return "Dendrogram[" + leafCount + " items, heights " + Arrays.toString(heights()) + "]";
    }
}
