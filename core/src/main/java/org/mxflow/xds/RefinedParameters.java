package org.mxflow.xds;

import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * The block "REFINEMENT OF DIFFRACTION PARAMETERS USING ALL IMAGES" of CORRECT.LP
 * (the same layout as in IDXREF.LP and INTEGRATE.LP).
 *
 * @param indexedSpots          spots the refinement used
 * @param refinedParameters     parameter groups refined (AXIS, BEAM, ORIENTATION, CELL, POSITION...)
 * @param spotPositionSdPx      standard deviation of spot positions in pixels
 * @param spindlePositionSdDeg  standard deviation of spindle positions in degrees
 * @param spaceGroupNumber      space group number
 * @param cell                  refined unit cell
 * @param cellEsd               e.s.d.s of a, b, c (Å) and α, β, γ (°)
 * @param mosaicityDeg          crystal mosaicity in degrees
 * @param directBeamXPx         detector x of the direct beam in pixels
 * @param directBeamYPx         detector y of the direct beam in pixels
 * @param originXPx             detector origin x (ORGX) in pixels
 * @param originYPx             detector origin y (ORGY) in pixels
 * @param distanceMm            crystal to detector distance in mm
 */
public record RefinedParameters(
        int indexedSpots,
        List<String> refinedParameters,
        double spotPositionSdPx,
        double spindlePositionSdDeg,
        int spaceGroupNumber,
        UnitCell cell,
        CellEsd cellEsd,
        double mosaicityDeg,
        double directBeamXPx,
        double directBeamYPx,
        double originXPx,
        double originYPx,
        double distanceMm) {

    public RefinedParameters {
        refinedParameters = List.copyOf(refinedParameters);
    }

    /** Estimated standard deviations of the six cell parameters, Å and degrees. */
    public record CellEsd(double a, double b, double c, double alpha, double beta, double gamma) {}
}
