package org.mxflow.simulate;

import org.mxflow.cell.UnitCell;

/**
 * One simulated crystal.
 *
 * @param id            name of the crystal in the beamtime (e.g. "MUL0001-01_multi_001")
 * @param group         label of the structure (isomorphous group) it belongs to
 * @param cell          its unit cell
 * @param spaceGroup    its space group
 * @param orientation   U: rotation taking the crystal Cartesian frame to the laboratory frame at φ = 0
 * @param mosaicityDeg  mosaic spread (e.s.d.) in degrees
 * @param scale         counts of an average reflection at zero resolution for unit Lorentz and polarisation
 * @param bFactorA2     overall (Wilson) B in Å², applied as exp(-B s²/4) to F with s = 1/d
 */
public record Crystal(String id, String group, UnitCell cell, SpaceGroupSetting spaceGroup, Matrix3 orientation,
                      double mosaicityDeg, double scale, double bFactorA2) {

    /**
     * B: the reciprocal basis in the crystal Cartesian frame, B = (O⁻¹)ᵀ with O the PDB/cctbx
     * orthogonalisation matrix, so B·h is the reciprocal vector of h (Å⁻¹), as cctbx and DIALS define it.
     */
    public Matrix3 reciprocalBasis() {
        return new Matrix3(cell.orthogonalization()).inverse().transpose();
    }

    /** A = U B: laboratory-frame reciprocal vector of h at φ = 0 is A·h (DIALS's crystal A matrix). */
    public Matrix3 orientedReciprocalBasis() {
        return orientation.times(reciprocalBasis());
    }

    /** Wilson temperature factor on the intensity at resolution d: exp(-B / (2 d²)). */
    public double temperatureFactorOnIntensity(double oneOverDSquared) {
        return Math.exp(-bFactorA2 * oneOverDSquared / 2.0);
    }
}
