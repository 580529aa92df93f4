package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Agglomerative hierarchical clustering of a distance matrix, producing the same tree, heights
 * and cluster numbers as R's {@code hclust} (and SciPy's {@code linkage} for true Ward).
 *
 * <p>Uses the nearest-neighbour-chain algorithm (O(N²) time and memory), which is exact for the
 * reducible linkages of {@link Linkage}; the merges are then sorted by height and numbered as R
 * numbers them. With tied distances the order of equal-height merges may differ from R's.
 */
public final class HierarchicalClustering {

    private final Linkage linkage;

    public HierarchicalClustering(Linkage linkage) {
        this.linkage = linkage;
    }

    /**
     * Clusters items given their full symmetric distance matrix {@code distance[i][j]} (i, j
     * 0-based). Distances must be finite and non-negative.
     */
    public Dendrogram cluster(double[][] distance) {
        int n = distance.length;
        if (n == 0) {
            throw new IllegalArgumentException("nothing to cluster: the distance matrix is empty");
        }
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            if (distance[i].length != n) {
                throw new IllegalArgumentException("distance matrix row " + (i + 1) + " has " + distance[i].length
                        + " values, expected " + n);
            }
            d[i] = new double[n];
            for (int j = 0; j < n; j++) {
                double v = distance[i][j];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("distance between items " + (i + 1) + " and " + (j + 1)
                            + " is " + v + "; distances must be finite and >= 0");
                }
                if (Math.abs(v - distance[j][i]) > 1e-9 * Math.max(1, Math.abs(v))) {
                    throw new IllegalArgumentException("distance matrix is not symmetric at items " + (i + 1)
                            + " and " + (j + 1) + ": " + v + " vs " + distance[j][i]);
                }
                d[i][j] = linkage.toInternal(v);
            }
        }
        return toDendrogram(n, nnChain(d));
    }

    /** A raw merge of slots a and b (the new cluster lives in slot b). */
    private record RawMerge(int a, int b, double value, int size) {}

    private List<RawMerge> nnChain(double[][] d) {
        int n = d.length;
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] chain = new int[n];
        int chainLength = 0;
        List<RawMerge> merges = new ArrayList<>(n - 1);
        for (int k = 0; k < n - 1; k++) {
            if (chainLength == 0) {
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        chain[chainLength++] = i;
                        break;
                    }
                }
            }
            int x, y;
            while (true) {
                x = chain[chainLength - 1];
                // Prefer the previous chain element on ties, so the chain always terminates.
                double best;
                if (chainLength > 1) {
                    y = chain[chainLength - 2];
                    best = d[x][y];
                } else {
                    y = -1;
                    best = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < n; i++) {
                    if (active[i] && i != x && d[x][i] < best) {
                        best = d[x][i];
                        y = i;
                    }
                }
                if (chainLength > 1 && y == chain[chainLength - 2]) {
                    break;
                }
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            int a = Math.min(x, y), b = Math.max(x, y);
            double dab = d[a][b];
            int na = size[a], nb = size[b];
            merges.add(new RawMerge(a, b, dab, na + nb));
            active[a] = false;
            for (int i = 0; i < n; i++) {
                if (active[i] && i != b) {
                    double v = linkage.update(d[i][a], d[i][b], dab, na, nb, size[i]);
                    d[i][b] = v;
                    d[b][i] = v;
                }
            }
            size[b] = na + nb;
        }
        return merges;
    }

    private Dendrogram toDendrogram(int n, List<RawMerge> raw) {
        // Stable sort by height keeps the chain's order for equal heights.
        List<RawMerge> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparingDouble(RawMerge::value));
        // Slot -> current node label (negative leaf or positive cluster number).
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = -(i + 1);
        }
        // A merge's slots refer to the clusters alive at that time; sorting by height never moves a
        // merge before one that created its members (Ward & co. are monotone), except for exact
        // ties, where a stable sort keeps creation order. Replay with a union-find on slots.
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<Dendrogram.Merge> merges = new ArrayList<>(n - 1);
        for (int k = 0; k < sorted.size(); k++) {
            RawMerge m = sorted.get(k);
            int ra = find(parent, m.a()), rb = find(parent, m.b());
            int la = label[ra], lb = label[rb];
            int left, right;
            if (la < 0 && lb < 0) {
                left = Math.max(la, lb); // -1 before -2: ascending item numbers
                right = Math.min(la, lb);
            } else if (la < 0 || lb < 0) {
                left = Math.min(la, lb);
                right = Math.max(la, lb);
            } else {
                left = Math.min(la, lb);
                right = Math.max(la, lb);
            }
            merges.add(new Dendrogram.Merge(left, right, linkage.toHeight(m.value()), m.size()));
            parent[ra] = rb;
            label[rb] = k + 1;
        }
        return new Dendrogram(n, merges);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Euclidean distance matrix of points (rows), the input BLEND gives to hclust. */
    public static double[][] euclideanDistances(double[][] points) {
        int n = points.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < points[i].length; c++) {
                    double t = points[i][c] - points[j][c];
                    s += t * t;
                }
                d[i][j] = d[j][i] = Math.sqrt(s);
            }
        }
        return d;
    }
}
