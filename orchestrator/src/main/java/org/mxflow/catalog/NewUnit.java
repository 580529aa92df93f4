package org.mxflow.catalog;

import org.mxflow.sheet.KnownSymmetry;

/**
 * A unit to register: what discovery and planning found. Registering is idempotent on {@code workDir}.
 *
 * @param kind        processing or hit map
 * @param tree        "_kamoproc" or "_kamo_30deg"
 * @param workDir     working directory relative to the root
 * @param source      image template or raster-scan directory, relative to the root
 * @param firstFrame  first frame
 * @param lastFrame   last frame
 * @param pinId       pin directory name
 * @param sampleName  merge key ("" without sheet row)
 * @param mode        collection mode word or null
 * @param datasetDir  image directory relative to the root (null for hit maps)
 * @param prefix      dataset prefix
 * @param format      "CBF" or "EIGER"
 * @param datasetFirst first frame of the whole dataset
 * @param datasetLast  last frame of the whole dataset
 * @param oscWidthDeg rotation per frame, NaN when unknown
 * @param priority    lower runs first
 * @param known       the space group (and cell) of the pin's sample-sheet row, or null
 * @param inSheet     true when the pin has a sample-sheet row: its {@code known} (even null) then replaces the
 *                    one recorded for a unit not yet done or running, so a corrected sheet reaches a rerun;
 *                    false (no sheet given, pin not in it) leaves the recorded one as it is
 */
public record NewUnit(UnitKind kind, String tree, String workDir, String source, int firstFrame, int lastFrame,
                      String pinId, String sampleName, String mode, String datasetDir, String prefix, String format,
                      int datasetFirst, int datasetLast, double oscWidthDeg, int priority, KnownSymmetry known, boolean inSheet) {

    /** A unit of a pin without a sample-sheet row. */
    public NewUnit(UnitKind kind, String tree, String workDir, String source, int firstFrame, int lastFrame,
                   String pinId, String sampleName, String mode, String datasetDir, String prefix, String format,
                   int datasetFirst, int datasetLast, double oscWidthDeg, int priority) {
        this(kind, tree, workDir, source, firstFrame, lastFrame, pinId, sampleName, mode, datasetDir, prefix, format,
                datasetFirst, datasetLast, oscWidthDeg, priority, null, false);
    }
}
