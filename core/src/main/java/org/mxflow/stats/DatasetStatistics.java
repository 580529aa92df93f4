package org.mxflow.stats;

import org.mxflow.cell.UnitCell;

/**
 * Summary of one processed data set: symmetry, cell, error model and merging statistics.
 * Produced by any engine (XDS CORRECT.LP today, mxflow's own correction and merging later).
 * Unknown numbers are NaN.
 *
 * @param spaceGroupNumber space group number (International Tables), 0 if unknown
 * @param cell             unit cell in Å and degrees; null if unknown
 * @param errorModel       error model and ISa; {@link ErrorModel#UNKNOWN} if none
 * @param mosaicityDeg     crystal mosaicity in degrees
 * @param wilsonBA2        Wilson B factor in Å²
 * @param merging          per-shell statistics of the data set
 */
public record DatasetStatistics(
        int spaceGroupNumber,
        UnitCell cell,
        ErrorModel errorModel,
        double mosaicityDeg,
        double wilsonBA2,
        MergingStatistics merging) {

    public DatasetStatistics {
        if (spaceGroupNumber < 0 || spaceGroupNumber > 230) {
            throw new IllegalArgumentException("space group number must be 1..230 (0 = unknown), got " + spaceGroupNumber);
        }
        if (errorModel == null) {
            errorModel = ErrorModel.UNKNOWN;
        }
        if (merging == null) {
            throw new IllegalArgumentException("dataset statistics need merging statistics");
        }
    }

    /** High-resolution limit of the data in Å. */
    public double dMinA() {
        return merging.dMinA();
    }
}
