package org.mxflow.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import static org.mxflow.merge.KamoFormat.fixed;

/**
 * Which clusters to merge (kamo-conventions 4.9): every cluster's pre-merge estimate, sorted
 * by redundancy then completeness (both descending), filtered by the thresholds, truncated to
 * {@code maxClusters}. Also formats the summary files KAMO writes.
 */
public final class ClusterChoice {

    /**
     * One row of blend_cluster_summary.dat / cc_cluster_summary.dat.
     *
     * @param clusterNumber cluster number (1-based, dendrogram)
     * @param datasets      number of datasets
     * @param height        cluster height ClH
     * @param estimate      Cmpl/Redun/ACmpl/ARedun
     * @param lcvPercent    LCV (BLEND) or NaN
     * @param aLcvA         aLCV (BLEND) or NaN
     * @param ccMean        mean pairwise CC (CC clustering) or NaN
     * @param ccMin         minimum pairwise CC (CC clustering) or NaN
     */
    public record Candidate(int clusterNumber, int datasets, double height, ClusterCompleteness.Estimate estimate,
                            double lcvPercent, double aLcvA, double ccMean, double ccMin) {}

    /**
     * Thresholds; NaN / 0 disables an optional one.
     *
     * @param minCompletenessPercent          min_cmpl (KAMO 90, SPring-8 10)
     * @param minRedundancy                   min_redun (2.0)
     * @param minAnomalousCompletenessPercent min_acmpl (optional)
     * @param minAnomalousRedundancy          min_aredun (optional)
     * @param maxLcvPercent                   max_LCV (BLEND, optional)
     * @param maxALcvA                        max_aLCV (BLEND, optional)
     * @param maxClusterHeight                max_clheight (CC, optional)
     * @param maxClusters                     max_clusters (0 = no limit)
     */
    public record Thresholds(double minCompletenessPercent, double minRedundancy, double minAnomalousCompletenessPercent,
                             double minAnomalousRedundancy, double maxLcvPercent, double maxALcvA, double maxClusterHeight,
                             int maxClusters) {
        /** SPring-8's settings: Cmpl ≥ 10 %, Redun ≥ 2.0, nothing else. */
        public static Thresholds spring8() {
            return new Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }

        /** KAMO's defaults: Cmpl ≥ 90 %, Redun ≥ 2.0. */
        public static Thresholds kamoDefault() {
            return new Thresholds(90, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }

        boolean accepts(Candidate c) {
            ClusterCompleteness.Estimate e = c.estimate();
            return e.completenessPercent() >= minCompletenessPercent && e.redundancy() >= minRedundancy
                    && (Double.isNaN(minAnomalousCompletenessPercent) || e.anomalousCompletenessPercent() >= minAnomalousCompletenessPercent)
                    && (Double.isNaN(minAnomalousRedundancy) || e.anomalousRedundancy() >= minAnomalousRedundancy)
                    && (Double.isNaN(maxLcvPercent) || c.lcvPercent() <= maxLcvPercent)
                    && (Double.isNaN(maxALcvA) || c.aLcvA() <= maxALcvA)
                    && (Double.isNaN(maxClusterHeight) || c.height() <= maxClusterHeight);
        }
    }

    private ClusterChoice() {}

    /**
     * Candidates of a BLEND-style clustering: every cluster with its completeness estimate and LCV/aLCV.
     *
     * @param indices every observation's index per dataset (formerge.lst order)
     * @param cells   each dataset's cell
     */
    public static List<Candidate> blendCandidates(CellClustering.Result result, List<List<org.mxflow.reflection.MillerIndex>> indices,
                                                  List<org.mxflow.cell.UnitCell> cells, org.mxflow.symmetry.SpaceGroup group, double dMinA) {
        List<Candidate> out = new ArrayList<>();
        Dendrogram tree = result.tree();
        for (int k = 1; k <= tree.clusterCount(); k++) {
            int[] m = tree.members(k);
            LinearCellVariation v = result.variation().get(k - 1);
            out.add(new Candidate(k, m.length, tree.height(k), estimate(m, indices, cells, group, dMinA),
                    v.lcvPercent(), v.aLcvA(), Double.NaN, Double.NaN));
        }
        return out;
    }

    /** Candidates of a CC clustering (leaves are the used datasets), with CCmean/CCmin. */
    public static List<Candidate> ccCandidates(CcClustering.Result result, List<List<org.mxflow.reflection.MillerIndex>> indices,
                                               List<org.mxflow.cell.UnitCell> cells, org.mxflow.symmetry.SpaceGroup group, double dMinA) {
        List<Candidate> out = new ArrayList<>();
        Dendrogram tree = result.tree();
        for (int k = 1; tree != null && k <= tree.clusterCount(); k++) {
            int[] leaves = tree.members(k);
            int[] m = new int[leaves.length];
            for (int i = 0; i < m.length; i++) m[i] = result.used().get(leaves[i]);
            double[] cc = result.meanAndMinimumCc(k);
            out.add(new Candidate(k, m.length, tree.height(k), estimate(m, indices, cells, group, dMinA),
                    Double.NaN, Double.NaN, cc[0], cc[1]));
        }
        return out;
    }

    private static ClusterCompleteness.Estimate estimate(int[] members, List<List<org.mxflow.reflection.MillerIndex>> indices,
                                                         List<org.mxflow.cell.UnitCell> cells, org.mxflow.symmetry.SpaceGroup group,
                                                         double dMinA) {
        List<List<org.mxflow.reflection.MillerIndex>> idx = new ArrayList<>();
        List<org.mxflow.cell.UnitCell> c = new ArrayList<>();
        for (int i : members) {
            idx.add(indices.get(i));
            c.add(cells.get(i));
        }
        return ClusterCompleteness.estimate(idx, c, group, dMinA);
    }

    /** All candidates in KAMO's summary order: Redun descending, then Cmpl descending (then cluster number). */
    public static List<Candidate> summaryOrder(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Candidate c) -> -c.estimate().redundancy())
                .thenComparingDouble(c -> -c.estimate().completenessPercent())
                .thenComparingInt(Candidate::clusterNumber));
        return sorted;
    }

    /** The clusters to merge, in merge order. Empty if none qualifies. */
    public static List<Candidate> choose(List<Candidate> candidates, Thresholds t) {
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : summaryOrder(candidates)) {
            if (t.accepts(c)) chosen.add(c);
        }
        return t.maxClusters() > 0 && chosen.size() > t.maxClusters() ? chosen.subList(0, t.maxClusters()) : chosen;
    }

    /** blend_cluster_summary.dat text (kamo-conventions 4.9). */
    public static String blendSummary(List<Candidate> candidates, double dMinA) {
        StringBuilder sb = header(dMinA, "Cluster Number   CLh   Cmpl Redun  ACmpl ARedun  LCV aLCV\n");
        for (Candidate c : summaryOrder(candidates)) {
            sb.append(row(c)).append(' ').append(fixed(c.lcvPercent(), 5, 1)).append(' ').append(fixed(c.aLcvA(), 5, 1)).append('\n');
        }
        return sb.toString();
    }

    /** cc_cluster_summary.dat text (kamo-conventions 4.9). */
    public static String ccSummary(List<Candidate> candidates, double dMinA) {
        StringBuilder sb = header(dMinA, "Cluster Number   CLh   Cmpl Redun  ACmpl ARedun CCmean CCmin\n");
        for (Candidate c : summaryOrder(candidates)) {
            sb.append(row(c)).append(' ').append(fixed(c.ccMean(), 4)).append(' ').append(fixed(c.ccMin(), 4)).append('\n');
        }
        return sb.toString();
    }

    /** "%7d %6d %5.1f %6.2f %5.1f %6.2f %5.1f" of number, size, ClH, Cmpl, Redun, ACmpl, ARedun (Python rounding). */
    private static String row(Candidate c) {
        ClusterCompleteness.Estimate e = c.estimate();
        return String.format(Locale.ROOT, "%7d %6d ", c.clusterNumber(), c.datasets()) + fixed(c.height(), 5, 1) + ' '
                + fixed(e.completenessPercent(), 6, 2) + ' ' + fixed(e.redundancy(), 5, 1) + ' '
                + fixed(e.anomalousCompletenessPercent(), 6, 2) + ' ' + fixed(e.anomalousRedundancy(), 5, 1);
    }

    private static StringBuilder header(double dMinA, String columns) {
        return new StringBuilder("# d_min= " + fixed(dMinA, 3) + "\n# Sorted by redundancy and completeness\n")
                .append(columns);
    }
}
