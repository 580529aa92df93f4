package org.mxflow.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.AutoMultiMerge;
import org.mxflow.merge.ClusterMergeCache;
import org.mxflow.merge.HalfCornerResolution;
import org.mxflow.merge.KamoFormat;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.merge.MultiMerge;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.ShellStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxflow merge}: KAMO's merge step on its own for any set of XDS_ASCII.HKL files —
 * clustering, run_01..03 rejection rounds and the CC½ resolution passes — producing the
 * {@code merge_<blend|cc>_<d>S_<sample>/…_final/cluster_NNNN/run_NN} tree.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Cluster, scale and merge XDS_ASCII.HKL files of one sample like KAMO (merge_<method>_<d>S_<sample>/ trees).")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "XDS_ASCII.HKL files (or use --list).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--list", paramLabel = "formerge.lst", description = "A file with one XDS_ASCII.HKL path per line.")
    Path list;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory that receives the merge_* directories.")
    Path out;

    @Option(names = "--sample", defaultValue = "sample", paramLabel = "NAME", description = "Sample name (sanitised as KAMO does). Default: ${DEFAULT-VALUE}.")
    String sample;

    @Option(names = "--clustering", split = ",", defaultValue = "blend,cc", paramLabel = "METHOD",
            description = "blend and/or cc, comma separated. Default: ${DEFAULT-VALUE}.")
    List<String> clustering;

    @Option(names = "--d-min", paramLabel = "D", description = "Start resolution in Å. Default: the half-corner resolution from the "
            + "headers' detector geometry, else the highest resolution in the data.")
    Double dMin;

    @Option(names = "--anomalous", paramLabel = "yes|no", description = "Keep Friedel mates apart (no: merge them). Default: not specified.")
    String anomalous;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Clusters merged at once. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--max-clusters", defaultValue = "8", paramLabel = "N", description = "At most this many clusters merged per pass (0: all). Default: ${DEFAULT-VALUE}.")
    int maxClusters;

    @Option(names = "--min-cmpl", defaultValue = "10", paramLabel = "PCT", description = "Minimum cluster completeness (SPring-8: 10, KAMO: 90). Default: ${DEFAULT-VALUE}.")
    double minCompleteness;

    @Option(names = "--no-passes", description = "Merge only at the start resolution (no CC½ resolution passes).")
    boolean noPasses;

    @Option(names = "--delta-cc-half", description = "After run_02 also remove datasets by KAMO's optional delta_cc1/2 test "
            + "(leave each out; remove the one whose omission raises CC1/2 x unique reflections most; repeat). Off by default, as in KAMO.")
    boolean deltaCcHalf;

    @Option(names = "--space-group", paramLabel = "SG", description = "The space group to merge in and write, as given "
            + "(\"P 21 21 21\", P212121 or 19): inputs of its point group are relabelled, screw axes are not decided from the data. "
            + "Default: from the inputs.")
    String spaceGroup;

    @Option(names = "--reference-mtz", paramLabel = "FILE", description = "Copy FreeR_flag from this MTZ into every ccp4/xscale.mtz "
            + "(reflections it lacks get FREERFLAG-like flags, ~5 % test set, from a hash of the index).")
    Path referenceMtz;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = new ArrayList<>(files);
        if (list != null) {
            if (!Files.isRegularFile(list)) throw new FileNotFoundException(list + ": no such list file");
            int n = 0;
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                n++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) continue;
                Path p = Path.of(t);
                inputs.add(p.isAbsolute() ? p : list.toAbsolutePath().getParent().resolve(p));
            }
        }
        if (inputs.isEmpty()) throw new IllegalArgumentException("no input files: give XDS_ASCII.HKL files or --list");
        Boolean friedel = null;
        if (anomalous != null) {
            switch (anomalous.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> friedel = false;
                case "no", "false" -> friedel = true;
                default -> throw new IllegalArgumentException("--anomalous must be yes or no, got '" + anomalous + "'");
            }
        }
        List<Clustering> methods = new ArrayList<>();
        for (String c : clustering) {
            methods.add(switch (c.trim().toLowerCase(Locale.ROOT)) {
                case "blend" -> Clustering.BLEND;
                case "cc" -> Clustering.CC;
                default -> throw new IllegalArgumentException("--clustering takes blend and/or cc, got '" + c + "'");
            });
        }
        List<XdsAsciiFile> data = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isRegularFile(p)) throw new FileNotFoundException(p + ": no such XDS_ASCII.HKL file");
            XdsAsciiFile f = XdsAsciiReader.read(p);
            if (f.header().merged()) throw new IllegalArgumentException(p + ": merged data (MERGE=TRUE) cannot be scaled; give unmerged XDS_ASCII.HKL");
            if (f.header().unitCell() == null) throw new IllegalArgumentException(p + ": no UNIT_CELL_CONSTANTS in the header");
            data.add(f);
        }
        // Short wedges of one crystal form often carry different screw axes (P422 / P4(1)2(1)2 ...): one
        // space group for the merge, as the orchestrator does; other point groups are left out, said below.
        inputs = new ArrayList<>(inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        Path top = inputs.get(0).getRoot();
        java.util.Map<String, Path> used = new java.util.TreeMap<>();
        for (Path p : inputs) used.put(top.relativize(p.getParent()).toString().replace('\\', '/'), p);
        java.util.Map<String, String> leftOut = new java.util.TreeMap<>();
        org.mxflow.symmetry.SpaceGroup userGroup = null;
        if (spaceGroup != null) {
            try {
                userGroup = org.mxflow.symmetry.SpaceGroups.bySymbol(spaceGroup.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--space-group '" + spaceGroup + "' is not a space group: " + e.getMessage());
            }
        }
        // KAMO's preparation (kamo-conventions 4.3-4.4): cell-graph group 1, one symmetry, every file in the
        // reference setting (reindexed copies go to <merge dir>/input_files/), the rest left out with the reason.
        org.mxflow.merge.MergePreparation.Result prepared = org.mxflow.schedule.SampleMerge.prepare(inputs, data, used, leftOut, top, userGroup);
        if (prepared.kept().isEmpty()) {
            throw new IllegalArgumentException("no input can be merged" + (userGroup != null ? " in " + userGroup.hermannMauguin() : "") + ": " + leftOut);
        }
        org.mxflow.mtz.FreeRFlags.Reference freeR = null;
        if (referenceMtz != null) {
            if (!Files.isRegularFile(referenceMtz)) throw new FileNotFoundException(referenceMtz + ": no such reference MTZ file");
            freeR = org.mxflow.mtz.FreeRFlags.of(org.mxflow.mtz.MtzReader.read(referenceMtz), referenceMtz.toString());
            // before any merging: a reference of another crystal form fails here, not in every cluster
            org.mxflow.mtz.FreeRFlags.checkCompatible(freeR, prepared.symmetry(), prepared.referenceCell());
        }
        data = prepared.kept().stream().map(org.mxflow.merge.MergePreparation.Kept::data).toList();
        PrintWriter note = spec.commandLine().getOut();
        long relabelled = prepared.relabelledCount(), reindexed = prepared.reindexedCount();
        if (relabelled > 0) note.println(relabelled + " file(s) relabelled to the common space group " + prepared.symmetry().number());
        if (reindexed > 0) {
            note.println(reindexed + " file(s) reindexed to the reference setting of " + prepared.symmetry().hermannMauguin() + " ("
                    + prepared.referenceCell().format() + "); see prep_merge.log");
        }
        leftOut.forEach((dir, why) -> note.println("left out " + top.resolve(dir) + ": " + why));
        double start = dMin != null ? dMin : startResolution(data);
        if (!(start > 0)) throw new IllegalArgumentException("--d-min must be positive, got " + start);
        Files.createDirectories(out);
        PrintWriter w = spec.commandLine().getOut();
        ClusterChoice.Thresholds thresholds = new ClusterChoice.Thresholds(minCompleteness, 2.0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, maxClusters);
        ClusterMergeCache sameClusters = new ClusterMergeCache();
        // a bar per pass on a terminal; elsewhere the log lines say the same
        PassProgress progress = new PassProgress(System.console() != null);
        for (Clustering m : methods) {
            AutoMultiMerge.Outcome o = new AutoMultiMerge(new AutoMultiMerge.Settings(m, start, friedel, thresholds, threads,
                    Scaler.Settings.defaults(), !noPasses, userGroup, deltaCcHalf, freeR), sameClusters)
                    .withProgress(progress).run(sample, prepared, out);
            w.println(summary(o));
            // the pass directories' report.html, as the orchestrator writes them
            for (Path report : org.mxflow.schedule.Deliverables.renderMergeReports(o, sample, m.label())) {
                w.println("  report: " + report);
            }
        }
        w.flush();
        return 0;
    }

    /** One progress bar per pass directory, counting its clusters as they are merged. */
    static final class PassProgress implements AutoMultiMerge.Progress {
        private final boolean terminal;
        private me.tongfei.progressbar.ProgressBar bar;

        PassProgress(boolean terminal) {
            this.terminal = terminal;
        }

        @Override
        public synchronized void passStarted(String passDirectory, int clusters) {
            if (bar != null) bar.close();
            bar = terminal && clusters > 0 ? new me.tongfei.progressbar.ProgressBarBuilder().setTaskName(passDirectory)
                    .setInitialMax(clusters).setUnit(" clusters", 1).setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).build() : null;
        }

        @Override
        public synchronized void clusterMerged(String passDirectory, int clusterNumber) {
            if (bar != null) {
                bar.step();
                if (bar.getCurrent() >= bar.getMax()) {
                    bar.close();
                    bar = null;
                }
            }
        }
    }

    private static String summary(AutoMultiMerge.Outcome o) {
        StringBuilder sb = new StringBuilder(o.sampleDirectory().toString()).append('\n');
        if (o.passes().isEmpty()) return sb.append("  nothing merged (too few datasets)").toString();
        AutoMultiMerge.Pass last = o.passes().get(o.passes().size() - 1);
        sb.append("  ").append(last.directory().getFileName()).append(": ").append(last.clusterNumbers().size()).append(" cluster(s)");
        for (int k = 0; k < last.outcomes().size(); k++) {
            MultiMerge.Outcome c = last.outcomes().get(k);
            if (c == null) continue;
            ShellStatistics t = c.finalRun().statistics().total();
            sb.append(String.format(Locale.ROOT, "%n  cluster_%04d run_%02d: %d datasets, Cmpl %s%%, Redun %s, CC1/2 %s%%, Rmeas %s%%",
                    last.clusterNumbers().get(k), c.finalRun().number(), c.finalRun().members().size(),
                    KamoFormat.fixed(t.completenessPct(), 1), KamoFormat.fixed(t.multiplicity(), 1),
                    KamoFormat.fixed(t.ccHalfPct(), 1), KamoFormat.fixed(t.rMeasPct(), 1)));
        }
        return sb.toString();
    }

    /** Half-corner resolution of the first file's detector geometry, else the data's highest resolution. */
    static double startResolution(List<XdsAsciiFile> data) {
        XdsAsciiHeader h = data.get(0).header();
        Optional<double[]> nx = h.doubles("NX"), ny = h.doubles("NY"), qx = h.doubles("QX"), qy = h.doubles("QY");
        Optional<double[]> ox = h.doubles("ORGX"), oy = h.doubles("ORGY"), dist = h.doubles("DETECTOR_DISTANCE");
        if (nx.isPresent() && ny.isPresent() && qx.isPresent() && qy.isPresent() && ox.isPresent() && oy.isPresent()
                && dist.isPresent() && Double.isFinite(h.wavelengthA())) {
            return KamoFormat.round(HalfCornerResolution.fromDetector(h.wavelengthA(), Math.abs(dist.get()[0]), (int) nx.get()[0],
                    (int) ny.get()[0], qx.get()[0], qy.get()[0], ox.get()[0], oy.get()[0]).startResolutionA(), 2);
        }
        double best = Double.POSITIVE_INFINITY;
        for (XdsAsciiFile f : data) {
            for (Observation o : f.observations()) {
                if (o.hkl().isOrigin()) continue;
                best = Math.min(best, f.header().unitCell().dSpacing(o.hkl()));
            }
        }
        // Up to the next 0.01 Å, so the limit keeps every observation.
        return Math.ceil(best * 100 - 1e-9) / 100;
    }
}
