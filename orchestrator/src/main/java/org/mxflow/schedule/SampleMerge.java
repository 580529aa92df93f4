package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.TriclinicCell;
import org.mxflow.merge.AutoMultiMerge;
import org.mxflow.merge.KamoFormat;
import org.mxflow.merge.MergePreparation;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.merge.MultiMerge;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.xds.LatticeCharacterTable;

/**
 * One sample's merge in one tree with one clustering (blend or cc): KAMO's auto_multi_merge
 * ({@link AutoMultiMerge}: cell filter, indexing ambiguity, clustering, run_01..03 per cluster,
 * CC½ resolution passes) over the finished units' reflection files, into the plan's
 * {@code <tree>/merge_<blend|cc>_<d>S_<sample>/}. The merge is written in a hidden sibling
 * directory and renamed into place, so readers never see half a merge.
 *
 * <p>Each unit contributes {@code XDS_ASCII.HKL_noscale} as KAMO does, but only when its header is
 * in the same space group as the unit's {@code XDS_ASCII.HKL}: the native engine writes
 * {@code _noscale} in P1 of its own indexing, and merging in P1 would lose the symmetry; then
 * (and when {@code _noscale} is missing) the unit's {@code XDS_ASCII.HKL} is used.
 */
public final class SampleMerge {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SampleMerge.class);

    /**
     * What a merge produced.
     *
     * @param directory   the installed merge directory
     * @param outcome     AutoMultiMerge's outcome, its paths rebased onto {@code directory}
     * @param inputs      the reflection file used per unit directory
     * @param leftOut     unit directory → why it was not used
     * @param summary     one line for the catalog and the log
     */
    public record Result(Path directory, AutoMultiMerge.Outcome outcome, Map<String, Path> inputs, Map<String, String> leftOut,
                         String summary) {
    }

    private SampleMerge() {
    }

    /**
     * @param root        the beamtime root
     * @param mergeDir    the plan's merge directory relative to root ({@code _kamoproc/merge_blend_2.5S_lys})
     * @param clustering  blend or cc
     * @param sampleName  the sheet's sample name
     * @param dStartA     the plan's start resolution (Å)
     * @param unitDirs    the finished units' working directories relative to root
     */
    public static Result merge(Path root, String mergeDir, String clustering, String sampleName, double dStartA,
                               List<String> unitDirs) throws IOException {
        return merge(root, mergeDir, clustering, sampleName, dStartA, unitDirs, null);
    }

    /**
     * As {@link #merge(Path, String, String, String, double, List)}, with the sample sheet's space group:
     * when given it is the merge's and the output's symmetry as written (KAMO: "A user space_group
     * overrides"): no vote, no decision from the data, no screw-axis decision per run; datasets it
     * cannot hold by relabelling are left out with the reason.
     *
     * @param sheetSpaceGroup the sheet's space group for the sample's units, or null
     */
    public static Result merge(Path root, String mergeDir, String clustering, String sampleName, double dStartA,
                               List<String> unitDirs, SpaceGroup sheetSpaceGroup) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        Path dir = top.resolve(mergeDir).normalize();
        if (!dir.startsWith(top) || dir.equals(top)) {
            throw new IOException("merge directory '" + mergeDir + "' is outside " + root);
        }
        MergeDirectoryNames.Clustering method = switch (clustering) {
            case "blend" -> MergeDirectoryNames.Clustering.BLEND;
            case "cc" -> MergeDirectoryNames.Clustering.CC;
            default -> throw new IOException("merge " + mergeDir + ": unknown clustering '" + clustering + "'");
        };
        String expected = MergeDirectoryNames.sampleDirectoryName(method, dStartA, sampleName);
        if (!dir.getFileName().toString().equals(expected)) {
            throw new IOException("merge directory '" + mergeDir + "' does not match AutoMultiMerge's name " + expected);
        }
        Map<String, Path> used = new TreeMap<>();
        Map<String, String> leftOut = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        for (String u : unitDirs) {
            Path work = top.resolve(u);
            Path hkl = work.resolve("XDS_ASCII.HKL");
            Path noscale = work.resolve("XDS_ASCII.HKL_noscale");
            if (!Files.isRegularFile(hkl) && !Files.isRegularFile(noscale)) {
                leftOut.put(u, "no XDS_ASCII.HKL_noscale or XDS_ASCII.HKL");
                continue;
            }
            XdsAsciiFile chosen = null;
            Path chosenPath = null;
            XdsAsciiFile symmetrised = Files.isRegularFile(hkl) ? XdsAsciiReader.read(hkl) : null;
            if (Files.isRegularFile(noscale)) {
                XdsAsciiFile ns = XdsAsciiReader.read(noscale);
                if (symmetrised == null || ns.header().spaceGroupNumber() == symmetrised.header().spaceGroupNumber()) {
                    chosen = ns;
                    chosenPath = noscale;
                }
            }
            if (chosen == null) {
                chosen = symmetrised;
                chosenPath = hkl;
            }
            if (chosen.header().merged() || chosen.header().unitCell() == null) {
                leftOut.put(u, chosenPath.getFileName() + " is merged or has no cell");
                continue;
            }
            files.add(chosenPath);
            data.add(chosen);
            used.put(u, chosenPath);
        }
        if (files.isEmpty()) {
            throw new IOException(unitDirs.size() + " finished datasets, none with a usable reflection file " + leftOut);
        }
        MergePreparation.Result prepared = prepare(files, data, used, leftOut, top, sheetSpaceGroup);
        if (prepared.kept().isEmpty()) {
            throw new IOException(unitDirs.size() + " finished datasets, none can be merged"
                    + (sheetSpaceGroup != null ? " in the sheet's space group " + sheetSpaceGroup.hermannMauguin() : "") + " " + leftOut);
        }
        long relabelled = prepared.relabelledCount(), reindexed = prepared.reindexedCount();
        // AutoMultiMerge names the sample directory under its output root; a hidden sibling root keeps
        // the half-written merge out of sight, then the directory is renamed into place.
        Path scratch = dir.resolveSibling("." + dir.getFileName() + ".mxflow-merge");
        WorkDirectories.deleteTree(scratch);
        Files.createDirectories(scratch);
        AutoMultiMerge.Outcome out;
        try {
            ClusterChoice.Thresholds thresholds = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 8);
            out = new AutoMultiMerge(new AutoMultiMerge.Settings(method, dStartA, null, thresholds, 1, Scaler.Settings.defaults(), true,
                    sheetSpaceGroup))
                    .run(sampleName, prepared, scratch);
            Path staging = WorkDirectories.prepare(dir);
            Files.delete(staging);
            Files.move(out.sampleDirectory(), staging);
            // The lists name reindexed copies by where they were written; they are read where they are installed.
            repointLists(staging, out.sampleDirectory(), dir);
            WorkDirectories.install(dir);
        } catch (RuntimeException e) {
            WorkDirectories.discard(dir);
            throw new IOException("merging " + prepared.kept().size() + " datasets: " + e.getMessage(), e);
        } finally {
            WorkDirectories.deleteTree(scratch);
        }
        AutoMultiMerge.Outcome rebased = rebase(out, out.sampleDirectory(), dir);
        String summary = summary(rebased, unitDirs.size(), used.size());
        if (sheetSpaceGroup != null) {
            summary += "; space group " + sheetSpaceGroup.hermannMauguin() + " from the sample sheet";
        }
        if (relabelled > 0) {
            summary += "; " + relabelled + " dataset(s) relabelled to " + prepared.symmetry().hermannMauguin()
                    + " (same lattice; other screw axes or a subgroup the wedge could not rule out)";
        }
        if (reindexed > 0) {
            summary += "; " + reindexed + " dataset(s) reindexed to the reference setting of " + prepared.symmetry().hermannMauguin()
                    + " (prep_merge.log)";
        }
        return new Result(dir, rebased, used, leftOut, summary);
    }

    /**
     * KAMO's merge preparation (kamo-conventions 4.3–4.4, {@link MergePreparation}) of the readable
     * datasets: the P1 cell of each is the all-obtuse aP row of the CORRECT.LP_noscale (else
     * CORRECT.LP) beside its reflection file, else its header cell reduced; group 1 of the cell graph is
     * kept; each member is kept unchanged, relabelled or reindexed to the reference setting, or left out
     * with the reason (moved from {@code used} to {@code leftOut}, keyed by unit directory).
     *
     * @param sheet the sheet's (user's) space group, or null: then the labels' vote and the data decide
     */
    public static MergePreparation.Result prepare(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used,
                                                  Map<String, String> leftOut, Path top, SpaceGroup sheet) {
        List<MergePreparation.Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) datasets.add(new MergePreparation.Dataset(files.get(i), data.get(i), p1CellBeside(files.get(i))));
        MergePreparation.Result r = MergePreparation.prepare(datasets, sheet);
        for (MergePreparation.Left l : r.left()) {
            String unit = top.relativize(l.file().getParent()).toString().replace('\\', '/');
            used.remove(unit);
            leftOut.put(unit, l.reason());
        }
        LOG.info("merge preparation: {}; {} of {} datasets kept, {} reindexed", r.log().get(0), r.kept().size(), files.size(),
                r.reindexedCount());
        return r;
    }

    /**
     * The all-obtuse aP cell of the CORRECT.LP_noscale or CORRECT.LP next to a reflection file (kamo-conventions
     * 4.3.2), or null when neither is there or has the table (the header cell then stands in). A table
     * that does not read is logged and ignored: the header still describes the dataset.
     */
    public static UnitCell p1CellBeside(Path reflectionFile) {
        Path dir = reflectionFile.toAbsolutePath().getParent();
        if (dir == null) return null;
        for (String name : List.of("CORRECT.LP_noscale", "CORRECT.LP")) {
            Path lp = dir.resolve(name);
            if (!Files.isRegularFile(lp)) continue;
            try {
                var row = LatticeCharacterTable.read(lp).flatMap(LatticeCharacterTable::firstTriclinic);
                if (row.isPresent()) return TriclinicCell.allObtuse(row.get().cell());
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("{}: lattice-character table not read ({}); the header cell stands in", lp, e.getMessage());
            }
        }
        return null;
    }

    /**
     * The preparation applied to the lists in place (the form the tests and {@code mxflow merge}
     * without a directory use): {@code files}/{@code data} keep the merged datasets in the reference
     * setting with the merge's label; the others move to {@code leftOut}. Returns how many were
     * relabelled without reindexing.
     */
    public static int commonSpaceGroup(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used, Map<String, String> leftOut,
                                       Path top) {
        return applyInPlace(prepare(files, data, used, leftOut, top, null), files, data);
    }

    /** As {@link #commonSpaceGroup} with the sheet's space group as the merge's symmetry. */
    public static int sheetSymmetry(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used, Map<String, String> leftOut,
                                    Path top, SpaceGroup sheet) {
        return applyInPlace(prepare(files, data, used, leftOut, top, sheet), files, data);
    }

    private static int applyInPlace(MergePreparation.Result r, List<Path> files, List<XdsAsciiFile> data) {
        files.clear();
        data.clear();
        for (MergePreparation.Kept k : r.kept()) {
            files.add(k.file());
            data.add(k.data());
        }
        return (int) r.relabelledCount();
    }

    /**
     * Replaces the merge's scratch path by its installed path in the small text files that list inputs
     * (formerge.lst, cells.dat, excluded.lst, the _reindexed lists, prep_merge.log, filenames.lst,
     * xds_lookup_table.txt …) under {@code tree}.
     */
    static void repointLists(Path tree, Path written, Path installed) throws IOException {
        String from = written.toString(), to = installed.toString();
        List<Path> texts;
        try (var walk = Files.walk(tree)) {
            texts = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".lst") || n.endsWith(".dat") || n.endsWith(".log") || n.endsWith(".txt");
            }).toList();
        }
        for (Path p : texts) {
            if (Files.size(p) > 8_000_000) continue;
            String t = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.contains(from)) Files.writeString(p, t.replace(from, to), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** The outcome with every pass directory moved from {@code from} to {@code to}. */
    static AutoMultiMerge.Outcome rebase(AutoMultiMerge.Outcome o, Path from, Path to) {
        List<AutoMultiMerge.Pass> passes = new ArrayList<>();
        for (AutoMultiMerge.Pass p : o.passes()) {
            Path d = p.directory().startsWith(from) ? to.resolve(from.relativize(p.directory())) : p.directory();
            passes.add(p.movedTo(d));
        }
        List<AutoMultiMerge.Input> inputs = new ArrayList<>();
        for (AutoMultiMerge.Input in : o.inputs()) {
            Path f = in.file().startsWith(from) ? to.resolve(from.relativize(in.file())) : in.file();
            inputs.add(new AutoMultiMerge.Input(f, in.label(), in.data()));
        }
        return new AutoMultiMerge.Outcome(to, inputs, passes, o.reindexing());
    }

    /** "blend_2.31A_final: 2 cluster(s); cluster_0001 run_03 4 datasets, Cmpl 99.1%, ..." */
    static String summary(AutoMultiMerge.Outcome o, int finished, int readable) {
        StringBuilder sb = new StringBuilder();
        sb.append(readable).append(" of ").append(finished).append(" datasets read, ").append(o.inputs().size())
                .append(" kept by the cell filter");
        if (o.passes().isEmpty()) {
            return sb.append("; nothing merged (too few datasets)").toString();
        }
        AutoMultiMerge.Pass last = o.passes().get(o.passes().size() - 1);
        sb.append("; ").append(last.directory().getFileName()).append(": ").append(last.clusterNumbers().size()).append(" cluster(s)");
        if (!last.notMerged().isEmpty()) {
            sb.append(" (").append(last.notMerged()).append(')');
        }
        for (int k = 0; k < last.outcomes().size(); k++) {
            MultiMerge.Outcome c = last.outcomes().get(k);
            if (c == null) {
                sb.append(String.format(Locale.ROOT, "; cluster_%04d failed", last.clusterNumbers().get(k)));
                continue;
            }
            ShellStatistics t = c.finalRun().statistics().total();
            sb.append(String.format(Locale.ROOT, "; cluster_%04d run_%02d: %d datasets, Cmpl %s%%, Redun %s, CC1/2 %s%%, I/sigma %s",
                    last.clusterNumbers().get(k), c.finalRun().number(), c.finalRun().members().size(),
                    KamoFormat.fixed(t.completenessPct(), 1), KamoFormat.fixed(t.multiplicity(), 1),
                    KamoFormat.fixed(t.ccHalfPct(), 1), KamoFormat.fixed(t.iOverSigma(), 1)));
        }
        return sb.toString();
    }
}
