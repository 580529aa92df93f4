package org.mxflow.merge;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.LinearCellVariation;
import org.mxflow.mtz.FreeRFlags;
import org.mxflow.mtz.MergedMtz;
import org.mxflow.stats.FrenchWilson;
import org.mxflow.mtz.MtzWriter;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.scale.Merging;
import org.mxflow.scale.ScaledObservation;
import org.mxflow.scale.Scaler;
import org.mxflow.scale.ScalingDataset;
import org.mxflow.scale.ScalingResult;
import org.mxflow.scale.WilsonPlot;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.symmetry.SpaceGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merging of one cluster as KAMO's multi_merge does it (kamo-conventions 4.10): run_01 scales all
 * members; bad frames found by frame CC are cut from the original inputs ({@code files/}); run_02
 * scales the survivors; datasets with outlying error-model a·b or relative B are removed; run_03
 * scales the rest with the bmin reference (if nothing was removed, run_02 is final). Each run is
 * scaled twice as KAMO does (pass A with the first dataset as reference, pass B with bmed, or bmin
 * in the final run; pass B is pass A re-expressed relative to that reference, which in this
 * scaling model is the same minimum) and writes XSCALE.INP(.1), XSCALE.LP(.1), xscale.hkl (unmerged, ISET),
 * xscale_merged.hkl, xscale.cif and ccp4/xscale.mtz.
 */
public final class MultiMerge {

    private static final Logger LOG = LoggerFactory.getLogger(MultiMerge.class);
    /** KAMO drops a frame-trimmed dataset with fewer observations left. */
    public static final int MIN_OBSERVATIONS_AFTER_TRIM = 10;
    /** Shells of the statistics table (KAMO's RESOLUTION_SHELLS). */
    public static final int SHELLS = 9;

    /**
     * One input dataset of the cluster.
     *
     * @param file  the prepared input file
     * @param label its path relative to the common parent of all inputs (names files/ copies and log rows)
     * @param data  its content
     */
    public record Dataset(Path file, String label, XdsAsciiFile data) {}

    /**
     * @param group       merging space group
     * @param dMaxA       low-resolution limit (Å), NaN for none
     * @param dMinA       high-resolution limit of this pass (Å)
     * @param friedelsLaw TRUE/FALSE as given for the sample, null when not specified (statistics then merge mates)
     * @param scaler      scaling settings
     * @param decideScrewAxes decide the output space group's screw axes from each run's data (pointless.log);
     *                    false when the user gave the space group
     * @param deltaCcHalf also remove datasets by delta_cc1/2 after run_02 ({@link DeltaCcHalf}, reason
     *                    {@code bad_delta_cc1/2}; off by default as in KAMO)
     * @param freeRReference test-set flags copied into every run's ccp4/xscale.mtz as FreeR_flag ({@link FreeRFlags});
     *                    null: no FreeR_flag column
     */
    public record Settings(SpaceGroup group, double dMaxA, double dMinA, Boolean friedelsLaw, Scaler.Settings scaler,
                           boolean decideScrewAxes, boolean deltaCcHalf, FreeRFlags.Reference freeRReference) {
        /** Without a FreeR_flag reference. */
        public Settings(SpaceGroup group, double dMaxA, double dMinA, Boolean friedelsLaw, Scaler.Settings scaler,
                        boolean decideScrewAxes, boolean deltaCcHalf) {
            this(group, dMaxA, dMinA, friedelsLaw, scaler, decideScrewAxes, deltaCcHalf, null);
        }

        /** Without delta_cc1/2 rejection (KAMO's default). */
        public Settings(SpaceGroup group, double dMaxA, double dMinA, Boolean friedelsLaw, Scaler.Settings scaler,
                        boolean decideScrewAxes) {
            this(group, dMaxA, dMinA, friedelsLaw, scaler, decideScrewAxes, false);
        }

        /** Screw axes of the output decided from the data (KAMO's default without a user space group). */
        public Settings(SpaceGroup group, double dMaxA, double dMinA, Boolean friedelsLaw, Scaler.Settings scaler) {
            this(group, dMaxA, dMinA, friedelsLaw, scaler, true);
        }

        boolean anomalous() {
            return Boolean.FALSE.equals(friedelsLaw);
        }
    }

