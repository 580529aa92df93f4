package org.mxflow.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.CellClustering;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.discovery.PinReport;
import org.mxflow.merge.AutoMultiMerge;
import org.mxflow.merge.ClusterSummary;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.merge.MultiMerge;
import org.mxflow.plan.MergeGroup;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.plan.ProcessingUnit;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.report.DatasetCorrectSummary;
import org.mxflow.report.DeliverableArchive;
import org.mxflow.report.MergeReport;
import org.mxflow.report.ProcessingSummary;
import org.mxflow.report.ReportRenderer;
import org.mxflow.report.SessionReport;
import org.mxflow.sheet.Mode;
import org.mxflow.sheet.Pin;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-renders what users read after every change: {@code _kamoproc/report.html} and
 * {@code _kamo_30deg/report.html} from the catalog, each unit's CORRECT.LP and result.json;
 * {@code _kamoproc/correct.html} for helical and single pins; the session report
 * {@code <root>/<root>_00.html} from the sample sheet, the plan and the raster hit maps; then the
 * {@code <root>.tgz} archive ({@link DeliverableArchive}). Merge pass reports are rendered right
 * after their merge from AutoMultiMerge's outcome ({@link #renderMergeReports}). Every page and the
 * archive are written via temp + rename by report-templates.
 */
public final class Deliverables {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverables.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliverables() {
    }

    /** {@link #render(Path, Catalog, ProcessingPlan)} without a plan: no correct.html or session report. */
    public static Path render(Path root, Catalog catalog) throws IOException {
        return render(root, catalog, null);
    }

