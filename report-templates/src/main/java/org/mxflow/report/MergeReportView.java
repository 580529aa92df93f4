package org.mxflow.report;

import static org.mxflow.merge.KamoFormat.fixed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.ClusterCompleteness;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * The merge report as text (kamo-conventions 5.4): the input files, the dendrograms as SVG, the
 * cluster summary table with KAMO's columns (4.9), the merging summary of each merged cluster's
 * final run in cluster_summary.dat's formats (4.13), and per cluster its shell table, plots of
 * CC½, I/σ, completeness and multiplicity against resolution, and what run_01/run_02 removed.
 * No I/O; numbers rounded as Python prints them (KamoFormat), so they match the .dat files.
 */
public final class MergeReportView {

    /** A link with its text. */
    public record Link(String text, String href) {}

    /** One input file row: number, path relative to the page, six cell parameters. */
    public record InputRow(String number, String file, List<String> cell) {}

    /** One row of the cluster summary (every candidate), KAMO's 4.9 columns. */
    public record CandidateRow(String cluster, String href, boolean merged, List<String> cells) {}

    /** One row of the merging summary (5.4 item 4); {@code cells} in the order of {@link #SUMMARY_COLUMNS}. */
    public record SummaryRow(String cluster, String anchor, List<String> cells) {}

    /** One shell row of a merged cluster's table. */
    public record ShellRow(String resolution, List<String> cells) {}

    /** One removal, readable. */
    public record RemovalRow(String run, String dataset, String what, String reason, String detail) {}

    /** A merged cluster's section. */
    public record ClusterSection(String anchor, String name, Link directory, String finalRun, String spaceGroup, String cell,
                                 List<Link> outputs, List<ShellRow> shells, ShellRow total, List<String> plotsSvg,
                                 List<RemovalRow> removals) {}

    /** The merging summary's columns, after "cluster". */
    public static final List<String> SUMMARY_COLUMNS = List.of("ClH", "LCV", "aLCV", "#DS all", "#DS used",
            "Cmpl", "Redun", "I/σ(I)", "Rmeas", "CC½",
            "Cmpl", "Redun", "I/σ(I)", "Rmeas", "CC½",
            "Cmpl", "Redun", "I/σ(I)", "Rmeas", "CC½", "SigAno", "CCano",
            "B_Wilson", "Aniso best", "Aniso wrst", "d_min est.");

    /** Columns of the per-cluster shell table. */
    public static final List<String> SHELL_COLUMNS = List.of("Observed", "Unique", "Possible", "Cmpl (%)", "Multiplicity",
            "I/σ(I)", "Rmeas (%)", "CC½ (%)", "CCano (%)", "SigAno");

    private MergeReportView() {}

    public static List<InputRow> inputs(MergeReport r, Path pageDir) {
        List<InputRow> out = new ArrayList<>();
        for (MergeReport.InputFile f : r.inputs()) {
            UnitCell c = f.cell();
            out.add(new InputRow(Integer.toString(f.number()), displayPath(pageDir, f.file()),
                    c == null ? List.of("", "", "", "", "", "")
                            : List.of(fixed(c.a(), 2), fixed(c.b(), 2), fixed(c.c(), 2),
                                    fixed(c.alpha(), 2), fixed(c.beta(), 2), fixed(c.gamma(), 2))));
        }
        return out;
    }

    /** The dendrograms as SVG; hover shows the datasets of a node, merged clusters link to their directories. */
    public static List<String> dendrograms(MergeReport r, Path pageDir) {
        Map<Integer, MergeReport.InputFile> byNumber = new HashMap<>();
        r.inputs().forEach(f -> byNumber.put(f.number(), f));
        Set<Integer> mergedNumbers = new HashSet<>();
        r.merged().forEach(m -> mergedNumbers.add(m.clusterNumber()));
        Map<Integer, String> details = new HashMap<>();
        for (ClusterChoice.Candidate c : r.candidates()) {
            details.put(c.clusterNumber(), candidateDetails(c));
        }
        List<String> out = new ArrayList<>();
        for (MergeReport.Tree t : r.trees()) {
            List<String> names = new ArrayList<>(), labels = new ArrayList<>();
            for (int input : t.leafInputs()) {
                MergeReport.InputFile f = byNumber.get(input);
                names.add(input + ": " + (f == null ? "?" : displayPath(pageDir, f.file())));
                labels.add(Integer.toString(input));
            }
            out.add(DendrogramSvg.render(t.dendrogram(), names, labels, t.linksClusters() ? mergedNumbers : Set.of(),
                    t.linksClusters() ? details : Map.of(), t.title(), t.heightLabel()));
        }
        return out;
    }

