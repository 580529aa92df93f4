package org.mxflow.engine;

import java.nio.file.Path;

/**
 * Processes one unit in a working directory: the seam between scheduling and the science.
 * {@code native} is mxflow's own stages; XDS or DIALS adapters would plug in here with the same
 * outputs. An engine writes only inside {@code workDir} (a fresh staging directory the scheduler
 * renames into place on success) and never writes raw data. Failures are values, not exceptions.
 */
public interface Engine {

    /** A short name for logs and the catalog ("native"). */
    String name();

    /**
     * @param unit     what to process, with absolute paths to its images
     * @param workDir  an empty directory to write into
     * @param threads  threads this unit may use
     */
    ProcessingOutcome process(WorkUnit unit, Path workDir, int threads);
}
