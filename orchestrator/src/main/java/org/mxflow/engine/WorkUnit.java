package org.mxflow.engine;

import java.nio.file.Path;
import java.util.Optional;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.sheet.KnownSymmetry;

/**
 * What an engine needs to process one unit, rebuilt from the catalog so that a restarted process
 * can run a unit without re-planning it (the sheet's symmetry included: the catalog stores it).
 *
 * @param kind        rotation processing or raster hit map
 * @param source      the image template ({@code ?} for frame digits, or an EIGER {@code *_master.h5})
 *                    or the raster-scan directory, absolute
 * @param firstFrame  first frame
 * @param lastFrame   last frame
 * @param label       the working directory relative to the root, for messages
 * @param known       the space group (and cell) the pin's sample-sheet row gives, used as KAMO's
 *                    known.* are: prior cell for indexing, space group forced in correction
 */
public record WorkUnit(UnitKind kind, Path source, int firstFrame, int lastFrame, String label, Optional<KnownSymmetry> known) {

    /** A unit without a known symmetry. */
    public WorkUnit(UnitKind kind, Path source, int firstFrame, int lastFrame, String label) {
        this(kind, source, firstFrame, lastFrame, label, Optional.empty());
    }

    public static WorkUnit of(UnitRecord u, Path root) {
        return new WorkUnit(u.kind(), root.resolve(u.source()).normalize(), u.firstFrame(), u.lastFrame(), u.workDir(),
                u.knownSymmetry());
    }

    public int frameCount() {
        return lastFrame - firstFrame + 1;
    }
}
