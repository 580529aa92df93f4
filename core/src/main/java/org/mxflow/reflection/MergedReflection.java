package org.mxflow.reflection;

/**
 * One unique reflection after merging its symmetry-equivalent observations: the
 * inverse-variance weighted mean over all observations and, separately, over the Bijvoet
 * parities I(+) (observed as hkl or a symmetry mate) and I(−) (observed as −hkl or a mate).
 * Values not measured are NaN; centric reflections have only I(+) (their I(−) is NaN).
 *
 * @param hkl          index in the reciprocal asymmetric unit (CCP4 convention)
 * @param iMean        merged intensity of all observations
 * @param sigIMean     its σ, 1/√(Σ 1/σᵢ²)
 * @param multiplicity number of observations merged
 * @param iPlus        merged I(+)
 * @param sigIPlus     σ of I(+)
 * @param nPlus        observations of I(+)
 * @param iMinus       merged I(−)
 * @param sigIMinus    σ of I(−)
 * @param nMinus       observations of I(−)
 * @param centric      true for centric reflections (no anomalous difference)
 */
public record MergedReflection(MillerIndex hkl, double iMean, double sigIMean, int multiplicity, double iPlus,
                               double sigIPlus, int nPlus, double iMinus, double sigIMinus, int nMinus, boolean centric) {

    /** A reflection with one intensity and no anomalous information (both parities merged). */
    public static MergedReflection of(MillerIndex hkl, double i, double sigma, int multiplicity) {
        return new MergedReflection(hkl, i, sigma, multiplicity, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, 0, false);
    }
}
