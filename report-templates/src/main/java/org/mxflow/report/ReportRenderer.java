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

    /** Renders into a sibling temporary file, then renames it over {@code out}. */
    static void writeAtomically(Path out, java.util.function.Consumer<Writer> body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
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