    /**
     * One scaling run.
     *
     * @param number         1, 2 or 3
     * @param members        0-based cluster datasets used (cluster input order)
     * @param reference      0-based index into members of the pass-B reference
     * @param scaling        the final (pass B) scaling
     * @param statistics     the statistics table
     * @param merged         merged reflections
     * @param cell           mean cell of the inputs
     * @param wilsonBA2      Wilson B of the merged data
     * @param dMinEstimateA  CC½ = 0.5 estimate from the tanh fit (reported, not applied)
     * @param variation      LCV/aLCV of the cells of the datasets used
     * @param anisoBestA     best direction's CC½ = 0.5 resolution (aniso.log), NaN if not analysed
     * @param anisoWorstA    worst direction's
     * @param outputGroup    space group of the run's output files (screw axes decided from the data, pointless.log)
     */
    public record Run(int number, List<Integer> members, int reference, ScalingResult scaling, MergingStatistics statistics,
                      List<MergedReflection> merged, UnitCell cell, double wilsonBA2, double dMinEstimateA,
                      LinearCellVariation variation, double anisoBestA, double anisoWorstA, SpaceGroup outputGroup) {}

    /**
     * The cluster's result.
     *
     * @param files   the cluster's input files; run members and removed keys index this list
     * @param runs    the runs made, run_01 first; the last is final
     * @param removed 0-based dataset → reason code (allbadframe, bad_em.ab, bad_B)
     */
    public record Outcome(List<Path> files, List<Run> runs, Map<Integer, String> removed) {
        public Run finalRun() {
            return runs.get(runs.size() - 1);
        }
    }

    private final Settings settings;

    public MultiMerge(Settings settings) {
        this.settings = settings;
    }