    static String candidateDetails(ClusterChoice.Candidate c) {
        ClusterCompleteness.Estimate e = c.estimate();
        String tail = !Double.isNaN(c.lcvPercent()) || !Double.isNaN(c.aLcvA())
                ? "LCV = " + fixed(c.lcvPercent(), 1) + "%, aLCV = " + fixed(c.aLcvA(), 1) + " Å"
                : "CCmean = " + fixed(c.ccMean(), 4) + ", CCmin = " + fixed(c.ccMin(), 4);
        return tail + "\nCmpl = " + fixed(e.completenessPercent(), 2) + "%, Redun = " + fixed(e.redundancy(), 1)
                + ", ACmpl = " + fixed(e.anomalousCompletenessPercent(), 2) + "%, ARedun = " + fixed(e.anomalousRedundancy(), 1);
    }

    /** Whether the candidates carry LCV/aLCV (BLEND) rather than CCmean/CCmin. */
    public static boolean cellBased(MergeReport r) {
        return r.candidates().stream().anyMatch(c -> !Double.isNaN(c.lcvPercent()))
                || r.clustering() != null && r.clustering().equalsIgnoreCase("BLEND");
    }

    /** Every candidate in KAMO's summary order (Redun, then Cmpl, descending). */
    public static List<CandidateRow> candidates(MergeReport r) {
        Set<Integer> merged = new HashSet<>();
        r.merged().forEach(m -> merged.add(m.clusterNumber()));
        boolean blend = cellBased(r);
        List<CandidateRow> out = new ArrayList<>();
        for (ClusterChoice.Candidate c : ClusterChoice.summaryOrder(r.candidates())) {
            ClusterCompleteness.Estimate e = c.estimate();
            List<String> cells = new ArrayList<>(List.of(Integer.toString(c.datasets()), fixed(c.height(), 1),
                    fixed(e.completenessPercent(), 2), fixed(e.redundancy(), 1),
                    fixed(e.anomalousCompletenessPercent(), 2), fixed(e.anomalousRedundancy(), 1)));
            if (blend) {
                cells.add(fixed(c.lcvPercent(), 1));
                cells.add(fixed(c.aLcvA(), 1));
            } else {
                cells.add(fixed(c.ccMean(), 4));
                cells.add(fixed(c.ccMin(), 4));
            }
            boolean m = merged.contains(c.clusterNumber());
            out.add(new CandidateRow(Integer.toString(c.clusterNumber()),
                    m ? "#" + anchor(c.clusterNumber()) : null, m, cells));
        }
        return out;
    }

    /** One row per merged cluster (its final run), in merge order. */
    public static List<SummaryRow> summary(MergeReport r) {
        List<SummaryRow> out = new ArrayList<>();
        for (MergeReport.MergedCluster m : r.merged()) {
            MergingStatistics st = m.statistics();
            List<String> cells = new ArrayList<>(List.of(fixed(m.height(), 2), fixed(m.lcvPercent(), 1), fixed(m.aLcvA(), 1),
                    Integer.toString(m.datasetsAll()), Integer.toString(m.datasetsUsed())));
            if (st == null) {
                for (int i = 0; i < 17; i++) cells.add("");
            } else {
                ShellStatistics total = st.total(), outer = st.outerShell(), inner = st.innerShell();
                cells.addAll(five(total));
                cells.addAll(five(outer));
                cells.addAll(five(inner));
                cells.add(fixed(inner.sigAno(), 1));
                cells.add(fixed(inner.anomalousCorrPct(), 1));
            }
            cells.addAll(List.of(fixed(m.wilsonBA2(), 2), fixed(m.anisoBestA(), 2), fixed(m.anisoWorstA(), 2),
                    fixed(m.dMinEstimateA(), 2)));
            out.add(new SummaryRow(MergeDirectoryNames.clusterDirectoryName(m.clusterNumber()), anchor(m.clusterNumber()), cells));
        }
        return out;
    }

    private static List<String> five(ShellStatistics s) {
        return List.of(fixed(s.completenessPct(), 1), fixed(s.multiplicity(), 1), fixed(s.iOverSigma(), 2),
                fixed(s.rMeasPct(), 1), fixed(s.ccHalfPct(), 1));
    }

