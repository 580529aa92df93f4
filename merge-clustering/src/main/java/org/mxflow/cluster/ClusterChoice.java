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

        /**
         * What keeps a candidate from being merged, one item per threshold it misses, with the
         * numbers ("Redun 1.83 < 2.00"); empty if it qualifies.
         */
        public List<String> shortfalls(Candidate c) {
            ClusterCompleteness.Estimate e = c.estimate();
            List<String> out = new ArrayList<>();
            if (!(e.completenessPercent() >= minCompletenessPercent)) {
                out.add("Cmpl " + fixed(e.completenessPercent(), 2) + " % < " + fixed(minCompletenessPercent, 1) + " %");
            }
            if (!(e.redundancy() >= minRedundancy)) out.add("Redun " + fixed(e.redundancy(), 2) + " < " + fixed(minRedundancy, 2));
            if (!Double.isNaN(minAnomalousCompletenessPercent) && !(e.anomalousCompletenessPercent() >= minAnomalousCompletenessPercent)) {
                out.add("ACmpl " + fixed(e.anomalousCompletenessPercent(), 2) + " % < " + fixed(minAnomalousCompletenessPercent, 1) + " %");
            }
            if (!Double.isNaN(minAnomalousRedundancy) && !(e.anomalousRedundancy() >= minAnomalousRedundancy)) {
                out.add("ARedun " + fixed(e.anomalousRedundancy(), 2) + " < " + fixed(minAnomalousRedundancy, 2));
            }
            if (!Double.isNaN(maxLcvPercent) && !(c.lcvPercent() <= maxLcvPercent)) {
                out.add("LCV " + fixed(c.lcvPercent(), 1) + " % > " + fixed(maxLcvPercent, 1) + " %");
            }
            if (!Double.isNaN(maxALcvA) && !(c.aLcvA() <= maxALcvA)) out.add("aLCV " + fixed(c.aLcvA(), 1) + " A > " + fixed(maxALcvA, 1) + " A");
            if (!Double.isNaN(maxClusterHeight) && !(c.height() <= maxClusterHeight)) {
                out.add("ClH " + fixed(c.height(), 2) + " > " + fixed(maxClusterHeight, 2));
            }
            return out;
        }

        /** The thresholds in force, for a reader: "Cmpl >= 10.0 % and Redun >= 2.00". */
        public String describe() {
            StringBuilder sb = new StringBuilder("Cmpl >= " + fixed(minCompletenessPercent, 1) + " % and Redun >= " + fixed(minRedundancy, 2));
            if (!Double.isNaN(minAnomalousCompletenessPercent)) sb.append(" and ACmpl >= ").append(fixed(minAnomalousCompletenessPercent, 1)).append(" %");
            if (!Double.isNaN(minAnomalousRedundancy)) sb.append(" and ARedun >= ").append(fixed(minAnomalousRedundancy, 2));
            if (!Double.isNaN(maxLcvPercent)) sb.append(" and LCV <= ").append(fixed(maxLcvPercent, 1)).append(" %");
            if (!Double.isNaN(maxALcvA)) sb.append(" and aLCV <= ").append(fixed(maxALcvA, 1)).append(" A");
            if (!Double.isNaN(maxClusterHeight)) sb.append(" and ClH <= ").append(fixed(maxClusterHeight, 2));
            return sb.toString();
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

    /** How many clusters {@link #whyNoneChosen} lists (the first ones in summary order). */
    public static final int REASONS_LISTED = 3;

    /**
     * Why nothing is merged when {@link #choose} returns no cluster, for the summary files, the
     * logs and the merge report: the thresholds, then the first clusters in summary order with
     * their estimate and what they miss, e.g. "no cluster has Cmpl >= 10.0 % and Redun >= 2.00
     * at d_min 1.707 A; cluster 2 (3 datasets): Cmpl 57.15 %, Redun 1.84 (Redun 1.84 < 2.00)".
     * KAMO only logs the summary; a scientist looking at an empty merge needs the numbers.
     */
    public static String whyNoneChosen(List<Candidate> candidates, Thresholds t, double dMinA) {
        StringBuilder sb = new StringBuilder("no cluster has " + t.describe() + " at d_min " + fixed(dMinA, 3) + " A");
        if (candidates.isEmpty()) return sb.append(" (no cluster could be formed)").toString();
        List<Candidate> sorted = summaryOrder(candidates);
        for (Candidate c : sorted.subList(0, Math.min(REASONS_LISTED, sorted.size()))) {
            ClusterCompleteness.Estimate e = c.estimate();
            List<String> miss = t.shortfalls(c);
            sb.append("; cluster ").append(c.clusterNumber()).append(" (").append(c.datasets()).append(" datasets): Cmpl ")
                    .append(fixed(e.completenessPercent(), 2)).append(" %, Redun ").append(fixed(e.redundancy(), 2))
                    .append(miss.isEmpty() ? "" : " (" + String.join(", ", miss) + ")");
        }
        if (sorted.size() > REASONS_LISTED) sb.append("; ").append(sorted.size() - REASONS_LISTED).append(" more in the cluster summary");
        return sb.toString();
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
