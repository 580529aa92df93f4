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
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.AutoMultiMerge;
import org.mxflow.merge.KamoFormat;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.merge.MultiMerge;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

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
        int relabelled = sheetSpaceGroup == null ? commonSpaceGroup(files, data, used, leftOut, top)
                : sheetSymmetry(files, data, used, leftOut, top, sheetSpaceGroup);
        if (files.isEmpty()) {
            throw new IOException(unitDirs.size() + " finished datasets, none can be merged in the sheet's space group "
                    + sheetSpaceGroup.hermannMauguin() + " " + leftOut);
        }
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
                    .run(sampleName, files, data, scratch);
            Path staging = WorkDirectories.prepare(dir);
            Files.delete(staging);
            Files.move(out.sampleDirectory(), staging);
            WorkDirectories.install(dir);
        } catch (RuntimeException e) {
            WorkDirectories.discard(dir);
            throw new IOException("merging " + files.size() + " datasets: " + e.getMessage(), e);
        } finally {
            WorkDirectories.deleteTree(scratch);
        }
        AutoMultiMerge.Outcome rebased = rebase(out, out.sampleDirectory(), dir);
        String summary = summary(rebased, unitDirs.size(), used.size());
        if (sheetSpaceGroup != null) {
            summary += "; space group " + sheetSpaceGroup.hermannMauguin() + " from the sample sheet";
        }
        if (relabelled > 0) {
            summary += "; " + relabelled + " dataset(s) relabelled to " + SpaceGroups.byNumber(data.get(0).header().spaceGroupNumber()).hermannMauguin()
                    + " (same lattice; other screw axes or a subgroup the wedge could not rule out)";
        }
        return new Result(dir, rebased, used, leftOut, summary);
    }

    /**
     * One space group for the merge. First the cell graph: only the largest group of similar cells
     * is kept ({@link #keepCellGroupOne}). Then the datasets of the most frequent lattice and point group (ties:
     * the higher symmetry), all labelled with its most frequent space group (ties: the lower
     * number). Short wedges often disagree on screw axes (P422 / P4212 / P43212), which do not
     * change how intensities merge; datasets of another point group are left out with a reason.
     * Works on the in-memory copies only; the units' files are not touched. Returns how many
     * datasets were relabelled.
     */
    public static int commonSpaceGroup(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used, Map<String, String> leftOut,
                                Path top) {
        keepCellGroupOne(files, data, used, leftOut, top);
        Map<String, Integer> pgVotes = new TreeMap<>();
        Map<String, Integer> pgOrder = new TreeMap<>();
        for (XdsAsciiFile f : data) {
            SpaceGroup g = SpaceGroups.byNumber(f.header().spaceGroupNumber());
            pgVotes.merge(latticeAndPointGroup(g), 1, Integer::sum);
            pgOrder.merge(latticeAndPointGroup(g), g.pointGroup().ordinal(), Math::max);
        }
        // KAMO 4.3.5: the most frequent symmetry, but not P1 while another candidate has votes.
        String pg = pgVotes.entrySet().stream().filter(e -> pgVotes.size() == 1 || !e.getKey().equals("P 1"))
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> pgOrder.get(e.getKey()))).orElseThrow().getKey();
        Map<Integer, Integer> sgVotes = new TreeMap<>();
        for (XdsAsciiFile f : data) {
            if (latticeAndPointGroup(SpaceGroups.byNumber(f.header().spaceGroupNumber())).equals(pg)) {
                sgVotes.merge(f.header().spaceGroupNumber(), 1, Integer::sum);
            }
        }
        int sg = sgVotes.entrySet().stream().max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> -e.getKey())).orElseThrow().getKey();
        sg = decideWhenLabelsDisagree(data, sg);
        int relabelled = 0;
        for (int i = data.size() - 1; i >= 0; i--) {
            XdsAsciiFile f = data.get(i);
            int n = f.header().spaceGroupNumber();
            if (n == sg) {
                continue;
            }
            if (!latticeAndPointGroup(SpaceGroups.byNumber(n)).equals(pg)
                    && !joinsHigherSymmetry(SpaceGroups.byNumber(n), SpaceGroups.byNumber(sg), f.header().unitCell())) {
                String unit = top.relativize(files.get(i).getParent()).toString().replace('\\', '/');
                used.remove(unit);
                leftOut.put(unit, "space group " + SpaceGroups.byNumber(n).hermannMauguin() + ", not point group " + pg + " of the others");
                files.remove(i);
                data.remove(i);
                continue;
            }
            data.set(i, new XdsAsciiFile(f.header().withSpaceGroup(sg, f.header().unitCell()), f.observations()));
            relabelled++;
        }
        return relabelled;
    }

    /**
     * The sheet's space group for all: the cell graph's group 1 is kept as without a sheet, then every
     * dataset {@link AutoMultiMerge#mergesUnder} the sheet's group is relabelled to it and the others are
     * left out with their label. Returns how many were relabelled.
     */
    public static int sheetSymmetry(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used, Map<String, String> leftOut,
                             Path top, SpaceGroup sheet) {
        keepCellGroupOne(files, data, used, leftOut, top);
        int relabelled = 0;
        for (int i = data.size() - 1; i >= 0; i--) {
            XdsAsciiFile f = data.get(i);
            int n = f.header().spaceGroupNumber();
            if (n == sheet.number()) {
                continue;
            }
            if (n < 1 || !AutoMultiMerge.mergesUnder(SpaceGroups.byNumber(n), sheet, f.header().unitCell())) {
                String unit = top.relativize(files.get(i).getParent()).toString().replace('\\', '/');
                used.remove(unit);
                leftOut.put(unit, "space group " + (n < 1 ? "?" : SpaceGroups.byNumber(n).hermannMauguin())
                        + " cannot be merged in the sheet's " + sheet.hermannMauguin());
                files.remove(i);
                data.remove(i);
                continue;
            }
            data.set(i, new XdsAsciiFile(f.header().withSpaceGroup(sheet.number(), f.header().unitCell()), f.observations()));
            relabelled++;
        }
        return relabelled;
    }

    /**
     * KAMO's cell graph (kamo-conventions 4.3.3, org.mxflow.cluster.CellGraph): datasets whose cells
     * agree within 10 % / 5°, directly or after a change of basis, form a group; only group 1 (the
     * largest) is merged, the others are left out with their group's cell.
     */
    static void keepCellGroupOne(List<Path> files, List<XdsAsciiFile> data, Map<String, Path> used, Map<String, String> leftOut,
                                 Path top) {
        List<org.mxflow.cell.UnitCell> cells = data.stream().map(f -> f.header().unitCell()).toList();
        List<List<Integer>> groups = org.mxflow.cluster.CellGraph.groups(cells);
        if (groups.size() < 2) {
            return;
        }
        List<Integer> one = groups.get(0);
        String cellOne = cells.get(one.get(0)).format();
        java.util.Set<Integer> drop = new java.util.TreeSet<>();
        for (int g = 1; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
                drop.add(i);
                String unit = top.relativize(files.get(i).getParent()).toString().replace('\\', '/');
                used.remove(unit);
                leftOut.put(unit, String.format(Locale.ROOT, "cell group %d of %d (%d datasets, cell %s), not group 1 (%d datasets, cell %s)",
                        g + 1, groups.size(), groups.get(g).size(), cells.get(i).format(), one.size(), cellOne));
            }
        }
        LOG.info("cell graph: {} groups of {} datasets; merging group 1 ({} datasets, cell {})", groups.size(), cells.size(), one.size(), cellOne);
        for (int i = data.size() - 1; i >= 0; i--) {
            if (drop.contains(i)) {
                files.remove(i);
                data.remove(i);
            }
        }
    }

    /**
     * When the wedges' labels differ, the data decide (POINTLESS-like, org.mxflow.pointgroup): element
     * CCs over the highest-symmetry label of the consensus lattice, then screw axes from axial
     * reflections. Wedges that all agree (or a sheet's space group applied to all) keep their label.
     */
    private static int decideWhenLabelsDisagree(List<XdsAsciiFile> data, int vote) {
        SpaceGroup consensus = SpaceGroups.byNumber(vote);
        SpaceGroup highest = consensus;
        boolean disagree = false;
        List<List<org.mxflow.reflection.Observation>> wedges = new ArrayList<>();
        List<org.mxflow.cell.UnitCell> cells = new ArrayList<>();
        for (XdsAsciiFile f : data) {
            SpaceGroup g = SpaceGroups.byNumber(f.header().spaceGroupNumber());
            disagree |= g.number() != vote;
            if (g.hermannMauguin().charAt(0) != consensus.hermannMauguin().charAt(0) || f.header().unitCell() == null
                    || !f.header().unitCell().isCompatibleWith(consensus.latticeType())) {
                continue;
            }
            if (g.operations().order() > highest.operations().order()
                    && f.header().unitCell().isCompatibleWith(g.latticeType())) {
                highest = g;
            }
            wedges.add(f.observations());
            cells.add(f.header().unitCell());
        }
        if (!disagree || wedges.isEmpty()) {
            return vote;
        }
        try {
            var decision = org.mxflow.pointgroup.SpaceGroupDecision.decide(wedges, org.mxflow.merge.MultiMerge.meanCell(cells), highest);
            LOG.info("space group from the data ({} wedges with differing labels): {}", wedges.size(), decision.log());
            return decision.spaceGroup().number();
        } catch (IllegalArgumentException e) {
            LOG.warn("space group from the data failed ({}); keeping the majority label {}", e.getMessage(), consensus.hermannMauguin());
            return vote;
        }
    }

    /**
     * A dataset labelled with a lower point group joins the consensus when its cell already fits the
     * consensus lattice in the same setting: on a 10° wedge the engine may keep only a subgroup (too few
     * symmetry mates to judge the other operators), while the indices are those of the lattice's
     * conventional cell, so merging it under the higher group needs no reindexing.
     */
    private static boolean joinsHigherSymmetry(SpaceGroup own, SpaceGroup consensus, org.mxflow.cell.UnitCell cell) {
        return own.hermannMauguin().charAt(0) == consensus.hermannMauguin().charAt(0)
                && own.operations().order() < consensus.operations().order()
                && consensus.operations().order() % own.operations().order() == 0
                && cell != null && cell.isCompatibleWith(consensus.latticeType());
    }

    /** "P 422": the lattice letter and point group; relabelling never changes the centring. */
    private static String latticeAndPointGroup(SpaceGroup g) {
        return g.hermannMauguin().charAt(0) + " " + g.pointGroup().symbol();
    }

    /** The outcome with every pass directory moved from {@code from} to {@code to}. */
    static AutoMultiMerge.Outcome rebase(AutoMultiMerge.Outcome o, Path from, Path to) {
        List<AutoMultiMerge.Pass> passes = new ArrayList<>();
        for (AutoMultiMerge.Pass p : o.passes()) {
            Path d = p.directory().startsWith(from) ? to.resolve(from.relativize(p.directory())) : p.directory();
            passes.add(p.movedTo(d));
        }
        return new AutoMultiMerge.Outcome(to, o.inputs(), passes, o.reindexing());
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
