package org.mxflow.image;

/**
 * What a detector image (or an EIGER master file) says about the experiment.
 *
 * <p>Pixel coordinates follow XDS: the beam centre (ORGX, ORGY) is in pixels from the
 * corner of the first pixel, x fast, y slow. Angles are in degrees, lengths in mm,
 * the wavelength in Å, times in seconds.
 *
 * @param detector        detector model as the file names it (e.g. "PILATUS3 6M, S/N 60-0123")
 * @param width           pixels along the fast axis
 * @param height          pixels along the slow axis
 * @param pixelSizeXMm    pixel size along x in mm
 * @param pixelSizeYMm    pixel size along y in mm
 * @param wavelengthA     X-ray wavelength in Å
 * @param distanceMm      crystal-to-detector distance in mm
 * @param beamXPx         direct-beam position along x in pixels (XDS ORGX)
 * @param beamYPx         direct-beam position along y in pixels (XDS ORGY)
 * @param oscStartDeg     rotation angle at the start of the first frame this header describes
 * @param oscWidthDeg     rotation per frame; 0 for stills and raster-scan frames
 * @param exposureS       exposure (count) time per frame
 * @param countCutoff     the highest trusted count; pixels at or above it are overloaded
 * @param frameCount      frames this source holds (1 for one CBF file)
 */
public record ImageHeader(
        String detector,
        int width,
        int height,
        double pixelSizeXMm,
        double pixelSizeYMm,
        double wavelengthA,
        double distanceMm,
        double beamXPx,
        double beamYPx,
        double oscStartDeg,
        double oscWidthDeg,
        double exposureS,
        long countCutoff,
        int frameCount) {
}
