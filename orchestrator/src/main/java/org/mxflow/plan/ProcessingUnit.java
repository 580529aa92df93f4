package org.mxflow.plan;

import java.nio.file.Path;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.FrameRange;
import org.mxflow.sheet.KnownSymmetry;

/**
 * One piece of processing: a frame range of one dataset, processed in its own working directory.
 *
 * @param tree          _kamoproc (whole dataset) or _kamo_30deg (a wedge)
 * @param dataset       the dataset the frames come from
 * @param frames        the frames to process
 * @param sampleName    the merge key, "" when the pin is not in the sheet
 * @param workDirectory {@code <tree>/<pin>/dataNN/<prefix>_<first>-<last>}, relative to the root
 * @param known         the space group (and cell) the pin's sheet row gives, or null: every unit of the pin,
 *                      both trees, is processed with it (KAMO's known.*)
 */
public record ProcessingUnit(ProcessingTree tree, Dataset dataset, FrameRange frames, String sampleName, Path workDirectory,
                             KnownSymmetry known) {

    /** A unit without a known symmetry. */
    public ProcessingUnit(ProcessingTree tree, Dataset dataset, FrameRange frames, String sampleName, Path workDirectory) {
        this(tree, dataset, frames, sampleName, workDirectory, null);
    }

    public java.util.Optional<KnownSymmetry> knownSymmetry() {
        return java.util.Optional.ofNullable(known);
    }

    /** The working directory's own name: {@code <prefix>_<first>-<last>}, numbers unpadded (KAMO). */
    public static String directoryName(String prefix, FrameRange frames) {
        return prefix + "_" + frames.first() + "-" + frames.last();
    }
}
