package org.mxflow.engine.nativeengine;

import java.nio.file.Path;
import org.mxflow.stats.DatasetStatistics;

/** What the native engine made of one dataset: done with statistics, or failed at a step with a readable reason. */
public sealed interface NativeOutcome {

    /** Outputs are in {@code workDir}; {@code resolutionCutA} is NaN when no cut was decided. */
    record Done(Path workDir, DatasetStatistics statistics, String spaceGroup, double resolutionCutA,
                int observations, String summary) implements NativeOutcome {}

    /** Step is one of spots, indexing, integration, correction, output. */
    record Failed(String step, String reason) implements NativeOutcome {}
}
