package org.mxflow.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes mxflow's HTML reports from plain models with Thymeleaf templates under
 * {@code templates/} on the class path. Pages are self-contained (inline CSS and SVG, no
 * script library, nothing fetched at view time) and are written to a temporary file that is
 * renamed into place, so a reader never sees half a report.
 */
public final class ReportRenderer {

    private final TemplateEngine engine;

    public ReportRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    /**
     * Writes correct.html: for each helical or single data set its CORRECT statistics table,
     * error model, ISa and plots against resolution.
     *
     * @param datasets the data sets in page order
     * @param out      the file to write, e.g. {@code _kamoproc/correct.html}
     */
    public void renderCorrectHtml(List<DatasetCorrectSummary> datasets, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Context context = new Context();
        context.setVariables(Map.of(
                "datasets", CorrectHtmlView.datasets(datasets, dir),
                "generated", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")),
                "directory", dir.toString()));
        writeAtomically(out, w -> engine.process("correct", context, w));
    }

    /**
     * Writes a processing tree's report.html ({@code _kamoproc/report.html} or
     * {@code _kamo_30deg/report.html}): every working directory with its status, frames, symmetry,
     * cell, resolution, ISa, completeness, CC½ and per-frame plots.
     */
    public void renderProcessingReport(ProcessingSummary summary, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Context context = new Context();
        context.setVariables(Map.of(
                "title", summary.title(),
                "topDir", summary.topDir() == null ? "" : summary.topDir().toString(),
                "groups", ProcessingSummaryView.groups(summary, dir),
                "totals", ProcessingSummaryView.totals(summary),
                "generated", now()));
        writeAtomically(out, w -> engine.process("processing-report", context, w));
    }

    /**
     * Writes a merge pass's report.html into {@code report.directory()}: input files, dendrograms,
     * cluster table, merging summary, per-cluster statistics and plots, and the rejections.
     *
     * @return the written file
     */
    public Path renderMergeReport(MergeReport report) throws IOException {
        Path out = report.directory().resolve("report.html");
        Path dir = out.toAbsolutePath().getParent();
        Context context = new Context();
        java.util.Map<String, Object> v = new java.util.HashMap<>();
        v.put("sampleName", report.sampleName() == null ? "" : report.sampleName());
        v.put("clusteringTitle", MergeReportView.cellBased(report) ? "Cell-based clustering (BLEND-style)" : "CC-based clustering");
        v.put("dMin", org.mxflow.merge.KamoFormat.fixed(report.dMinA(), 2));
        v.put("isFinal", report.isFinal());
        v.put("directory", dir.toString());
        v.put("symmetry", report.symmetry() == null ? "?" : report.symmetry());
        v.put("inputs", MergeReportView.inputs(report, dir));
        v.put("dendrograms", MergeReportView.dendrograms(report, dir));
        v.put("cellBased", MergeReportView.cellBased(report));
        v.put("candidates", MergeReportView.candidates(report));
        v.put("summary", MergeReportView.summary(report));
        v.put("notMerged", report.notMerged());
        v.put("clusters", MergeReportView.clusters(report, dir));
        v.put("shellColumns", MergeReportView.SHELL_COLUMNS);
        v.put("generated", now());
        context.setVariables(v);
        writeAtomically(out, w -> engine.process("merge-report", context, w));
        return out;
    }

    /**
     * Writes the session report (ZOO's {@code <root>_00.html} table) to {@code out}, normally
     * {@code report.root().resolve(report.title() + "_00.html")}.
     */
    public void renderSessionReport(SessionReport report, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Context context = new Context();
        java.util.function.Predicate<Path> isDirectory = Files::isDirectory;
        List<SessionReportView.Row> rows = SessionReportView.rows(report, dir, isDirectory);
        context.setVariables(Map.of(
                "title", report.title() == null ? report.root().getFileName().toString() : report.title(),
                "root", report.root().toString(),
                "rows", rows,
                "datasets", report.pins().stream().mapToInt(SessionReport.Pin::datasets).sum(),
                "trees", SessionReportView.links(dir, report.trees(), isDirectory),
                "generated", now()));
        writeAtomically(out, w -> engine.process("session-report", context, w));
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z"));
    }

    /** Renders into a sibling temporary file, then renames it over {@code out}. */
    static void writeAtomically(Path out, java.util.function.Consumer<Writer> body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // A unique sibling created like any other file (createTempFile would make it 0600: unreadable for the users the tree is for).
        Path tmp = dir.resolve("." + out.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                body.accept(w);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