    /** Merges the cluster's datasets into {@code clusterDir} (created). */
    public Outcome merge(List<Dataset> datasets, Path clusterDir) throws IOException {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one dataset");
        }
        Files.createDirectories(clusterDir);
        StringBuilder log = new StringBuilder();
        TreeMap<Integer, String> removed = new TreeMap<>();
        List<Run> runs = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        List<XdsAsciiFile> current = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            members.add(i);
            current.add(datasets.get(i).data());
        }
        keepCommonClique(datasets, members, current, removed, log);
        Run run1 = run(1, datasets, members, current, clusterDir, false);
        runs.add(run1);
        log.append(runLog(run1, datasets, clusterDir));

        // Bad frames (framecc) from run_01's scaled observations.
        BadFrameDetection.Result frames = BadFrameDetection.detect(run1.scaling().observations(), members.size(), settings.anomalous());
        Path run1Dir = clusterDir.resolve(MergeDirectoryNames.runDirectoryName(1));
        MergeListFiles.writeAtomically(run1Dir.resolve("cc_files.dat"), ccFiles(frames, members, datasets));
        MergeListFiles.writeAtomically(run1Dir.resolve("cc_frames.dat"), ccFrames(frames, members, datasets));
        log.append(String.format(Locale.ROOT, "framecc: cutoff CC = %.4f (Q1 - 1.5 IQR over %d frames); a frame below it is bad only "
                + "below its own wedge's fence too%n", frames.cutoff(), frames.frames().size()));
        List<Integer> members2 = new ArrayList<>();
        List<XdsAsciiFile> current2 = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            int d = members.get(k);
            int[] good = frames.goodFrames().get(k);
            if (good.length == 0) {
                removed.put(d, "allbadframe");
                continue;
            }
            if (frames.allGood(k)) {
                members2.add(d);
                current2.add(current.get(k));
                continue;
            }
            java.util.Set<Integer> keep = new java.util.HashSet<>();
            for (int f : good) keep.add(f);
            // Trimmed from the original input, not from xscale.hkl.
            XdsAsciiFile original = datasets.get(d).data();
            List<Observation> kept = original.observations().stream()
                    .filter(o -> keep.contains((int) Math.floor(o.zdFrame()) + 1)).toList();
            if (kept.size() < MIN_OBSERVATIONS_AFTER_TRIM) {
                removed.put(d, "allbadframe");
                continue;
            }
            XdsAsciiFile trimmed = new XdsAsciiFile(original.header(), kept);
            Path copy = safeChild(clusterDir.resolve("files"), datasets.get(d).label());
            Files.createDirectories(copy.getParent());
            XdsAsciiWriter.write(trimmed, copy);
            log.append(String.format(Locale.ROOT, "framecc: %s keeps %d of %d frames (%d observations)%n", datasets.get(d).label(),
                    good.length, frames.frames().stream().filter(f -> f.dataset() == members.indexOf(d)).count(), kept.size()));
            members2.add(d);
            current2.add(trimmed);
        }
        if (members2.isEmpty()) {
            log.append("no dataset left after bad-frame rejection\n");
            finish(clusterDir, log, datasets, runs, removed);
            return new Outcome(datasets.stream().map(Dataset::file).toList(), runs, removed);
        }
        keepCommonClique(datasets, members2, current2, removed, log);
        Run run2 = run(2, datasets, members2, current2, clusterDir, false);
        runs.add(run2);
        log.append(runLog(run2, datasets, clusterDir));

        // Bad datasets (lpstats: em.ab + bfactor, upper tail, floored IQR) from run_02.
        double[] emA = new double[members2.size()], emB = new double[members2.size()], relB = new double[members2.size()];
        for (int k = 0; k < members2.size(); k++) {
            emA[k] = run2.scaling().scales().get(k).errorModel().a();
            emB[k] = run2.scaling().scales().get(k).errorModel().b();
            relB[k] = run2.scaling().scales().get(k).bA2();
        }
        TreeMap<Integer, String> bad = BadDatasetDetection.detect(emA, emB, relB);
        if (settings.deltaCcHalf()) {
            for (DeltaCcHalf.Removal r : DeltaCcHalf.reject(run2.scaling().observations(), java.util.Set.of(), 1)) {
                bad.merge(r.dataset(), "bad_delta_cc1/2", (x, y) -> x + "," + y);
                log.append(String.format(java.util.Locale.ROOT, "delta_cc1/2: without %s CC1/2 %.4f -> %.4f, unique %d -> %d%n",
                        datasets.get(members2.get(r.dataset())).label(), r.ccHalfBefore(), r.ccHalfAfter(), r.uniqueBefore(),
                        r.uniqueAfter()));
            }
        }
        if (!bad.isEmpty() && bad.size() < members2.size()) {
            List<Integer> members3 = new ArrayList<>();
            List<XdsAsciiFile> current3 = new ArrayList<>();
            for (int k = 0; k < members2.size(); k++) {
                if (bad.containsKey(k)) {
                    removed.put(members2.get(k), bad.get(k));
                    log.append("lpstats: removed ").append(datasets.get(members2.get(k)).label()).append(" (").append(bad.get(k))
                            .append(")\n");
                } else {
                    members3.add(members2.get(k));
                    current3.add(current2.get(k));
                }
            }
            keepCommonClique(datasets, members3, current3, removed, log);
            Run run3 = run(3, datasets, members3, current3, clusterDir, true);
            runs.add(run3);
            log.append(runLog(run3, datasets, clusterDir));
        } else {
            log.append("lpstats: no dataset removed; run_02 is final\n");
        }
        finish(clusterDir, log, datasets, runs, removed);
        return new Outcome(datasets.stream().map(Dataset::file).toList(), runs, removed);
    }

    /**
     * XSCALE-failure handling (kamo-conventions 4.10.5): keeps the largest clique of datasets that
     * pairwise share more than 10 strong reflections, drops the others as {@code no_common_refls}
     * (lists changed in place). Throws if no dataset has a strong reflection: the cluster cannot be
     * scaled, and fails alone.
     */
    private void keepCommonClique(List<Dataset> datasets, List<Integer> members, List<XdsAsciiFile> current,
                                  Map<Integer, String> removed, StringBuilder log) {
        double minIs = settings.scaler().minIOverSigma();
        List<java.util.Set<org.mxflow.reflection.MillerIndex>> strong = new ArrayList<>();
        int total = 0;
        for (XdsAsciiFile f : current) {
            strong.add(CommonReflections.strongUnique(f.observations(), settings.group(), f.header().unitCell(), settings.dMaxA(),
                    settings.dMinA(), minIs));
            total += strong.get(strong.size() - 1).size();
        }
        if (total == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cannot scale: none of its %d datasets has a reflection with I/sigma >= %.1f at d >= %.2f A", members.size(), minIs,
                    settings.dMinA()));
        }
        if (members.size() < 2) return;
        int[][] common = CommonReflections.commonCounts(strong);
        List<Integer> clique = CommonReflections.largestClique(common);
        if (clique.size() == members.size()) return;
        for (int k = members.size() - 1; k >= 0; k--) {
            if (clique.contains(k)) continue;
            int most = 0;
            for (int j : clique) most = Math.max(most, common[k][j]);
            int d = members.get(k);
            removed.put(d, "no_common_refls");
            log.append(String.format(Locale.ROOT, "no_common_refls: removed %s (at most %d strong reflections in common with the %d kept, "
                    + "need > %d)%n", datasets.get(d).label(), most, clique.size(), CommonReflections.MIN_COMMON));
            LOG.info("{}: no common reflections with the others, left out", datasets.get(d).label());
            members.remove(k);
            current.remove(k);
        }
    }

    /** One run: two scaling passes, statistics, files. */
    private Run run(int number, List<Dataset> datasets, List<Integer> members, List<XdsAsciiFile> data, Path clusterDir,
                    boolean finalReference) throws IOException {
        Path dir = clusterDir.resolve(MergeDirectoryNames.runDirectoryName(number));
        Files.createDirectories(dir.resolve("ccp4"));
        List<ScalingDataset> input = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<UnitCell> cells = new ArrayList<>();
        double wavelength = Double.NaN;
        for (int k = 0; k < members.size(); k++) {
            Dataset d = datasets.get(members.get(k));
            names.add(d.label());
            input.add(new ScalingDataset(d.label(), data.get(k).observations()));
            cells.add(data.get(k).header().unitCell());
            if (Double.isNaN(wavelength)) wavelength = data.get(k).header().wavelengthA();
        }
        UnitCell cell = meanCell(cells);
        SpaceGroup group = settings.group();
        Scaler scaler = new Scaler(settings.scaler());
        long t0 = System.nanoTime();
        ScalingResult passA = scaler.scale(input, group, cell, settings.dMaxA(), settings.dMinA(), 0);
        List<ScaledObservation> obsA = passA.observations();
        MergingStatistics statsA = Merging.statistics(obsA, group, cell, settings.dMaxA(), settings.dMinA(), SHELLS, settings.anomalous());
        write(dir.resolve("XSCALE.INP.1"), XscaleText.inp(group, cell, settings.dMaxA(), settings.dMinA(), SHELLS,
                settings.friedelsLaw(), names, -1));
        write(dir.resolve("XSCALE.LP.1"), XscaleText.lp(group, cell, names, passA.scales(), obsA, statsA,
                WilsonPlot.b(Merging.merge(obsA), cell)));
        ScalingResult result = passA;
        int reference = 0;
        if (members.size() > 1) {
            // Reference by B from pass A: bmed while rejection steps remain, bmin in the final run.
            List<Integer> byB = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) byB.add(k);
            byB.sort(Comparator.comparingDouble((Integer k) -> passA.scales().get(k).bA2()).thenComparingInt(k -> k));
            reference = finalReference ? byB.get(0) : byB.get(members.size() / 2);
            // Pass B: the reference only fixes the gauge of this model (see Scaler.rereference).
            result = Scaler.rereference(passA, reference);
        }
        List<ScaledObservation> obs = result.observations();
        long t1 = System.nanoTime();
        MergingStatistics stats = Merging.statistics(obs, group, cell, settings.dMaxA(), settings.dMinA(), SHELLS, settings.anomalous());
        List<MergedReflection> merged = Merging.merge(obs);
        double wilson = WilsonPlot.b(merged, cell);
        // Symmetry for output (KAMO 4.10.6): screw axes from this run's data, the Laue group kept.
        SpaceGroup output = group;
        if (settings.decideScrewAxes()) {
            List<List<Observation>> perDataset = new ArrayList<>();
            for (XdsAsciiFile f : data) perDataset.add(f.observations());
            org.mxflow.pointgroup.SpaceGroupDecision.Result sym = org.mxflow.pointgroup.SpaceGroupDecision.screwAxes(perDataset, cell, group);
            output = sym.spaceGroup();
            write(dir.resolve("pointless.log"), sym.log());
        }
        if (output.number() != group.number()) {
            SpaceGroup out = output;
            merged = merged.stream().filter(r -> !out.isSystematicallyAbsent(r.hkl())).toList();
            LOG.info("run {}: output space group {} (merged in {})", number, output.hermannMauguin(), group.hermannMauguin());
        }
        double dEstimate = dMinEstimate(stats);
        List<AnisotropyAnalysis.Direction> aniso = AnisotropyAnalysis.analyse(obs, group, cell);
        double[] bestWorst = AnisotropyAnalysis.bestAndWorst(aniso);
        write(dir.resolve("aniso.log"), AnisotropyAnalysis.log(aniso, group));
        long t2 = System.nanoTime();
        write(dir.resolve("XSCALE.INP"), XscaleText.inp(group, cell, settings.dMaxA(), settings.dMinA(), SHELLS,
                settings.friedelsLaw(), names, members.size() > 1 ? reference : -1));
        write(dir.resolve("XSCALE.LP"), XscaleText.lp(group, cell, names, result.scales(), obs, stats, wilson));
        StringWriter hkl = new StringWriter();
        XscaleText.xscaleHkl(hkl, output, cell, wavelength, !settings.anomalous(), names, obs);
        write(dir.resolve("xscale.hkl"), hkl.toString());
        List<Observation> mergedObs = new ArrayList<>();
        for (MergedReflection r : merged) mergedObs.add(Observation.merged(r.hkl(), r.iMean(), r.sigIMean()));
        XdsAsciiWriter.write(new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(true, !settings.anomalous(), output.number(),
                cell, wavelength), mergedObs), dir.resolve("xscale_merged.hkl"));
        write(dir.resolve("xscale.cif"), XscaleText.mmcif("xscale", output, cell, wavelength, merged));
        // Amplitudes as CTRUNCATE gives them in KAMO's xscale.mtz (French-Wilson), for refinement programs.
        FrenchWilson.MergedAmplitudes amplitudes = FrenchWilson.amplitudes(merged, output, cell);
        if (amplitudes.rejected() > 0) {
            LOG.info("run {}: French-Wilson left out F of {} reflections (I/sigma < -3.7 or posterior centre below -4 sigma)", number, amplitudes.rejected());
        }
        // KAMO copies the reference's FreeR_flag so all merges of a project share one test set.
        int[] freeR = settings.freeRReference() == null ? null
                : FreeRFlags.assign(settings.freeRReference(), merged.stream().map(MergedReflection::hkl).toList(), output, cell);
        MtzWriter.write(MergedMtz.withAmplitudes("mxflow merge " + MergeDirectoryNames.runDirectoryName(number), merged, amplitudes,
                freeR, output, cell, new MergedMtz.Names("mxflow", "XDS", "XDS", Double.isFinite(wavelength) ? wavelength : 0)),
                dir.resolve("ccp4/xscale.mtz"));
        LOG.debug("run {}: scaling {} s, statistics {} s, files {} s", number, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (System.nanoTime() - t2) / 1e9);
        return new Run(number, List.copyOf(members), reference, result, stats, merged, cell, wilson, dEstimate,
                LinearCellVariation.of(cells), bestWorst[0], bestWorst[1], output);
    }

    /**
     * dmin.est: where the tanh fit of the table's CC½ shells crosses 0.5 (reported, not applied).
     * Fitted on the 9 shells of the table, where KAMO fits N_obs/50 bins; NaN if the fit fails.
     */
    static double dMinEstimate(MergingStatistics stats) {
        int n = stats.shells().size();
        double[] s = new double[n], cc = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = stats.shells().get(i).inverseDSquared();
            cc[i] = stats.shells().get(i).ccHalfPct() / 100;
        }
        try {
            return TanhCcHalfFit.fit(s, cc).resolutionAt(0.5);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    static List<IntensityObservation> intensityObservations(List<ScaledObservation> obs) {
        List<IntensityObservation> io = new ArrayList<>(obs.size());
        for (ScaledObservation o : obs) {
            if (!o.rejected()) io.add(new IntensityObservation(o.asu(), o.intensity(), o.sigma()));
        }
        return io;
    }

    /** Arithmetic mean of the cells (XSCALE.INP's UNIT_CELL_CONSTANTS). */
    public static UnitCell meanCell(List<UnitCell> cells) {
        double[] m = new double[6];
        for (UnitCell c : cells) {
            double[] a = c.toArray();
            for (int i = 0; i < 6; i++) m[i] += a[i] / cells.size();
        }
        return new UnitCell(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    private String runLog(Run r, List<Dataset> datasets, Path clusterDir) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d datasets, reference %s%n", MergeDirectoryNames.runDirectoryName(r.number()),
                r.members().size(), datasets.get(r.members().get(r.reference())).label()));
        var t = r.statistics().total();
        sb.append(String.format(Locale.ROOT, "  Cmpl %.1f%% Redun %.2f I/sigI %.2f Rmeas %.1f%% CC1/2 %.1f%% WilsonB %.2f dmin.est %.2f%n",
                t.completenessPct(), t.multiplicity(), t.iOverSigma(), t.rMeasPct(), t.ccHalfPct(), r.wilsonBA2(), r.dMinEstimateA()));
        // "blend_3.00A_final/cluster_0198/run_02: ..." (the pass directory is renamed _final later; the log names it as it is now)
        Path pass = clusterDir.toAbsolutePath().getParent();
        LOG.info("{}/{}/{}: {} datasets, CC1/2 {}%, completeness {}%", pass == null ? "" : pass.getFileName(), clusterDir.getFileName(),
                MergeDirectoryNames.runDirectoryName(r.number()), r.members().size(), KamoFormat.fixed(t.ccHalfPct(), 1),
                KamoFormat.fixed(t.completenessPct(), 1));
        return sb.toString();
    }

    private void finish(Path clusterDir, StringBuilder log, List<Dataset> datasets, List<Run> runs, Map<Integer, String> removed)
            throws IOException {
        log.append("\nSUMMARY\n");
        Run last = runs.get(runs.size() - 1);
        log.append("used files (").append(last.members().size()).append("):\n");
        for (int d : last.members()) log.append("  ").append(datasets.get(d).label()).append(' ').append(datasets.get(d).data().header().unitCell().format()).append('\n');
        log.append("unused files (").append(removed.size()).append("):\n");
        removed.forEach((d, why) -> log.append("  ").append(datasets.get(d).label()).append(' ').append(why).append('\n'));
        log.append("final: ").append(MergeDirectoryNames.runDirectoryName(last.number())).append('\n');
        write(clusterDir.resolve("merge.log"), log.toString());
    }

    private static String ccFiles(BadFrameDetection.Result r, List<Integer> members, List<Dataset> datasets) {
        StringBuilder sb = new StringBuilder("file name n.all n.common cc\n");
        for (int k = 0; k < members.size(); k++) {
            double[] v = r.datasetCc().get(k);
            sb.append(k).append(' ').append(datasets.get(members.get(k)).label()).append(' ').append((long) v[0]).append(' ')
                    .append((long) v[1]).append(' ').append(KamoFormat.fixed(v[2], 4)).append('\n');
        }
        return sb.toString();
    }

    private static String ccFrames(BadFrameDetection.Result r, List<Integer> members, List<Dataset> datasets) {
        StringBuilder sb = new StringBuilder("file name frame n.all n.common cc\n");
        for (BadFrameDetection.FrameCc f : r.frames()) {
            sb.append(f.dataset()).append(' ').append(datasets.get(members.get(f.dataset())).label()).append(' ').append(f.frame())
                    .append(' ').append(f.unique()).append(' ').append(f.common()).append(' ').append(KamoFormat.fixed(f.cc(), 4)).append('\n');
        }
        return sb.toString();
    }

    /** dir/relative, refusing a relative path that would leave dir. */
    static Path safeChild(Path dir, String relative) {
        Path base = dir.toAbsolutePath().normalize();
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new IllegalArgumentException("dataset label '" + relative + "' would leave " + base);
        }
        return p;
    }

    static void write(Path file, String text) throws IOException {
        MergeListFiles.writeAtomically(file, text);
    }
}
