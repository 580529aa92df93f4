package org.mxflow.engine.nativeengine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mxflow.indexing.KnownSymmetry;
import org.mxflow.spots.Spot;

/**
 * What to process: a dataset (CBF frame, ?-template or EIGER master), the working directory for
 * the outputs, an optional frame range, threads, an optional prior cell and space group (sample
 * sheet / --cell --space-group; used as KAMO's defaults do, see {@link PriorCell}, and the space
 * group forced as known.force does), and optionally the strong spots already found.
 *
 * @param firstFrame first frame to use, or 0 for the first available
 * @param lastFrame  last frame to use, or 0 for the last available
 * @param spots      the sweep's strong spots when the caller has found them already (the orchestrator
 *                   writes SPOT.XDS first): they must come from {@code ParallelSpotFinding.rotation} with
 *                   {@code SpotFinderSettings.dialsDefaults()} on exactly the frames processed, which is
 *                   what the engine would find itself; empty: the engine finds them
 */
public record ProcessingRequest(Path dataset, Path workDir, int firstFrame, int lastFrame, int threads,
                                Optional<KnownSymmetry> known, Optional<String> spaceGroup, Optional<List<Spot>> spots) {
    public ProcessingRequest {
        if (threads < 1) throw new IllegalArgumentException("need at least one thread, got " + threads);
        spots = spots.map(List::copyOf);
    }

    /** A request whose spots the engine finds itself. */
    public ProcessingRequest(Path dataset, Path workDir, int firstFrame, int lastFrame, int threads,
                             Optional<KnownSymmetry> known, Optional<String> spaceGroup) {
        this(dataset, workDir, firstFrame, lastFrame, threads, known, spaceGroup, Optional.empty());
    }

    /** The same request with the strong spots already found. */
    public ProcessingRequest withSpots(List<Spot> found) {
        return new ProcessingRequest(dataset, workDir, firstFrame, lastFrame, threads, known, spaceGroup, Optional.of(found));
    }
}
