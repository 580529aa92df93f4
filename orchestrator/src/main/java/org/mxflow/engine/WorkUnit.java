package org.mxflow.engine;

import java.nio.file.Path;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;

/**
 * What an engine needs to process one unit, rebuilt from the catalog so that a restarted process
 * can run a unit without re-planning it.
 *
 * @param kind        rotation processing or raster hit map
 * @param source      the image template ({@code ?} for frame digits, or an EIGER {@code *_master.h5})
 *                    or the raster-scan directory, absolute
 * @param firstFrame  first frame
 * @param lastFrame   last frame
 * @param label       the working directory relative to the root, for messages
 */
public record WorkUnit(UnitKind kind, Path source, int firstFrame, int lastFrame, String label) {

    public static WorkUnit of(UnitRecord u, Path root) {
        return new WorkUnit(u.kind(), root.resolve(u.source()).normalize(), u.firstFrame(), u.lastFrame(), u.workDir());
    }

    public int frameCount() {
        return lastFrame - firstFrame + 1;
    }
}