    /** Renders the processing reports, correct.html, the session report and the archive; returns the archive. */
    public static Path render(Path root, Catalog catalog, ProcessingPlan plan) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        List<UnitRecord> units = catalog.units();
        ReportRenderer renderer = new ReportRenderer();
        List<SessionReport.Link> trees = new ArrayList<>();
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
            trees.add(new SessionReport.Link(tree + "/report.html", treeDir.resolve("report.html")));
        }
        if (plan != null) {
            Path correct = renderCorrectHtml(top, units, plan, renderer);
            if (correct != null) {
                trees.add(new SessionReport.Link("_kamoproc/correct.html", correct));
            }
            renderSessionReport(top, units, plan, trees, renderer);
        }
        Path archive = DeliverableArchive.write(top);
        LOG.info("reports and archive updated: {}", archive);
        return archive;
    }

    /** correct.html of the finished helical and single units of _kamoproc; null when there are none. */
    static Path renderCorrectHtml(Path top, List<UnitRecord> units, ProcessingPlan plan, ReportRenderer renderer) throws IOException {
        Map<String, Mode> modeOf = new HashMap<>();
        for (ProcessingUnit pu : plan.units()) {
            modeOf.put(pu.workDirectory().toString().replace('\\', '/'), pu.dataset().mode());
        }
        Path treeDir = top.resolve("_kamoproc");
        List<DatasetCorrectSummary> blocks = new ArrayList<>();
        for (UnitRecord u : units) {
            Mode mode = modeOf.get(u.workDir());
            if (u.kind() != UnitKind.PROCESS || !u.tree().equals("_kamoproc") || u.state() != UnitState.DONE
                    || (mode != Mode.HELICAL && mode != Mode.SINGLE)) {
                continue;
            }
            Path lp = top.resolve(u.workDir()).resolve("CORRECT.LP");
            if (!Files.isRegularFile(lp)) {
                continue;
            }
            try {
                CorrectLp parsed = CorrectLpParser.parse(lp);
                String sg = parsed.spaceGroupNumber() > 0 ? SpaceGroups.byNumber(parsed.spaceGroupNumber()).hermannMauguin() : null;
                blocks.add(new DatasetCorrectSummary(treeDir.relativize(top.resolve(u.workDir())).toString(), lp, sg,
                        parsed.datasetStatistics()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("correct.html: {}: {}", lp, e.getMessage());
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        Path out = treeDir.resolve("correct.html");
        renderer.renderCorrectHtml(blocks, out);
        return out;
    }

    /** {@code <root>/<root>_00.html}: one row per sheet pin, its hit maps and links to its units and merges. */
    static void renderSessionReport(Path top, List<UnitRecord> units, ProcessingPlan plan, List<SessionReport.Link> trees,
                                    ReportRenderer renderer) throws IOException {
        List<SessionReport.Pin> pins = new ArrayList<>();
        for (PinReport pr : plan.survey().pins()) {
            Pin sheet = pr.sheetRow();
            if (sheet == null) {
                continue;
            }
            Path heatMap = null;
            Path hitReport = null;
            for (UnitRecord u : units) {
                if (u.kind() == UnitKind.HITMAP && pr.id().equals(u.pinId()) && u.state() == UnitState.DONE && heatMap == null) {
                    heatMap = find(top.resolve(u.workDir()), "hitmap.png");
                    hitReport = find(top.resolve(u.workDir()), "hitmap.tsv");
                }
            }
            List<SessionReport.Link> processing = new ArrayList<>();
            for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
                Path d = top.resolve(tree).resolve(pr.id());
                if (Files.isDirectory(d)) {
                    processing.add(new SessionReport.Link(tree, d));
                }
            }
            List<SessionReport.Link> merges = new ArrayList<>();
            for (MergeGroup g : plan.merges()) {
                if (!g.sampleName().equals(sheet.sampleName())) {
                    continue;
                }
                Path dir = top.resolve(g.directory());
                try (Stream<Path> passes = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                    // the _final pass only: the earlier passes are linked from its directory listing
                    passes.filter(p -> p.getFileName().toString().endsWith("_final") && Files.isRegularFile(p.resolve("report.html")))
                            .sorted().forEach(p -> merges.add(new SessionReport.Link(g.tree().directory() + " " + g.clustering(),
                                    p.resolve("report.html"))));
                }
            }
            pins.add(new SessionReport.Pin(sheet.puck(), sheet.pin(), sheet.sampleName(), sheet.mode().name().toLowerCase(java.util.Locale.ROOT),
                    sheet.wavelengthA(), sheet.totalOscDeg(), sheet.oscWidthDeg(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    0, 0, pr.datasets().size(), pr.comment(), Double.NaN, null, heatMap, hitReport,
                    processing, merges));
        }
        String title = top.getFileName().toString();
        renderer.renderSessionReport(new SessionReport(top, title, pins, trees), top.resolve(title + "_00.html"));
    }

    private static Path find(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p)).findFirst().orElse(null);
        }
    }

    /**
     * Each pass directory's report.html of a finished merge, from AutoMultiMerge's outcome: inputs,
     * the cell-clustering dendrogram and candidate table (recomputed from the input cells, as
     * AutoMultiMerge computed them; CC-clustering passes show their clusters without a tree),
     * the merged clusters' final runs with shell tables, and the datasets removed.
     */
    public static List<Path> renderMergeReports(SampleMerge.Result merge, String sampleName, String clustering) throws IOException {
        return renderMergeReports(merge.outcome(), sampleName, clustering);
    }

    /** As {@link #renderMergeReports(SampleMerge.Result, String, String)}, for a merge made outside the catalog ({@code mxflow merge}). */
    public static List<Path> renderMergeReports(AutoMultiMerge.Outcome o, String sampleName, String clustering) throws IOException {
        ReportRenderer renderer = new ReportRenderer();
        List<Path> written = new ArrayList<>();
        if (o.inputs().isEmpty()) {
            return written;
        }
        List<MergeReport.InputFile> inputs = new ArrayList<>();
        List<UnitCell> cells = new ArrayList<>();
        Map<Path, Integer> numberOf = new HashMap<>();
        for (int i = 0; i < o.inputs().size(); i++) {
            AutoMultiMerge.Input in = o.inputs().get(i);
            cells.add(in.data().header().unitCell());
            inputs.add(new MergeReport.InputFile(i + 1, in.file(), in.data().header().unitCell()));
            numberOf.put(in.file().toAbsolutePath().normalize(), i + 1);
        }
        int sg = o.inputs().get(0).data().header().spaceGroupNumber();
        String symmetry = SpaceGroups.byNumber(sg).hermannMauguin();
        boolean blend = clustering.equals("blend");
        CellClustering.Result cellTree = blend && o.inputs().size() > 1 ? new CellClustering().cluster(cells) : null;
        List<List<MillerIndex>> indices = new ArrayList<>();
        if (cellTree != null) {
            for (AutoMultiMerge.Input in : o.inputs()) {
                indices.add(in.data().observations().stream().map(Observation::hkl).toList());
            }
        }
        for (int p = 0; p < o.passes().size(); p++) {
            AutoMultiMerge.Pass pass = o.passes().get(p);
            boolean isFinal = p == o.passes().size() - 1;
            List<MergeReport.Tree> trees = new ArrayList<>();
            List<ClusterChoice.Candidate> candidates = List.of();
            if (cellTree != null && cellTree.tree().clusterCount() > 0) {
                trees.add(new MergeReport.Tree("Cell-based clustering (BLEND-style, Ward)", cellTree.tree(),
                        IntStream.rangeClosed(1, o.inputs().size()).boxed().toList(), "Ward height", true));
                candidates = ClusterChoice.blendCandidates(cellTree, indices, cells, SpaceGroups.byNumber(sg), pass.dMinA());
            }
            if (candidates.isEmpty()) {
                candidates = pass.candidates(); // the pass's own (CC clustering's) summary
            }
            List<MergeReport.MergedCluster> merged = new ArrayList<>();
            Map<Integer, ClusterSummary.Row> rowOf = new LinkedHashMap<>();
            for (ClusterSummary.Row r : pass.rows()) {
                rowOf.put(Integer.parseInt(r.cluster().replaceAll("\\D", "")), r);
            }
            for (int k = 0; k < pass.outcomes().size(); k++) {
                MultiMerge.Outcome c = pass.outcomes().get(k);
                if (c == null) {
                    continue;
                }
                int number = pass.clusterNumbers().get(k);
                ClusterSummary.Row row = rowOf.get(number);
                MultiMerge.Run fin = c.finalRun();
                Path clusterDir = pass.directory().resolve(MergeDirectoryNames.clusterDirectoryName(number));
                Path runDir = clusterDir.resolve(MergeDirectoryNames.runDirectoryName(fin.number()));
                List<MergeReport.Removal> removals = new ArrayList<>();
                c.removed().forEach((i, why) -> removals.add(new MergeReport.Removal(2, c.files().get(i), List.of(), why, null)));
                List<Path> outputs = new ArrayList<>();
                for (String f : List.of("xscale.hkl", "XSCALE.LP", "ccp4/xscale.mtz", "aniso.log")) {
                    if (Files.isRegularFile(runDir.resolve(f))) {
                        outputs.add(runDir.resolve(f));
                    }
                }
                merged.add(new MergeReport.MergedCluster(number, row == null ? Double.NaN : row.height(),
                        fin.variation() == null ? Double.NaN : fin.variation().lcvPercent(),
                        fin.variation() == null ? Double.NaN : fin.variation().aLcvA(),
                        row == null ? c.files().size() : row.datasetsAll(), fin.number(), fin.members().size(), symmetry, fin.cell(),
                        fin.statistics(), fin.wilsonBA2(), fin.anisoBestA(), fin.anisoWorstA(), fin.dMinEstimateA(), removals, outputs));
            }
            written.add(renderer.renderMergeReport(new MergeReport(pass.directory(), sampleName, blend ? "BLEND" : "CC",
                    pass.dMinA(), isFinal, symmetry, inputs, trees, candidates, merged, pass.notMerged())));
        }
        return written;
    }

    private static ProcessingSummary.Dataset row(Path top, UnitRecord u) {
        Path work = top.resolve(u.workDir());
        String sampleId = u.pinId();
        Path correct = work.resolve("CORRECT.LP");
        JsonNode result = resultJson(u);
        double idxLatt = number(result, "idxlatt_percent");
        double[] spots = spotsPerFrame(result, u.firstFrame(), u.lastFrame());
        if (u.state() == UnitState.DONE && Files.isRegularFile(correct)) {
            try {
                CorrectLp lp = CorrectLpParser.parse(correct);
                String sg = lp.spaceGroupNumber() > 0 ? SpaceGroups.byNumber(lp.spaceGroupNumber()).hermannMauguin() : null;
                ProcessingSummary.Dataset d = ProcessingSummary.Dataset.fromCorrectLp(work, null, sampleId, sg, lp, idxLatt, spots, null);
                double resn = number(result, "resolution_estimate_A");
                if (Double.isFinite(resn)) {
                    d = new ProcessingSummary.Dataset(d.workDir(), d.report(), d.sampleId(), d.status(), d.statusReason(), d.firstFrame(),
                            d.lastFrame(), d.wavelengthA(), d.totalPhiDeg(), d.oscillationDeg(), d.indexedLatticePct(), d.spaceGroup(),
                            d.cell(), resn, d.completenessPct(), d.isa(), d.ccHalfPct(), d.problems(), d.spotsPerFrame(), d.scalePerFrame());
                }
                return d;
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
                Double.NaN, Double.NaN, idxLatt, null, null, number(result, "resolution_estimate_A"), Double.NaN, Double.NaN,
                Double.NaN, List.of(), spots, null);
    }

    /** The unit's result.json from the catalog; null when absent or unreadable. */
    private static JsonNode resultJson(UnitRecord u) {
        if (u.resultJson() == null || u.resultJson().isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(u.resultJson());
        } catch (IOException e) {
            LOG.debug("{}: result.json: {}", u.workDir(), e.getMessage());
            return null;
        }
    }

    /** A number at the top level or in the engine's "integration" part; NaN (shown n/a) when absent. */
    static double number(JsonNode result, String field) {
        JsonNode v = field(result, field);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    private static JsonNode field(JsonNode result, String field) {
        if (result == null) {
            return null;
        }
        if (result.has(field)) {
            return result.get(field);
        }
        JsonNode integration = result.get("integration");
        return integration != null && integration.has(field) ? integration.get(field) : null;
    }

    /**
     * Strong spots on frame {@code first + i}: the engine's {@code spots_per_frame} when it writes
     * one, else the components per frame of our own spot finding ({@code per_frame}); null if neither.
     */
    static double[] spotsPerFrame(JsonNode result, int first, int last) {
        JsonNode a = field(result, "spots_per_frame");
        if (a != null && a.isArray()) {
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i).asDouble(Double.NaN);
            }
            return out;
        }
        JsonNode perFrame = result == null ? null : result.get("per_frame");
        if (perFrame == null || !perFrame.isArray() || last < first) {
            return null;
        }
        double[] out = new double[last - first + 1];
        java.util.Arrays.fill(out, Double.NaN);
        for (JsonNode f : perFrame) {
            int i = f.path("frame").asInt(Integer.MIN_VALUE) - first;
            if (i >= 0 && i < out.length && f.has("components")) {
                out[i] = f.get("components").asDouble();
            }
        }
        return out;
    }
}
