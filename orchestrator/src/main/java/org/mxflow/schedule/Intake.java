package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mxflow.catalog.NewUnit;
import org.mxflow.catalog.UnitKind;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.DatasetStatus;
import org.mxflow.discovery.ImageFormat;
import org.mxflow.discovery.PinReport;
import org.mxflow.discovery.RasterScan;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.plan.ProcessingTree;
import org.mxflow.plan.ProcessingUnit;

/**
 * From a plan to catalog entries: every unit of a complete dataset, and a hit-map unit for every
 * settled 2D raster scan. Datasets still being collected wait for a later scan.
 */
public final class Intake {

    /** Queue order: whole datasets first (what users look at first), hit maps, then 30° wedges. */
    public static final int PRIORITY_KAMOPROC = 10;
    public static final int PRIORITY_HITMAP = 20;
    public static final int PRIORITY_30DEG = 30;

    /**
     * What one look at the tree gives.
     *
     * @param plan     the processing plan
     * @param units    units of complete datasets and settled scans
     * @param waiting  datasets not yet complete, as "pin/prefix: collecting (12 of 100 frames)"
     */
    public record Result(ProcessingPlan plan, List<NewUnit> units, List<String> waiting) {
    }

    private Intake() {
    }

    public static Result of(ProcessingPlan plan, Duration settle, Instant now) throws IOException {
        BeamtimeSurvey survey = plan.survey();
        Path root = survey.root();
        List<NewUnit> out = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        java.util.Set<String> pinsInSheet = new java.util.HashSet<>();
        for (PinReport pin : survey.pins()) {
            if (pin.sheetRow() != null) {
                pinsInSheet.add(pin.id());
            }
        }
        for (ProcessingUnit u : plan.units()) {
            Dataset d = u.dataset();
            if (d.status() != DatasetStatus.COMPLETE) {
                continue;
            }
            boolean whole = u.tree() == ProcessingTree.KAMOPROC;
            out.add(new NewUnit(UnitKind.PROCESS, u.tree().directory(), slashes(u.workDirectory()), source(d), u.frames().first(),
                    u.frames().last(), d.pinId(), u.sampleName(), d.mode() == null ? null : d.mode().name().toLowerCase(Locale.ROOT),
                    d.relativeDirectory(), d.prefix(), d.format().name(), d.frames().first(), d.frames().last(), d.oscWidthDeg(),
                    whole ? PRIORITY_KAMOPROC : PRIORITY_30DEG, u.known(), pinsInSheet.contains(d.pinId())));
        }
        for (Dataset d : survey.datasets()) {
            if (d.status() != DatasetStatus.COMPLETE) {
                waiting.add(String.format(Locale.ROOT, "%s/%s: %s (%d of %d frames)", d.pinId(), d.prefix(), d.status().word(),
                        d.presentCount(), d.frames().count()));
            }
        }
        for (PinReport pin : survey.pins()) {
            if (pin.directory() == null) {
                continue;
            }
            for (RasterScan scan : pin.directory().scans()) {
                if (scan.kind() != RasterScan.Kind.GRID_2D) {
                    continue;
                }
                Path dir = pin.directory().directory().resolve(scan.relativeDirectory());
                int[] framesAndQuiet = settledFrames(dir, settle, now);
                if (framesAndQuiet[0] == 0) {
                    continue;
                }
                String rel = slashes(root.relativize(dir));
                String work = ProcessingTree.KAMOPROC.directory() + "/" + pin.id() + "/" + scan.relativeDirectory().replace('\\', '/');
                out.add(new NewUnit(UnitKind.HITMAP, ProcessingTree.KAMOPROC.directory(), work, rel, 1, framesAndQuiet[0],
                        pin.id(), pin.sampleName(), null, null, "", "CBF", 1, framesAndQuiet[0], 0, PRIORITY_HITMAP));
            }
        }
        return new Result(plan, out, waiting);
    }

    /** The image template for CBF, the master file for EIGER, relative to the root. */
    static String source(Dataset d) {
        String file = d.format() == ImageFormat.EIGER ? d.prefix() + "_master.h5" : d.template();
        return d.relativeDirectory().isEmpty() ? file : d.relativeDirectory() + "/" + file;
    }

    /** {count, 1} when the scan directory holds frames none of which changed within {@code settle}; {0, 0} otherwise. */
    private static int[] settledFrames(Path dir, Duration settle, Instant now) throws IOException {
        int n = 0;
        Instant newest = Instant.EPOCH;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.matches(".*\\d+\\.(cbf|cbf\\.gz|cbf\\.bz2|img)$")) {
                    n++;
                    Instant t = Files.getLastModifiedTime(p).toInstant();
                    if (t.isAfter(newest)) {
                        newest = t;
                    }
                }
            }
        }
        if (n == 0 || Duration.between(newest, now).compareTo(settle) < 0) {
            return new int[] {0, 0};
        }
        return new int[] {n, 1};
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }
}
