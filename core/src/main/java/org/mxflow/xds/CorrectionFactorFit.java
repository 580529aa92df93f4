package org.mxflow.xds;

/**
 * Summary of one scaling-correction fit of CORRECT (decay per image and resolution, modulation
 * over the detector, absorption per image and detector position). Recent XDS versions write the
 * factors themselves only to the named .cbf file, not to CORRECT.LP.
 *
 * @param title           the block title, e.g. "CORRECTION FACTORS AS FUNCTION OF IMAGE NUMBER &amp; RESOLUTION"
 * @param viewerFile      the XDS-Viewer file holding the factors (DECAY.cbf, MODPIX.cbf, ABSORP.cbf)
 * @param factorCount     correction factors defined
 * @param chiSquared      χ² value of the fit
 * @param cycles          refinement cycles carried out
 * @param reflectionsUsed reflections used to determine the factors
 */
public record CorrectionFactorFit(
        String title, String viewerFile, int factorCount, double chiSquared, int cycles, long reflectionsUsed) {}
