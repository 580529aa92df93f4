package org.mxflow.merge;

import java.util.List;
import java.util.Locale;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * {@code cluster_summary.dat} of one multi_merge pass, in KAMO's columns (kamo-conventions 4.13):
 * one row per run per merged cluster, overall / outer (".ou") / inner (".in") shells, anomalous
 * columns from the inner shell, percentages as XSCALE prints them. Numbers are formatted the
 * way Python's % operator does (nan as "nan").
 */
public final class ClusterSummary {

    /** Header of the columns. */
    public static final String COLUMNS = "     cluster    ClH  LCV aLCV run ds.all ds.used  Cmpl Redun I/sigI Rmeas CC1/2 Cmpl.ou Red.ou"
            + " I/sig.ou Rmeas.ou CC1/2.ou Cmpl.in Red.in I/sig.in Rmeas.in CC1/2.in SigAno.in CCano.in WilsonB Aniso.bst Aniso.wst dmin.est";

    private ClusterSummary() {}

    /**
     * One row.
     *
     * @param cluster     directory name, cluster_NNNN
     * @param height      cluster height ClH
     * @param run         the run
     * @param datasetsAll cluster size
     */
    public record Row(String cluster, double height, MultiMerge.Run run, int datasetsAll) {}

    /** The whole file; {@code failedClusters} are "cluster_NNNN: reason" (or just the name), written as comments. */
    public static String text(double dMinA, List<Row> rows, List<String> failedClusters) {
        return text(dMinA, rows, failedClusters, List.of());
    }

    /** As {@link #text(double, List, List)}, then {@code notes} (e.g. why nothing was merged) as "# " comment lines. */
    public static String text(double dMinA, List<Row> rows, List<String> failedClusters, List<String> notes) {
        StringBuilder sb = new StringBuilder("# d_min= ").append(KamoFormat.fixed(dMinA, 3)).append(" A\n");
        sb.append("# LCV and aLCV are values of all data\n").append(COLUMNS).append('\n');
        for (Row r : rows) sb.append(row(r)).append('\n');
        for (String f : failedClusters) {
            int colon = f.indexOf(':');
            sb.append('#').append(colon < 0 ? f + " failed" : f.substring(0, colon) + " failed" + f.substring(colon)).append('\n');
        }
        for (String n : notes) sb.append("# ").append(n).append('\n');
        return sb.toString();
    }

    static String row(Row r) {
        MultiMerge.Run run = r.run();
        MergingStatistics st = run.statistics();
        ShellStatistics t = st.total(), ou = st.outerShell(), in = st.innerShell();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%12s ", r.cluster()));
        sb.append(f(r.height(), 6, 2)).append(' ').append(f(run.variation().lcvPercent(), 4, 1)).append(' ')
                .append(f(run.variation().aLcvA(), 4, 1)).append(' ')
                .append(String.format(Locale.ROOT, "%3d %6d %7d ", run.number(), r.datasetsAll(), run.members().size()))
                .append(f(t.completenessPct(), 5, 1)).append(' ').append(f(t.multiplicity(), 5, 1)).append(' ')
                .append(f(t.iOverSigma(), 6, 2)).append(' ').append(f(t.rMeasPct(), 5, 1)).append(' ')
                .append(f(t.ccHalfPct(), 5, 1)).append(' ')
                .append(f(ou.completenessPct(), 7, 1)).append(' ').append(f(ou.multiplicity(), 6, 1)).append(' ')
                .append(f(ou.iOverSigma(), 8, 2)).append(' ').append(f(ou.rMeasPct(), 8, 1)).append(' ')
                .append(f(ou.ccHalfPct(), 8, 1)).append(' ')
                .append(f(in.completenessPct(), 7, 1)).append(' ').append(f(in.multiplicity(), 6, 1)).append(' ')
                .append(f(in.iOverSigma(), 8, 2)).append(' ').append(f(in.rMeasPct(), 8, 1)).append(' ')
                .append(f(in.ccHalfPct(), 8, 1)).append(' ')
                .append(f(in.sigAno(), 9, 1)).append(' ').append(f(in.anomalousCorrPct(), 8, 1)).append(' ')
                .append(f(run.wilsonBA2(), 7, 2)).append(' ').append(f(run.anisoBestA(), 9, 2)).append(' ')
                .append(f(run.anisoWorstA(), 9, 2)).append(' ').append(KamoFormat.fixed(run.dMinEstimateA(), 2));
        return sb.toString();
    }

    private static String f(double v, int width, int decimals) {
        return KamoFormat.fixed(v, width, decimals);
    }
}
