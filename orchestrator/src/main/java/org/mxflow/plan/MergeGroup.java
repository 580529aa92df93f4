package org.mxflow.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * The datasets of one sample merged together in one tree with one clustering method
 * (kamo-conventions §4.2: {@code merge_<blend|cc>_<d_start>S_<sample>}).
 *
 * @param tree        which processing tree's units are merged
 * @param clustering  "blend" (cell-based) or "cc" (correlation-based); SPring-8 runs both
 * @param sampleName  the sample name from the sheet
 * @param dStartA     the half-corner starting resolution in Å (§4.7)
 * @param directory   the merge directory relative to the root
 * @param units       the processing units merged
 */
public record MergeGroup(ProcessingTree tree, String clustering, String sampleName, double dStartA, Path directory,
                         List<ProcessingUnit> units) {
}
