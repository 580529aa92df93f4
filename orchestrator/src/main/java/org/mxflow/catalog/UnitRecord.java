package org.mxflow.catalog;

import java.util.Optional;
import org.mxflow.sheet.KnownSymmetry;

/**
 * One processing unit as the catalog holds it: the queue entry and the record of its work.
 *
 * @param id          catalog id
 * @param kind        what is done: processing a rotation dataset or a raster-scan hit map
 * @param tree        "_kamoproc" or "_kamo_30deg"
 * @param workDir     the working directory relative to the root ({@code _kamoproc/<pin>/dataNN/<prefix>_<a>-<b>})
 * @param source      the image template ({@code ?} for frame digits) or the raster-scan directory, relative to the root
 * @param firstFrame  first frame processed
 * @param lastFrame   last frame processed
 * @param pinId       the pin directory name
 * @param sampleName  the merge key, "" when the pin is not in the sheet
 * @param priority    lower runs first
 * @param state       pending, running, done or failed
 * @param generation  1, raised by every rerun
 * @param attempts    attempts started in this generation that ended (interrupted attempts do not count)
 * @param elapsedS    wall time of the last finished attempt in seconds, or NaN
 * @param host        the host of the last attempt, or null
 * @param error       the failure message, or null
 * @param errorKind   "transient" or "deterministic", or null
 * @param resultJson  the engine's summary of the last success, or null
 * @param known       the sample sheet's space group (and cell) the unit is processed with, or null
 */
public record UnitRecord(long id, UnitKind kind, String tree, String workDir, String source, int firstFrame, int lastFrame,
                         String pinId, String sampleName, int priority, UnitState state, int generation, int attempts,
                         double elapsedS, String host, String error, String errorKind, String resultJson, KnownSymmetry known) {

    /** A unit without a known symmetry. */
    public UnitRecord(long id, UnitKind kind, String tree, String workDir, String source, int firstFrame, int lastFrame,
                      String pinId, String sampleName, int priority, UnitState state, int generation, int attempts,
                      double elapsedS, String host, String error, String errorKind, String resultJson) {
        this(id, kind, tree, workDir, source, firstFrame, lastFrame, pinId, sampleName, priority, state, generation, attempts,
                elapsedS, host, error, errorKind, resultJson, null);
    }

    public Optional<KnownSymmetry> knownSymmetry() {
        return Optional.ofNullable(known);
    }
}
