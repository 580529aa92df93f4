package org.mxflow.engine.nativeengine;

import java.nio.file.Path;
import java.util.Optional;
import org.mxflow.indexing.KnownSymmetry;

/**
 * What to process: a dataset (CBF frame, ?-template or EIGER master), the working directory for
 * the outputs, an optional frame range, threads, and an optional prior cell and space group
 * (sample sheet / --cell --space-group), which is then forced as KAMO's known.force does.
 *
 * @param firstFrame first frame to use, or 0 for the first available
 * @param lastFrame  last frame to use, or 0 for the last available
 */
public record ProcessingRequest(Path dataset, Path workDir, int firstFrame, int lastFrame, int threads,
                                Optional<KnownSymmetry> known, Optional<String> spaceGroup) {
    public ProcessingRequest {
        if (threads < 1) throw new IllegalArgumentException("need at least one thread, got " + threads);
    }
}
