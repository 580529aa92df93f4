package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.report.DeliverableArchive;
import org.mxflow.report.ProcessingSummary;
import org.mxflow.report.ReportRenderer;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-renders what users read after every change: {@code _kamoproc/report.html} and
 * {@code _kamo_30deg/report.html} from the catalog and each unit's CORRECT.LP, then the
 * {@code <root>.tgz} archive ({@link DeliverableArchive}). Every page and the archive are written
 * via temp + rename by report-templates.
 *
 * <p>Not rendered yet (hooks for the next step): {@code _kamoproc/correct.html} for helical and
 * single pins, per-merge report.html ({@code MergeReport} needs the clustering dendrograms of
 * AutoMultiMerge) and the session report {@code <root>_00.html}.
 */
public final class Deliverables {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverables.class);

    private Deliverables() {
    }

    /** Renders the processing reports and the archive; returns the archive. */
    public static Path render(Path root, Catalog catalog) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        List<UnitRecord> units = catalog.units();
        ReportRenderer renderer = new ReportRenderer();
        for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
            List<ProcessingSummary.Dataset> rows = new ArrayList<>();
            for (UnitRecord u : units) {
                if (!u.tree().equals(tree) || u.kind() != UnitKind.PROCESS) {
                    continue;
                }
                rows.add(row(top, u));
            }
            if (rows.isEmpty()) {
                continue;
            }
            Path treeDir = top.resolve(tree);
            Files.createDirectories(treeDir);
            renderer.renderProcessingReport(new ProcessingSummary("mxflow processing report (" + tree + ")", top, treeDir, rows),
                    treeDir.resolve("report.html"));
        }
        Path archive = DeliverableArchive.write(top);
        LOG.info("reports and archive updated: {}", archive);
        return archive;
    }

    private static ProcessingSummary.Dataset row(Path top, UnitRecord u) {
        Path work = top.resolve(u.workDir());
        String sampleId = u.pinId();
        Path correct = work.resolve("CORRECT.LP");
        if (u.state() == org.mxflow.catalog.UnitState.DONE && Files.isRegularFile(correct)) {
            try {
                CorrectLp lp = CorrectLpParser.parse(correct);
                return ProcessingSummary.Dataset.fromCorrectLp(work, null, sampleId, null, lp, Double.NaN, null, null);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: {}", correct, e.getMessage());
            }
        }
        ProcessingSummary.Status status = switch (u.state()) {
            case DONE -> ProcessingSummary.Status.DONE;
            case FAILED -> ProcessingSummary.Status.FAILED;
            case RUNNING -> ProcessingSummary.Status.RUNNING;
            case PENDING -> ProcessingSummary.Status.PENDING;
        };
        return new ProcessingSummary.Dataset(work, null, sampleId, status, u.error(), u.firstFrame(), u.lastFrame(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), null, null);
    }
}