    /** Each merged cluster's section. */
    public static List<ClusterSection> clusters(MergeReport r, Path pageDir) {
        List<ClusterSection> out = new ArrayList<>();
        Path dir = r.directory();
        for (MergeReport.MergedCluster m : r.merged()) {
            String name = MergeDirectoryNames.clusterDirectoryName(m.clusterNumber());
            Path clusterDir = dir.resolve(name);
            Link dirLink = new Link(name + "/", CorrectHtmlView.hrefOf(CorrectHtmlView.relativeLink(pageDir, clusterDir)) + "/");
            List<Link> outputs = m.outputs().stream()
                    .map(p -> new Link(displayPath(clusterDir, p), CorrectHtmlView.hrefOf(CorrectHtmlView.relativeLink(pageDir, p))))
                    .toList();
            List<ShellRow> shells = new ArrayList<>();
            ShellRow total = null;
            List<String> plots = List.of();
            if (m.statistics() != null) {
                for (ShellStatistics s : m.statistics().shells()) {
                    shells.add(shellRow(fixed(s.dMinA(), 2), s));
                }
                total = shellRow("total", m.statistics().total());
                plots = plots(m.statistics());
            }
            List<RemovalRow> removals = new ArrayList<>();
            for (MergeReport.Removal x : m.removals()) {
                removals.add(new RemovalRow(MergeDirectoryNames.runDirectoryName(x.afterRun()), displayPath(clusterDir, x.dataset()),
                        x.frames().isEmpty() ? "whole dataset" : "frames " + frameRanges(x.frames()),
                        reasonText(x.reason()), x.detail() == null ? "" : x.detail()));
            }
            out.add(new ClusterSection(anchor(m.clusterNumber()), name, dirLink,
                    MergeDirectoryNames.runDirectoryName(m.finalRun()),
                    m.spaceGroup() == null ? "" : m.spaceGroup(), CorrectHtmlView.cell(m.cell()), outputs, shells, total, plots, removals));
        }
        return out;
    }

    static ShellRow shellRow(String d, ShellStatistics s) {
        return new ShellRow(d, List.of(Long.toString(s.observed()), Long.toString(s.unique()), Long.toString(s.possible()),
                fixed(s.completenessPct(), 1), fixed(s.multiplicity(), 2), fixed(s.iOverSigma(), 2), fixed(s.rMeasPct(), 1),
                fixed(s.ccHalfPct(), 1) + (s.ccHalfSignificant() ? "*" : ""),
                fixed(s.anomalousCorrPct(), 1) + (s.anomalousCorrSignificant() ? "*" : ""), fixed(s.sigAno(), 3)));
    }

    /** CC½, I/σ, completeness and multiplicity against resolution. */
    static List<String> plots(MergingStatistics m) {
        List<ShellStatistics> sh = m.shells();
        double[] d = sh.stream().mapToDouble(ShellStatistics::dMinA).toArray();
        return List.of(
                SvgPlot.againstResolution("CC½", "CC½ (%)").series("CC½", d, sh.stream().mapToDouble(ShellStatistics::ccHalfPct).toArray())
                        .yRange(0, 100).size(340, 230).toSvg(),
                SvgPlot.againstResolution("I/σ(I)", "I/σ(I)").series("I/σ(I)", d, sh.stream().mapToDouble(ShellStatistics::iOverSigma).toArray())
                        .size(340, 230).toSvg(),
                SvgPlot.againstResolution("Completeness", "Completeness (%)")
                        .series("Completeness", d, sh.stream().mapToDouble(ShellStatistics::completenessPct).toArray())
                        .yRange(0, 100).size(340, 230).toSvg(),
                SvgPlot.againstResolution("Multiplicity", "Multiplicity")
                        .series("Multiplicity", d, sh.stream().mapToDouble(ShellStatistics::multiplicity).toArray()).size(340, 230).toSvg());
    }

    /** "3–7, 12, 20–21" from frame numbers in any order. */
    public static String frameRanges(List<Integer> frames) {
        int[] f = frames.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length; ) {
            int j = i;
            while (j + 1 < f.length && f[j + 1] == f[j] + 1) j++;
            if (b.length() > 0) b.append(", ");
            b.append(f[i]);
            if (j > i) b.append('–').append(f[j]);
            i = j + 1;
        }
        return b.toString();
    }

    /** KAMO's reason codes (kamo-conventions 4.10) in words. */
    public static String reasonText(String code) {
        if (code == null) {
            return "";
        }
        String why = switch (code) {
            case "framecc" -> "frames whose CC with the merged data is at or below the Tukey cutoff (run_01)";
            case "allbadframe" -> "no good frame left, or fewer than 10 observations on good frames (run_01 frame CC)";
            case "bad_em.b" -> "error-model b outside the Tukey fences of the cluster (run_02)";
            case "bad_B" -> "relative B outside the Tukey fences of the cluster (run_02)";
            case "bad_em.ab" -> "error-model a·b outside the Tukey fences of the cluster (run_02)";
            case "bad_R" -> "R-factor outside the Tukey fences of the cluster (run_02)";
            case "bad_pwcc" -> "too many pairs with low correlation to other datasets (run_02)";
            case "no_common_refls" -> "too few reflections in common with the other datasets (scaling failed)";
            case "useless" -> "scaling found no useful data in this file";
            default -> null;
        };
        return why == null ? code : code + ": " + why;
    }

    static String anchor(int clusterNumber) {
        return String.format(Locale.ROOT, "c%04d", clusterNumber);
    }

    /** A path as shown: relative to {@code base} (with ../ where needed), so it stays right when the disk moves. */
    static String displayPath(Path base, Path p) {
        Path a = p.toAbsolutePath().normalize(), b = base.toAbsolutePath().normalize();
        return a.getRoot() != null && a.getRoot().equals(b.getRoot()) ? b.relativize(a).toString() : a.toString();
    }
}
