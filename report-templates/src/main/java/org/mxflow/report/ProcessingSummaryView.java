package org.mxflow.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxflow.cell.UnitCell;

/**
 * The processing summary as text, in KAMO's column formats (kamo-conventions 5.1): λ {@code %.4f},
 * total φ {@code %.1f}, Δφ {@code %.3f}, IdxLatt {@code %.1f}, Resn {@code %.1f}, Cmpl
 * {@code %.0f}, ISa {@code %.2f}; one group per directory holding working directories, links
 * relative to the page. No I/O.
 */
public final class ProcessingSummaryView {

    /** One table row. {@code statusClass} is a CSS class: done, failed, running, pending, problem. */
    public record Row(String name, String href, String dirHref, String sampleId, String status, String statusClass,
                      String frames, String wavelength, String totalPhi, String oscillation, String indexedLattice,
                      String spaceGroup, String cell, String resolution, String completeness, String isa, String ccHalf,
                      String problems, String spotsSvg, String scaleSvg) {}

    /** One {@code <h3>} block: the directory (relative to the tree) and its rows. */
    public record Group(String anchor, String directory, List<Row> rows) {}

    /** Counts for the page head. */
    public record Totals(int datasets, int done, int failed, int running, int pending, int withProblems) {}

    static final int PLOT_W = 150, PLOT_H = 38;

    private ProcessingSummaryView() {}

    /** The groups in first-seen order; rows in the order given. */
    public static List<Group> groups(ProcessingSummary summary, Path pageDir) {
        Map<String, List<Row>> byDir = new LinkedHashMap<>();
        Path tree = summary.treeDir().toAbsolutePath().normalize();
        for (ProcessingSummary.Dataset d : summary.datasets()) {
            Path wd = d.workDir().toAbsolutePath().normalize();
            Path parent = wd.getParent();
            String dir = parent != null && parent.startsWith(tree) && !parent.equals(tree)
                    ? tree.relativize(parent).toString() : ".";
            byDir.computeIfAbsent(dir, k -> new ArrayList<>()).add(row(d, pageDir));
        }
        List<Group> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Row>> e : byDir.entrySet()) {
            out.add(new Group("dir-" + (++i), e.getKey(), e.getValue()));
        }
        return out;
    }

    /** How many units are in each state. */
    public static Totals totals(ProcessingSummary summary) {
        int done = 0, failed = 0, running = 0, pending = 0, problems = 0;
        for (ProcessingSummary.Dataset d : summary.datasets()) {
            switch (d.status()) {
                case DONE -> done++;
                case FAILED -> failed++;
                case RUNNING -> running++;
                case PENDING -> pending++;
            }
            if (d.status() == ProcessingSummary.Status.DONE && !d.problems().isEmpty()) {
                problems++;
            }
        }
        return new Totals(summary.datasets().size(), done, failed, running, pending, problems);
    }

    static Row row(ProcessingSummary.Dataset d, Path pageDir) {
        String dirHref = CorrectHtmlView.hrefOf(CorrectHtmlView.relativeLink(pageDir, d.workDir())) + "/";
        String href = d.report() != null ? CorrectHtmlView.hrefOf(CorrectHtmlView.relativeLink(pageDir, d.report())) : dirHref;
        String status, cls;
        switch (d.status()) {
            case DONE -> {
                // the flags themselves are in the Problems column
                status = "done";
                cls = d.problems().isEmpty() ? "done" : "problem";
            }
            case FAILED -> {
                status = "failed" + (d.statusReason() == null || d.statusReason().isBlank() ? "" : ": " + d.statusReason());
                cls = "failed";
            }
            case RUNNING -> {
                status = "running" + (d.statusReason() == null || d.statusReason().isBlank() ? "" : " (" + d.statusReason() + ")");
                cls = "running";
            }
            default -> {
                status = "waiting";
                cls = "pending";
            }
        }
        boolean hasResult = d.status() == ProcessingSummary.Status.DONE;
        return new Row(d.workDir().getFileName().toString(), href, dirHref,
                d.sampleId() == null || d.sampleId().isBlank() ? "?" : d.sampleId(), status, cls,
                d.firstFrame() + "–" + d.lastFrame(),
                fixed(d.wavelengthA(), 4), fixed(d.totalPhiDeg(), 1), fixed(d.oscillationDeg(), 3),
                fixed(d.indexedLatticePct(), 1),
                d.spaceGroup() == null ? "" : d.spaceGroup(), cell(d.cell()),
                hasResult ? fixed(d.resolutionA(), 1) : "", hasResult ? fixed(d.completenessPct(), 0) : "",
                hasResult ? fixed(d.isa(), 2) : "", hasResult ? fixed(d.ccHalfPct(), 1) : "",
                hasResult ? (d.problems().isEmpty() ? "OK" : String.join(", ", d.problems())) : "",
                FramePlot.svg("spots per frame", d.firstFrame(), d.spotsPerFrame(), "#0072B2", PLOT_W, PLOT_H),
                FramePlot.svg("scale per frame", d.firstFrame(), d.scalePerFrame(), "#D55E00", PLOT_W, PLOT_H));
    }

    /** Cell with 2 decimals for edges and 1 for angles (short enough for a table cell). */
    static String cell(UnitCell c) {
        return c == null ? "" : String.format(Locale.ROOT, "%.2f %.2f %.2f %.1f %.1f %.1f",
                c.a(), c.b(), c.c(), c.alpha(), c.beta(), c.gamma());
    }

    /** NaN prints as "nan", as KAMO's Python report does. */
    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
