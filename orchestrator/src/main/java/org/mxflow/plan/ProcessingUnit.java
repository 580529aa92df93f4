package org.mxflow.plan;

import java.nio.file.Path;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.FrameRange;

/**
 * One piece of processing: a frame range of one dataset, processed in its own working directory.
 *
 * @param tree          _kamoproc (whole dataset) or _kamo_30deg (a wedge)
 * @param dataset       the dataset the frames come from
 * @param frames        the frames to process
 * @param sampleName    the merge key, "" when the pin is not in the sheet
 * @param workDirectory {@code <tree>/<pin>/dataNN/<prefix>_<first>-<last>}, relative to the root
 */
public record ProcessingUnit(ProcessingTree tree, Dataset dataset, FrameRange frames, String sampleName, Path workDirectory) {

    /** The working directory's own name: {@code <prefix>_<first>-<last>}, numbers unpadded (KAMO). */
    public static String directoryName(String prefix, FrameRange frames) {
        return prefix + "_" + frames.first() + "-" + frames.last();
    }
}
