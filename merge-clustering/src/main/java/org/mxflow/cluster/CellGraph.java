package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mxflow.cell.CellReduction;
import org.mxflow.cell.UnitCell;

/**
 * KAMO's grouping of a sample's datasets by cell (kamo-conventions 4.3.3): a node per dataset, an
 * edge when two cells agree within 10 % in every length and 5° in every angle, directly or after a
 * change of basis (a unimodular integer matrix with entries −1…1, which covers the axis
 * permutations, sign choices and the a+b type changes between reduced settings). Groups are the
 * connected components, largest first (ties: the one with the earlier first member).
 */
public final class CellGraph {

    /** KAMO's relative length tolerance. */
    public static final double RELATIVE_LENGTH = 0.1;
    /** KAMO's angle tolerance (°). */
    public static final double ANGLE_DEG = 5.0;

    private static final List<int[]> BASIS_CHANGES = basisChanges();
    /** The same matrices as doubles, for {@link CellReduction#transform}. */
    private static final List<double[]> BASIS_CHANGES_REAL = BASIS_CHANGES.stream()
            .map(m -> java.util.Arrays.stream(m).asDoubleStream().toArray()).toList();

    private CellGraph() {}

    /**
     * An edge of the graph: cell {@code j} in the basis {@code basisChange}·(basis of j) agrees with
     * cell {@code i} within the tolerances (row-major, det +1; identity when they agree directly).
     */
    public record Edge(int i, int j, int[] basisChange) {
        public Edge {
            basisChange = basisChange.clone();
        }

        @Override
        public int[] basisChange() {
            return basisChange.clone();
        }
    }

    /**
     * The graph's groups (0-based indices, each ascending, largest group first) and the edges that
     * joined them (a spanning forest: one edge per dataset beyond the first of its group).
     */
    public record Graph(List<List<Integer>> groups, List<Edge> edges) {
        public Graph {
            groups = groups.stream().map(List::copyOf).toList();
            edges = List.copyOf(edges);
        }
    }

    /** Groups of 0-based dataset indices (each ascending), largest first. */
    public static List<List<Integer>> groups(List<UnitCell> cells) {
        return graph(cells).groups();
    }

    /** The cell graph with the change of basis stored on each edge. */
    public static Graph graph(List<UnitCell> cells) {
        int n = cells.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (find(parent, i) == find(parent, j)) continue;
                java.util.Optional<int[]> m = basisChange(cells.get(i), cells.get(j));
                if (m.isPresent()) {
                    parent[find(parent, j)] = find(parent, i);
                    edges.add(new Edge(i, j, m.get()));
                }
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        int[] groupOfRoot = new int[n];
        java.util.Arrays.fill(groupOfRoot, -1);
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (groupOfRoot[r] < 0) {
                groupOfRoot[r] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOfRoot[r]).add(i);
        }
        groups.sort(Comparator.comparingInt((List<Integer> g) -> -g.size()).thenComparingInt(g -> g.get(0)));
        return new Graph(groups, edges);
    }

    /** True if b, in some basis from {@link #BASIS_CHANGES}, matches a within the tolerances. */
    public static boolean similar(UnitCell a, UnitCell b) {
        return basisChange(a, b).isPresent();
    }

    /**
     * The first change of basis m (identity first, then {@link #BASIS_CHANGES} in order) with which
     * b's basis m·(b) matches a within 10 % / 5°; empty if none.
     */
    public static java.util.Optional<int[]> basisChange(UnitCell a, UnitCell b) {
        if (close(a, b)) return java.util.Optional.of(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        // Lengths within 10 % bound the volume ratio; a change of basis with det 1 keeps the volume.
        if (Math.abs(a.volume() - b.volume()) > 0.35 * Math.min(a.volume(), b.volume())) return java.util.Optional.empty();
        double[] g = b.metric(); // row-major 3×3 of the direct basis
        for (int k = 0; k < BASIS_CHANGES.size(); k++) {
            double[] gm = CellReduction.transform(BASIS_CHANGES_REAL.get(k), g);
            if (close(a, CellReduction.fromMetric(gm))) return java.util.Optional.of(BASIS_CHANGES.get(k).clone());
        }
        return java.util.Optional.empty();
    }

    static boolean close(UnitCell a, UnitCell b) {
        return close(a, b, RELATIVE_LENGTH, ANGLE_DEG);
    }

    /** Each edge within {@code relLength} of the shorter one, each angle within {@code angleDeg}: KAMO's cell similarity. */
    public static boolean close(UnitCell a, UnitCell b, double relLength, double angleDeg) {
        double[] x = a.toArray(), y = b.toArray();
        for (int i = 0; i < 3; i++) if (Math.abs(x[i] - y[i]) > relLength * Math.min(x[i], y[i])) return false;
        for (int i = 3; i < 6; i++) if (Math.abs(x[i] - y[i]) > angleDeg) return false;
        return true;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    /**
     * The changes of basis this graph tries: integer matrices (row-major) with entries −1, 0, 1 and
     * determinant +1, in a fixed order; copies, so callers may keep or change them (the indexing-
     * ambiguity search of the merge step enumerates the same set).
     */
    public static List<int[]> properBasisChanges() {
        return BASIS_CHANGES.stream().map(int[]::clone).toList();
    }

    private static List<int[]> basisChanges() {
        List<int[]> out = new ArrayList<>();
        int[] m = new int[9];
        for (int code = 0; code < 19683; code++) {
            int c = code;
            for (int i = 0; i < 9; i++) {
                m[i] = c % 3 - 1;
                c /= 3;
            }
            int det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
            if (det == 1) out.add(m.clone());
        }
        return out;
    }
}
