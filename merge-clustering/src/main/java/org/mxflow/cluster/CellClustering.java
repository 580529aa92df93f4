package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * BLEND-style clustering of datasets by unit cell only (BLEND's "analysis from cell",
 * kamo-conventions 4.8.1): the cell parameters that vary, standardised, reduced by PCA to the
 * components that explain more than 95 % of the variance, Euclidean distance between datasets
 * in that space, and Ward linkage as R's {@code hclust(method="ward.D")} on those unsquared
 * distances. Labelled "BLEND-style": it is a native re-implementation, not BLEND.
 */
public final class CellClustering {

    /** Parameters whose standard deviation is at or below this (Å or °) are fixed by symmetry. */
    public static final double FIXED_PARAMETER_SD = 1e-6;
    /** Cumulative explained variance that the kept principal components must exceed. */
    public static final double PCA_VARIANCE_KEPT = 0.95;

    private static final String[] NAMES = {"a", "b", "c", "alpha", "beta", "gamma"};

    /**
     * Result of a cell clustering.
     *
     * @param tree                dendrogram over the datasets in input order
     * @param descriptors         cell parameters used (names among a b c alpha beta gamma)
     * @param components          principal components kept
     * @param explainedVariance   fraction of variance of every component, largest first
     * @param variation           LCV/aLCV of every cluster, index k−1 for cluster k
     */
    public record Result(Dendrogram tree, List<String> descriptors, int components,
                         double[] explainedVariance, List<LinearCellVariation> variation) {
        public Result {
            descriptors = List.copyOf(descriptors);
            variation = List.copyOf(variation);
        }
    }

    /** Clusters the cells (one per dataset, in formerge.lst order). */
    public Result cluster(List<UnitCell> cells) {
        int n = cells.size();
        if (n == 0) {
            throw new IllegalArgumentException("cell clustering needs at least one dataset");
        }
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = cells.get(i).toArray();
        }
        List<Integer> used = new ArrayList<>();
        double[] mean = new double[6], sd = new double[6];
        for (int p = 0; p < 6; p++) {
            for (double[] r : raw) mean[p] += r[p];
            mean[p] /= n;
            double ss = 0;
            for (double[] r : raw) ss += (r[p] - mean[p]) * (r[p] - mean[p]);
            sd[p] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0; // R's sd(): n − 1
            if (sd[p] > FIXED_PARAMETER_SD) {
                used.add(p);
            }
        }
        int m = used.size();
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < m; q++) {
                int p = used.get(q);
                z[i][q] = (raw[i][p] - mean[p]) / sd[p];
            }
        }
        double[][] scores;
        int k;
        double[] explained;
        if (m == 0) {
            // Nothing varies: every dataset is at distance 0 from every other.
            scores = new double[n][0];
            k = 0;
            explained = new double[0];
        } else {
            double[][] cov = new double[m][m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += z[i][a] * z[i][b];
                    cov[a][b] = s / (n - 1);
                }
            }
            SymmetricEigen eig = SymmetricEigen.of(cov);
            double total = 0;
            for (double v : eig.values()) total += Math.max(0, v);
            explained = new double[m];
            k = 0;
            double cumulative = 0;
            for (int c = 0; c < m; c++) {
                explained[c] = total > 0 ? Math.max(0, eig.values()[c]) / total : 0;
            }
            for (int c = 0; c < m; c++) {
                cumulative += explained[c];
                k = c + 1;
                if (cumulative > PCA_VARIANCE_KEPT) {
                    break;
                }
            }
            scores = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int q = 0; q < m; q++) s += z[i][q] * eig.vectors()[q][c];
                    scores[i][c] = s;
                }
            }
        }
        Dendrogram tree = new HierarchicalClustering(Linkage.WARD_D).cluster(HierarchicalClustering.euclideanDistances(scores));
        List<LinearCellVariation> variation = new ArrayList<>();
        for (int c = 1; c <= tree.clusterCount(); c++) {
            List<UnitCell> members = new ArrayList<>();
            for (int i : tree.members(c)) members.add(cells.get(i));
            variation.add(LinearCellVariation.of(members));
        }
        List<String> names = used.stream().map(p -> NAMES[p]).toList();
        return new Result(tree, names, k, explained, variation);
    }

    /** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, values descending. */
    record SymmetricEigen(double[] values, double[][] vectors) {
        static SymmetricEigen of(double[][] matrix) {
            int m = matrix.length;
            double[][] a = new double[m][];
            for (int i = 0; i < m; i++) a[i] = matrix[i].clone();
            double[][] v = new double[m][m];
            for (int i = 0; i < m; i++) v[i][i] = 1;
            for (int sweep = 0; sweep < 100; sweep++) {
                double off = 0;
                for (int p = 0; p < m; p++) for (int q = p + 1; q < m; q++) off += a[p][q] * a[p][q];
                if (off < 1e-30) break;
                for (int p = 0; p < m; p++) {
                    for (int q = p + 1; q < m; q++) {
                        if (Math.abs(a[p][q]) < 1e-300) continue;
                        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        if (theta == 0) t = 1;
                        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                        for (int r = 0; r < m; r++) {
                            double arp = a[r][p], arq = a[r][q];
                            a[r][p] = c * arp - s * arq;
                            a[r][q] = s * arp + c * arq;
                        }
                        for (int r = 0; r < m; r++) {
                            double apr = a[p][r], aqr = a[q][r];
                            a[p][r] = c * apr - s * aqr;
                            a[q][r] = s * apr + c * aqr;
                        }
                        for (int r = 0; r < m; r++) {
                            double vrp = v[r][p], vrq = v[r][q];
                            v[r][p] = c * vrp - s * vrq;
                            v[r][q] = s * vrp + c * vrq;
                        }
                    }
                }
            }
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) order[i] = i;
            java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
            double[] values = new double[m];
            double[][] vectors = new double[m][m];
            for (int c = 0; c < m; c++) {
                values[c] = a[order[c]][order[c]];
                for (int r = 0; r < m; r++) vectors[r][c] = v[r][order[c]];
            }
            return new SymmetricEigen(values, vectors);
        }
    }
}
