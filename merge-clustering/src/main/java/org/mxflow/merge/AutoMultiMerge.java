package org.mxflow.merge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.CcClustering;
import org.mxflow.cluster.CellClustering;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.DendrogramJson;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge of one sample as KAMO's auto_multi_merge runs it with one clustering method
 * (kamo-conventions 4.3–4.12): common space group, {@code cells.dat}/{@code excluded.lst}
 * (cell filter), indexing-ambiguity resolution, then resolution passes — cluster all datasets
 * at the start resolution, choose clusters, merge each ({@link MultiMerge}), cut at CC½ = 0.35
 * on the best result, merge again there, cut at 0.5, merge again, and rename the last pass
 * {@code …_final}. Clusters are merged on a thread pool; every cluster writes only its own
 * directory and results are gathered in cluster order, so outputs do not depend on the
 * number of threads.
 */
public final class AutoMultiMerge {

    private static final Logger LOG = LoggerFactory.getLogger(AutoMultiMerge.class);

    /**
     * @param clustering  BLEND-style cell clustering or CC clustering
     * @param dStartA     start resolution (Å): half-corner at SPring-8
     * @param friedelsLaw TRUE/FALSE if the sample sheet says, else null
     * @param thresholds  cluster choice (SPring-8: Cmpl ≥ 10 %, Redun ≥ 2), with max_clusters
     * @param threads     clusters merged at once
     * @param scaler      scaling settings
     * @param passes      run the CC½ resolution passes (false: only the start resolution, as _final)
     * @param userSpaceGroup the space group the user gave (sample sheet, {@code --space-group}), or null: it is the
     *                    merging and output symmetry as given (KAMO: "A user space_group overrides"), every input of
     *                    its point group (or of a subgroup on its lattice) is relabelled to it, and no run decides
     *                    screw axes; null: the inputs' majority label, screw axes decided per run
     * @param deltaCcHalf also remove datasets by delta_cc1/2 after run_02 (MultiMerge.Settings)
     * @param freeRReference FreeR_flag reference copied into every run's ccp4/xscale.mtz, or null (MultiMerge.Settings)
     */
    public record Settings(Clustering clustering, double dStartA, Boolean friedelsLaw, ClusterChoice.Thresholds thresholds,
                           int threads, Scaler.Settings scaler, boolean passes, SpaceGroup userSpaceGroup, boolean deltaCcHalf,
                           org.mxflow.mtz.FreeRFlags.Reference freeRReference) {
        /** Without a FreeR_flag reference (no FreeR_flag column in ccp4/xscale.mtz). */
        public Settings(Clustering clustering, double dStartA, Boolean friedelsLaw, ClusterChoice.Thresholds thresholds,
                        int threads, Scaler.Settings scaler, boolean passes, SpaceGroup userSpaceGroup, boolean deltaCcHalf) {
            this(clustering, dStartA, friedelsLaw, thresholds, threads, scaler, passes, userSpaceGroup, deltaCcHalf, null);
        }

        /** Without KAMO's optional delta_cc1/2 rejection (its default). */
        public Settings(Clustering clustering, double dStartA, Boolean friedelsLaw, ClusterChoice.Thresholds thresholds,
                        int threads, Scaler.Settings scaler, boolean passes, SpaceGroup userSpaceGroup) {
            this(clustering, dStartA, friedelsLaw, thresholds, threads, scaler, passes, userSpaceGroup, false);
        }

        /** Symmetry from the inputs (no user space group). */
        public Settings(Clustering clustering, double dStartA, Boolean friedelsLaw, ClusterChoice.Thresholds thresholds,
                        int threads, Scaler.Settings scaler, boolean passes) {
            this(clustering, dStartA, friedelsLaw, thresholds, threads, scaler, passes, null);
        }
    }

    /** One prepared input: file, label relative to the common parent, content (reindexed if needed). */
    public record Input(Path file, String label, XdsAsciiFile data) {}

