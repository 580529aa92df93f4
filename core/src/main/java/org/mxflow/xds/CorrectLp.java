package org.mxflow.xds;

import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.DatasetStatistics;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;

/**
 * What mxflow reads from an XDS CORRECT.LP. Missing optional blocks are null (single values)
 * or empty (lists).
 *
 * @param xdsVersion          the version string of the XDS build ("Jan 31, 2020  BUILT=20200131")
 * @param wavelengthA         X-ray wavelength in Å
 * @param oscillationDeg      oscillation range per image in degrees
 * @param firstImage          first image of DATA_RANGE
 * @param lastImage           last image of DATA_RANGE
 * @param spaceGroupNumber    the selected space group number (last "SPACE_GROUP_NUMBER=" line)
 * @param cell                the selected unit cell (last "UNIT_CELL_CONSTANTS=" line)
 * @param refined             refined diffraction parameters; null if CORRECT did not refine
 * @param errorModel          a, b and ISa
 * @param errorTable          the standard-error table by resolution, without its all-data row
 * @param errorTableAllData   the standard-error table's all-data row; null if no table
 * @param statistics          the final statistics table (of the saved data set)
 * @param imageRanges         statistics for growing image ranges, in file order
 * @param wilson              the Wilson line; null if absent
 * @param correctionFactors   the scaling-correction fits, in file order
 */
public record CorrectLp(
        String xdsVersion,
        double wavelengthA,
        double oscillationDeg,
        int firstImage,
        int lastImage,
        int spaceGroupNumber,
        UnitCell cell,
        RefinedParameters refined,
        ErrorModel errorModel,
        List<ErrorModelShell> errorTable,
        ErrorModelShell errorTableAllData,
        MergingStatistics statistics,
        List<ImageRangeStatistics> imageRanges,
        WilsonLine wilson,
        List<CorrectionFactorFit> correctionFactors) {

    public CorrectLp {
        errorTable = List.copyOf(errorTable);
        imageRanges = List.copyOf(imageRanges);
        correctionFactors = List.copyOf(correctionFactors);
    }

    /** The format-neutral summary the reports and the merging use. */
    public DatasetStatistics datasetStatistics() {
        return new DatasetStatistics(
                spaceGroupNumber,
                refined != null ? refined.cell() : cell,
                errorModel,
                refined != null ? refined.mosaicityDeg() : Double.NaN,
                wilson != null ? wilson.bA2() : Double.NaN,
                statistics);
    }

    /**
     * KAMO's "Resn" estimate from the standard-error table: walking from low to high
     * resolution, at the first shell with I/σ ≤ 1 return the d_min of the next shell (of all
     * data if it was the last); if no shell reaches I/σ ≤ 1, the d_min of the last shell; NaN
     * if all shells and the all-data row are below I/σ = 1 or there is no table.
     */
    public double kamoResolutionEstimateA() {
        if (errorTable.isEmpty()) {
            return Double.NaN;
        }
        boolean allBelowOne = errorTable.stream().allMatch(s -> s.iOverSigma() < 1)
                && (errorTableAllData == null || errorTableAllData.iOverSigma() < 1);
        if (allBelowOne) {
            return Double.NaN;
        }
        for (int i = 0; i < errorTable.size(); i++) {
            if (errorTable.get(i).iOverSigma() <= 1) {
                if (i + 1 < errorTable.size()) {
                    return errorTable.get(i + 1).dMinA();
                }
                return errorTableAllData != null ? errorTableAllData.dMinA() : errorTable.get(i).dMinA();
            }
        }
        return errorTable.get(errorTable.size() - 1).dMinA();
    }
}
