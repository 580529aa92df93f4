package org.mxflow.report;

import java.nio.file.Path;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.stats.MergingStatistics;

/**
 * What a merge pass directory's report.html ({@code <method>_<d>A[_final]/report.html},
 * kamo-conventions 5.4) shows. Filled by the merging step; plain values only, NaN for unknown.
 *
 * @param directory   the pass directory the report is written into
 * @param sampleName  the sample (merge group) name
 * @param clustering  "BLEND" (cell-based) or "CC"
 * @param dMinA       resolution of this pass in Å
 * @param isFinal     whether this is the {@code _final} pass
 * @param symmetry    the Laue/space-group symmetry the files were merged in, e.g. "P 4 2 2"
 * @param inputs      the files of formerge.lst, numbered from 1
 * @param trees       the dendrograms to draw (the pass's own clustering first; its clusters link to their directories)
 * @param candidates  every cluster with its pre-merge estimate (the cluster summary table, 4.9)
 * @param merged      the merged clusters, in merge order, each described by its final run
 * @param notMerged   why no cluster was merged, with the thresholds and numbers (empty if clusters were merged or unknown)
 */
public record MergeReport(Path directory, String sampleName, String clustering, double dMinA, boolean isFinal,
                          String symmetry, List<InputFile> inputs, List<Tree> trees,
                          List<ClusterChoice.Candidate> candidates, List<MergedCluster> merged, String notMerged) {

    /** A report without a reason for an empty merge. */
    public MergeReport(Path directory, String sampleName, String clustering, double dMinA, boolean isFinal,
                       String symmetry, List<InputFile> inputs, List<Tree> trees,
                       List<ClusterChoice.Candidate> candidates, List<MergedCluster> merged) {
        this(directory, sampleName, clustering, dMinA, isFinal, symmetry, inputs, trees, candidates, merged, "");
    }

    public MergeReport {
        if (directory == null) {
            throw new IllegalArgumentException("a merge report needs its directory");
        }
        inputs = List.copyOf(inputs);
        trees = List.copyOf(trees);
        candidates = List.copyOf(candidates);
        merged = List.copyOf(merged);
        notMerged = notMerged == null ? "" : notMerged;
    }

    /**
     * One input file.
     *
     * @param number 1-based number in formerge.lst (the dendrogram's leaf label)
     * @param file   the reflection file
     * @param cell   its cell
     */
    public record InputFile(int number, Path file, UnitCell cell) {}

    /**
     * One dendrogram.
     *
     * @param title        e.g. "Cell-based clustering (BLEND-style)"
     * @param dendrogram   the tree
     * @param leafInputs   for each leaf (0-based item), the 1-based input number it stands for
     *                     (CC clustering may leave some inputs out)
     * @param heightLabel  what the heights measure
     * @param linksClusters whether merged clusters link to their cluster_NNNN/ directories
     */
    public record Tree(String title, Dendrogram dendrogram, List<Integer> leafInputs, String heightLabel, boolean linksClusters) {
        public Tree {
            leafInputs = List.copyOf(leafInputs);
            if (leafInputs.size() != dendrogram.leafCount()) {
                throw new IllegalArgumentException("dendrogram '" + title + "' has " + dendrogram.leafCount() + " leaves but "
                        + leafInputs.size() + " input numbers");
            }
        }
    }

    /**
     * One merged cluster, described by its final run.
     *
     * @param clusterNumber  dendrogram cluster number
     * @param height         cluster height ClH
     * @param lcvPercent     LCV of the final run's input cells, %
     * @param aLcvA          aLCV, Å
     * @param datasetsAll    cluster size
     * @param finalRun       number of the final run (1–3)
     * @param datasetsUsed   datasets scaled in the final run
     * @param spaceGroup     space group of the merged data
     * @param cell           cell of the merged data
     * @param statistics     final run's shell table (total, shells; inner = first, outer = last)
     * @param wilsonBA2      Wilson B in Å²
     * @param anisoBestA     best per-direction CC½ = 0.5 resolution in Å
     * @param anisoWorstA    worst per-direction CC½ = 0.5 resolution in Å
     * @param dMinEstimateA  curve-fit CC½ = 0.5 estimate in Å
     * @param removals       what run_01/run_02 analyses took out, and why
     * @param outputs        files the merge wrote that the report links (xscale.hkl, MTZ, logs); must exist
     */
    public record MergedCluster(int clusterNumber, double height, double lcvPercent, double aLcvA, int datasetsAll,
                                int finalRun, int datasetsUsed, String spaceGroup, UnitCell cell, MergingStatistics statistics,
                                double wilsonBA2, double anisoBestA, double anisoWorstA, double dMinEstimateA,
                                List<Removal> removals, List<Path> outputs) {
        public MergedCluster {
            removals = removals == null ? List.of() : List.copyOf(removals);
            outputs = outputs == null ? List.of() : List.copyOf(outputs);
        }
    }

    /**
     * Frames or a whole dataset taken out of a cluster.
     *
     * @param afterRun the run whose analysis decided it (1: frame CC, 2: dataset statistics)
     * @param dataset  the input file
     * @param frames   the frames removed; empty when the whole dataset was removed
     * @param reason   KAMO's reason code: framecc, allbadframe, bad_em.b, bad_B, bad_em.ab, bad_R,
     *                 bad_pwcc, no_common_refls, useless (any other text is shown as given)
     * @param detail   the number behind it, e.g. "frame CC 0.41 < cutoff 0.63" or "b = 0.012 > fence 0.008"; may be null
     */
    public record Removal(int afterRun, Path dataset, List<Integer> frames, String reason, String detail) {
        public Removal {
            frames = frames == null ? List.of() : List.copyOf(frames);
        }
    }
}