    /**
     * The clusters merged in one pass.
     *
     * @param candidates every cluster of the pass with its pre-merge estimate (the cluster summary, 4.9)
     * @param notMerged  why no cluster was merged, with the thresholds and numbers
     *                   ({@link ClusterChoice#whyNoneChosen}); empty when clusters were chosen
     */
    public record Pass(Path directory, double dMinA, List<Integer> clusterNumbers, List<MultiMerge.Outcome> outcomes,
                       List<ClusterSummary.Row> rows, List<ClusterChoice.Candidate> candidates, String notMerged) {
        public Pass(Path directory, double dMinA, List<Integer> clusterNumbers, List<MultiMerge.Outcome> outcomes,
                    List<ClusterSummary.Row> rows) {
            this(directory, dMinA, clusterNumbers, outcomes, rows, List.of(), "");
        }

        /** The same pass in another directory (after a rename). */
        public Pass movedTo(Path newDirectory) {
            return new Pass(newDirectory, dMinA, clusterNumbers, outcomes, rows, candidates, notMerged);
        }
    }

    /** The sample's result: its merge directory and the passes (the last one is _final). */
    public record Outcome(Path sampleDirectory, List<Input> inputs, List<Pass> passes, List<ReindexOperator> reindexing) {}

    /** Told as the merge goes, for a progress display; clusterMerged is called from the merging threads. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** A pass directory (e.g. blend_2.52A) starts merging this many clusters. */
        default void passStarted(String passDirectory, int clusters) {}

        /** One cluster of the pass is merged (or failed). */
        default void clusterMerged(String passDirectory, int clusterNumber) {}
    }

    private final Settings settings;
    private final ClusterMergeCache cache;
    private Progress progress = Progress.NONE;

    public AutoMultiMerge(Settings settings) {
        this(settings, null);
    }

    /** With a cache shared by the sample's clusterings (null: none): a cluster merged before is copied, not merged again. */
    public AutoMultiMerge(Settings settings, ClusterMergeCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    /** Reports progress to {@code p}; returns this. */
    public AutoMultiMerge withProgress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    /**
     * Merges the sample's datasets under {@code outputRoot}.
     *
     * @param sample the sheet's sample name (sanitised for the directory, never passed to a shell)
     * @param files  XDS_ASCII.HKL files and their content, in formerge.lst order
     */
    public Outcome run(String sample, List<Path> files, List<XdsAsciiFile> data, Path outputRoot) throws IOException {
        if (files.size() != data.size() || files.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one file (got " + files.size() + " paths, " + data.size() + " contents)");
        }
        Path sampleDir = MergeDirectoryNames.sampleDirectory(outputRoot, settings.clustering(), settings.dStartA(), sample);
        Files.createDirectories(sampleDir);
        Path parent = commonParent(files);
        List<String> labels = files.stream().map(f -> parent.relativize(f.toAbsolutePath().normalize()).toString()).toList();
        return run(sample, files, labels, data, sampleDir, "");
    }

    /**
     * Merges a prepared sample ({@link MergePreparation}, kamo-conventions 4.4) under {@code outputRoot}:
     * a reindexed dataset is written to {@code <merge dir>/input_files/<its path below the inputs' common
     * parent>} and listed by that path in formerge.lst and cells.dat (with its transformed cell); the
     * others are listed by their own path. prep_merge.log begins with the preparation's lines. The
     * inputs' files are never written.
     */
    public Outcome run(String sample, MergePreparation.Result prepared, Path outputRoot) throws IOException {
        List<MergePreparation.Kept> kept = prepared.kept();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no dataset of the sample can be merged: "
                    + prepared.left().stream().map(l -> l.file() + ": " + l.reason()).toList());
        }
        Path sampleDir = MergeDirectoryNames.sampleDirectory(outputRoot, settings.clustering(), settings.dStartA(), sample);
        Files.createDirectories(sampleDir);
        Path parent = commonParent(prepared.decisions().stream().map(MergePreparation.Decision::file).toList());
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        for (String line : prepared.log()) head.append(line).append('\n');
        // Files by their path below the inputs' common parent, so the log reads the same wherever the tree lies.
        for (MergePreparation.Decision d : prepared.decisions()) {
            head.append(parent.relativize(d.file().toAbsolutePath().normalize())).append(": ").append(MergePreparation.describe(d)).append('\n');
        }
        for (MergePreparation.Kept k : kept) {
            String label = parent.relativize(k.file().toAbsolutePath().normalize()).toString();
            Path file = k.file();
            if (k.reindexed()) {
                file = MultiMerge.safeChild(sampleDir.resolve("input_files"), label);
                Files.createDirectories(file.getParent());
                XdsAsciiWriter.write(k.data(), file);
                head.append("wrote input_files/").append(label).append(" (reindexed copy)\n");
            }
            files.add(file);
            labels.add(label);
            data.add(k.data());
        }
        return run(sample, files, labels, data, sampleDir, head.toString());
    }

    private Outcome run(String sample, List<Path> files, List<String> labels, List<XdsAsciiFile> data, Path sampleDir, String prepHead)
            throws IOException {
        StringBuilder log = new StringBuilder();
        log.append("mxflow merge of sample '").append(sample).append("' with ").append(settings.clustering().label())
                .append(" clustering, start ").append(KamoFormat.fixed(settings.dStartA(), 2)).append(" A\n");

        SpaceGroup user = settings.userSpaceGroup();
        int sgNumber;
        if (user != null) {
            sgNumber = user.number();
        } else {
            // Common symmetry: the most frequent space group of the headers (ties: lower number).
            Map<Integer, Integer> votes = new HashMap<>();
            for (XdsAsciiFile f : data) votes.merge(f.header().spaceGroupNumber(), 1, Integer::sum);
            sgNumber = votes.entrySet().stream()
                    .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue).thenComparing(e -> -e.getKey()))
                    .orElseThrow().getKey();
        }
        if (sgNumber < 1) {
            throw new IllegalArgumentException("the inputs carry no SPACE_GROUP_NUMBER (e.g. " + files.get(0) + ")");
        }
        SpaceGroup group = SpaceGroups.byNumber(sgNumber);
        List<MergeListFiles.DatasetCell> cells = new ArrayList<>();
        Map<Path, Integer> indexOf = new HashMap<>();
        StringBuilder prep = new StringBuilder(prepHead + "symmetry= " + group.xhm() + " (" + group.number() + ")"
                + (user != null ? " given by the user (screw axes not decided from the data)" : "") + "\n");
        data = new ArrayList<>(data);
        for (int i = 0; user != null && i < files.size(); i++) {
            XdsAsciiFile f = data.get(i);
            int own = f.header().spaceGroupNumber();
            if (own != sgNumber && own > 0 && mergesUnder(SpaceGroups.byNumber(own), user, f.header().unitCell())) {
                prep.append("relabel ").append(files.get(i)).append(": ").append(SpaceGroups.byNumber(own).xhm()).append(" -> ")
                        .append(user.xhm()).append('\n');
                data.set(i, new XdsAsciiFile(f.header().withSpaceGroup(sgNumber, f.header().unitCell()), f.observations()));
            }
        }
        for (int i = 0; i < files.size(); i++) {
            XdsAsciiFile f = data.get(i);
            if (f.header().spaceGroupNumber() != sgNumber || f.header().unitCell() == null) {
                prep.append("skip ").append(files.get(i)).append(": space group ").append(f.header().spaceGroupNumber())
                        .append(" is not ").append(sgNumber).append('\n');
                continue;
            }
            cells.add(new MergeListFiles.DatasetCell(files.get(i), f.header().unitCell()));
            indexOf.put(files.get(i), i);
        }
        List<MergeListFiles.DatasetCell> kept = MergeListFiles.writeFiltered(sampleDir, cells, new CellOutlierFilter());
        prep.append(kept.size()).append(" of ").append(cells.size()).append(" datasets kept by the cell filter\n");
        List<Input> inputs = new ArrayList<>();
        for (MergeListFiles.DatasetCell dc : kept) {
            int i = indexOf.get(dc.file());
            inputs.add(new Input(dc.file(), labels.get(i), data.get(i)));
        }

        // Indexing ambiguity: selective breeding on 3 Å non-anomalous merged data.
        List<ReindexOperator> ops = resolveAmbiguity(group, inputs, sampleDir, prep);
        MergeListFiles.writeAtomically(sampleDir.resolve("prep_merge.log"), prep.toString());
        if (inputs.size() < 2) {
            log.append("Too few datasets (").append(inputs.size()).append(")\n");
            MergeListFiles.writeAtomically(sampleDir.resolve("multi_merge.log"), log.toString());
            return new Outcome(sampleDir, inputs, List.of(), ops);
        }

        List<Pass> passes = new ArrayList<>();
        Pass pass = mergePass(sampleDir, group, inputs, settings.dStartA(), log);
        passes.add(pass);
        if (settings.passes()) {
            for (double ccMin : new double[] {0.35, 0.5}) {
                double d = cutoff(pass, ccMin, log);
                if (!Double.isFinite(d)) break;
                if (Files.exists(sampleDir.resolve(MergeDirectoryNames.passDirectoryName(settings.clustering(), d, false)))) {
                    log.append("pass at ").append(KamoFormat.fixed(d, 2)).append(" A exists; stop\n");
                    break;
                }
                pass = mergePass(sampleDir, group, inputs, d, log);
                passes.add(pass);
            }
        }
        Pass last = passes.get(passes.size() - 1);
        Path finalDir = sampleDir.resolve(MergeDirectoryNames.passDirectoryName(settings.clustering(), last.dMinA(), true));
        if (Files.exists(finalDir)) {
            throw new IOException(finalDir + " already exists: remove the old merge before merging again");
        }
        Files.move(last.directory(), finalDir);
        if (cache != null) cache.moved(last.directory(), finalDir);
        passes.set(passes.size() - 1, last.movedTo(finalDir));
        log.append("final: ").append(finalDir.getFileName()).append('\n');
        MergeListFiles.writeAtomically(sampleDir.resolve("multi_merge.log"), log.toString());
        return new Outcome(sampleDir, inputs, passes, ops);
    }

    /**
     * Whether a dataset labelled {@code own} can be merged under the user's {@code user} by relabelling
     * alone: same centring and point group (other screw axes), or a subgroup of it whose cell already
     * fits the user's lattice (a short wedge that could not rule out the higher symmetry).
     */
    public static boolean mergesUnder(SpaceGroup own, SpaceGroup user, UnitCell cell) {
        if (own.hermannMauguin().charAt(0) != user.hermannMauguin().charAt(0)) return false;
        if (own.pointGroup() == user.pointGroup()) return true;
        return own.operations().order() < user.operations().order() && user.operations().order() % own.operations().order() == 0
                && cell != null && cell.isCompatibleWith(user.latticeType());
    }

    private List<ReindexOperator> resolveAmbiguity(SpaceGroup group, List<Input> inputs, Path sampleDir, StringBuilder prep)
            throws IOException {
        List<UnitCell> cells = inputs.stream().map(i -> i.data().header().unitCell()).toList();
        UnitCell mean = MultiMerge.meanCell(cells);
        List<ReindexOperator> alternatives = IndexingAmbiguity.alternatives(group, mean, IndexingAmbiguity.MAX_DELTA_DEG);
        List<ReindexOperator> chosen = new ArrayList<>();
        if (alternatives.size() < 2 || inputs.size() < 2) {
            prep.append("no indexing ambiguity\n");
            for (int i = 0; i < inputs.size(); i++) chosen.add(ReindexOperator.identity());
            return chosen;
        }
        prep.append("indexing ambiguity: ").append(alternatives).append('\n');
        ReciprocalAsu asu = group.reciprocalAsu();
        List<Map<MillerIndex, MergedIntensity>> merged = new ArrayList<>();
        for (Input in : inputs) merged.add(mergedForCc(in.data(), group, asu, 3.0));
        IndexingAmbiguity.Assignment a = IndexingAmbiguity.selectiveBreeding(merged, alternatives, asu);
        prep.append("selective breeding: ").append(a.cycles()).append(" cycles").append(a.converged() ? "" : " (not converged)").append('\n');
        StringBuilder lst = new StringBuilder();
        List<MergeListFiles.DatasetCell> newCells = new ArrayList<>();
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int op = a.operators()[i];
            Input in = inputs.get(i);
            if (op < 0) {
                prep.append("drop ").append(in.file()).append(": fewer than 2 reflections\n");
                continue;
            }
            ReindexOperator r = alternatives.get(op);
            if (r.isIdentity()) {
                out.add(in);
                chosen.add(r);
                lst.append(in.file()).append('\n');
                newCells.add(new MergeListFiles.DatasetCell(in.file(), in.data().header().unitCell()));
                continue;
            }
            List<Observation> obs = new ArrayList<>(in.data().observations().size());
            for (Observation o : in.data().observations()) {
                obs.add(new Observation(r.apply(o.hkl()), o.intensity(), o.sigma(), o.xdPx(), o.ydPx(), o.zdFrame(), o.rlp(),
                        o.peakPercent(), o.corrPercent(), o.psiDeg()));
            }
            XdsAsciiFile re = new XdsAsciiFile(in.data().header(), obs);
            Path file = MultiMerge.safeChild(sampleDir.resolve("input_files"), in.label() + "_reidx.HKL");
            Files.createDirectories(file.getParent());
            XdsAsciiWriter.write(re, file);
            prep.append("reindex ").append(in.file()).append(" by ").append(r).append(" -> ").append(file).append('\n');
            out.add(new Input(file, in.label() + "_reidx.HKL", re));
            chosen.add(r);
            lst.append(file).append('\n');
            newCells.add(new MergeListFiles.DatasetCell(file, re.header().unitCell()));
        }
        MergeListFiles.writeAtomically(sampleDir.resolve("formerge_reindexed.lst"), lst.toString());
        MergeListFiles.writeAtomically(sampleDir.resolve("cells_reindexed.dat"), MergeListFiles.cellsDat(newCells));
        inputs.clear();
        inputs.addAll(out);
        return chosen;
    }

    /** Non-anomalous merged intensities of one file at d ≥ dMinA (σ ≤ 0 dropped), ASU keys. */
    static Map<MillerIndex, MergedIntensity> mergedForCc(XdsAsciiFile f, SpaceGroup group, ReciprocalAsu asu, double dMinA) {
        UnitCell cell = f.header().unitCell();
        double sMax = 1 / (dMinA * dMinA);
        double[] g = cell.reciprocalMetric();
        List<IntensityObservation> io = new ArrayList<>();
        for (Observation o : f.observations()) {
            if (!(o.sigma() > 0) || o.hkl().isOrigin()) continue;
            if (UnitCell.oneOverDSquared(g, o.hkl().h(), o.hkl().k(), o.hkl().l()) > sMax) continue;
            io.add(new IntensityObservation(asu.toAsu(o.hkl()).hkl(), o.intensity(), o.sigma()));
        }
        return MergedIntensity.merge(io);
    }

    /** One pass: cluster, choose, merge the chosen clusters, write the summaries. */
    private MultiMerge.Outcome mergeOrReuse(MultiMerge mm, MultiMerge.Settings mergeSettings, List<MultiMerge.Dataset> ds, Path clusterDir)
            throws IOException {
        if (cache == null) return mm.merge(ds, clusterDir);
        var earlier = cache.reuse(mergeSettings, ds, clusterDir);
        if (earlier.isPresent()) {
            LOG.info("{}: the same {} datasets were merged in this run already; their results are copied", clusterDir.getFileName(), ds.size());
            return earlier.get();
        }
        MultiMerge.Outcome o = mm.merge(ds, clusterDir);
        cache.remember(mergeSettings, ds, clusterDir, o);
        return o;
    }

    private Pass mergePass(Path sampleDir, SpaceGroup group, List<Input> inputs, double dMinA, StringBuilder log) throws IOException {
        Path dir = sampleDir.resolve(MergeDirectoryNames.passDirectoryName(settings.clustering(), dMinA, false));
        Path work = dir.resolve(settings.clustering().workDirectory());
        Files.createDirectories(work);
        List<UnitCell> cells = inputs.stream().map(i -> i.data().header().unitCell()).toList();
        List<List<MillerIndex>> indices = new ArrayList<>();
        for (Input in : inputs) indices.add(in.data().observations().stream().map(Observation::hkl).toList());
        List<ClusterChoice.Candidate> candidates;
        Map<Integer, int[]> members = new LinkedHashMap<>();
        if (settings.clustering() == Clustering.BLEND) {
            CellClustering.Result r = new CellClustering().cluster(cells);
            candidates = ClusterChoice.blendCandidates(r, indices, cells, group, dMinA);
            for (int k = 1; k <= r.tree().clusterCount(); k++) members.put(k, r.tree().members(k));
            StringBuilder lookup = new StringBuilder();
            for (int i = 0; i < inputs.size(); i++) lookup.append(String.format(Locale.ROOT, "dataset_%03d %s%n", i, inputs.get(i).file()));
            MergeListFiles.writeAtomically(work.resolve("xds_lookup_table.txt"), lookup.toString());
            MergeListFiles.writeAtomically(work.resolve("blend_cluster_summary.dat"), ClusterChoice.blendSummary(candidates, dMinA));
            if (r.tree().clusterCount() > 0) {
                DendrogramJson.write(work.resolve("dendro.json"), r.tree(), DendrogramJson.oneBasedLabels(inputs.size()));
            }
        } else {
            ReciprocalAsu asu = group.reciprocalAsu();
            List<Map<MillerIndex, MergedIntensity>> merged = new ArrayList<>();
            for (Input in : inputs) merged.add(mergedForCc(in.data(), group, asu, dMinA));
            CcClustering.Result r = new CcClustering().cluster(merged);
            candidates = ClusterChoice.ccCandidates(r, indices, cells, group, dMinA);
            if (r.tree() != null) {
                for (int k = 1; k <= r.tree().clusterCount(); k++) {
                    int[] leaves = r.tree().members(k);
                    int[] m = new int[leaves.length];
                    for (int i = 0; i < m.length; i++) m[i] = r.used().get(leaves[i]);
                    members.put(k, m);
                }
                List<String> labels = r.used().stream().map(i -> Integer.toString(i + 1)).toList();
                if (r.tree().clusterCount() > 0) DendrogramJson.write(work.resolve("dendro.json"), r.tree(), labels);
            }
            MergeListFiles.writeAtomically(work.resolve("cctable.dat"), r.ccTable());
            MergeListFiles.writeAtomically(work.resolve("CLUSTERS.txt"), r.clustersText());
            MergeListFiles.writeAtomically(work.resolve("cctable_notused.lst"),
                    MergeListFiles.pathList(r.removed().stream().map(i -> inputs.get(i).file()).toList()));
            MergeListFiles.writeAtomically(work.resolve("cc_cluster_summary.dat"), ClusterChoice.ccSummary(candidates, dMinA));
        }
        MergeListFiles.writeAtomically(work.resolve("filenames.lst"), MergeListFiles.pathList(inputs.stream().map(Input::file).toList()));
        List<ClusterChoice.Candidate> chosen = ClusterChoice.choose(candidates, settings.thresholds());
        log.append(String.format(Locale.ROOT, "%s: %d clusters, %d chosen%n", dir.getFileName(), candidates.size(), chosen.size()));
        String notMerged = chosen.isEmpty() ? ClusterChoice.whyNoneChosen(candidates, settings.thresholds(), dMinA) : "";
        if (chosen.isEmpty()) {
            LOG.info("{}: nothing merged: {}", dir.getFileName(), notMerged);
            log.append("nothing merged: ").append(notMerged).append('\n');
        }

        MultiMerge.Settings mergeSettings = new MultiMerge.Settings(group, Double.NaN, dMinA, settings.friedelsLaw(), settings.scaler(),
                settings.userSpaceGroup() == null, settings.deltaCcHalf(), settings.freeRReference());
        MultiMerge mm = new MultiMerge(mergeSettings);
        List<Integer> numbers = new ArrayList<>();
        List<Future<MultiMerge.Outcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
        String passName = dir.getFileName().toString();
        progress.passStarted(passName, chosen.size());
        try {
            for (ClusterChoice.Candidate c : chosen) {
                int number = c.clusterNumber();
                numbers.add(number);
                List<MultiMerge.Dataset> ds = new ArrayList<>();
                for (int i : members.get(number)) {
                    Input in = inputs.get(i);
                    ds.add(new MultiMerge.Dataset(in.file(), in.label(), in.data()));
                }
                Path clusterDir = dir.resolve(MergeDirectoryNames.clusterDirectoryName(number));
                futures.add(pool.submit(() -> {
                    try {
                        return mergeOrReuse(mm, mergeSettings, ds, clusterDir);
                    } finally {
                        progress.clusterMerged(passName, number);
                    }
                }));
            }
            List<MultiMerge.Outcome> outcomes = new ArrayList<>();
            List<ClusterSummary.Row> rows = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int k = 0; k < futures.size(); k++) {
                String name = MergeDirectoryNames.clusterDirectoryName(numbers.get(k));
                try {
                    MultiMerge.Outcome o = futures.get(k).get();
                    outcomes.add(o);
                    for (MultiMerge.Run run : o.runs()) {
                        rows.add(new ClusterSummary.Row(name, chosen.get(k).height(), run, chosen.get(k).datasets()));
                    }
                } catch (ExecutionException e) {
                    // A cluster that cannot be merged fails alone; the sample's other clusters go on.
                    String why = String.valueOf(e.getCause().getMessage());
                    LOG.warn("{} failed: {}", name, why);
                    log.append(name).append(" failed: ").append(why).append('\n');
                    Path clusterDir = dir.resolve(name);
                    if (Files.isDirectory(clusterDir)) {
                        MergeListFiles.writeAtomically(clusterDir.resolve("merge.log"), name + " failed: " + why + "\n");
                    }
                    outcomes.add(null);
                    failed.add(name + ": " + why);
                }
            }
            List<String> notes = notMerged.isEmpty() ? List.of() : List.of("nothing merged: " + notMerged);
            MergeListFiles.writeAtomically(dir.resolve("cluster_summary.dat"), ClusterSummary.text(dMinA, rows, failed, notes));
            return new Pass(dir, dMinA, numbers, outcomes, rows, candidates, notMerged);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while merging " + dir, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * KAMO's choose_best_result then the CC½ cut-off (kamo-conventions 4.11.2–4.11.3): final runs
     * sorted by redundancy, top half kept if more than two, best (CC½, outer CC½); NaN if none.
     */
    private double cutoff(Pass pass, double ccMin, StringBuilder log) {
        List<MultiMerge.Run> finals = new ArrayList<>();
        for (MultiMerge.Outcome o : pass.outcomes()) if (o != null) finals.add(o.finalRun());
        if (finals.isEmpty()) {
            log.append("no merged cluster to decide the resolution\n");
            return Double.NaN;
        }
        List<MultiMerge.Run> sorted = new ArrayList<>(finals);
        sorted.sort(Comparator.comparingDouble((MultiMerge.Run r) -> -r.statistics().total().multiplicity()));
        if (sorted.size() > 2) sorted = new ArrayList<>(sorted.subList(0, sorted.size() / 2));
        sorted.sort(Comparator.comparingDouble((MultiMerge.Run r) -> -nanLow(r.statistics().total().ccHalfPct()))
                .thenComparingDouble(r -> -nanLow(r.statistics().outerShell().ccHalfPct())));
        MultiMerge.Run best = sorted.get(0);
        CcHalfCutoff.Cut cut = CcHalfCutoff.forTarget(ccMin).decide(MultiMerge.intensityObservations(best.scaling().observations()), best.cell());
        log.append(String.format(Locale.ROOT, "resolution cut at CC1/2 %.2f: %s%n", ccMin,
                cut.found() ? KamoFormat.fixed(cut.dMinA(), 2) + " A (outer CC1/2 " + KamoFormat.fixed(cut.ccHalfOuter(), 3) + ")" : cut.reason()));
        return cut.found() ? cut.dMinA() : Double.NaN;
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Deepest directory containing all files. */
    static Path commonParent(List<Path> files) {
        Path common = files.get(0).toAbsolutePath().normalize().getParent();
        for (Path f : files) {
            Path p = f.toAbsolutePath().normalize();
            while (common != null && !p.startsWith(common)) common = common.getParent();
        }
        if (common == null) {
            throw new IllegalArgumentException("input files share no common directory");
        }
        return common;
    }
}
