package org.mxflow.scale;

import org.mxflow.reflection.MillerIndex;

/**
 * One unique reflection after merging scaled observations (inverse-variance weighted means,
 * σ propagated), with its Bijvoet halves kept apart for anomalous output.
 *
 * @param hkl          asymmetric-unit index
 * @param oneOverDSq   1/d² (Å⁻²)
 * @param centric      centric reflection (no I(−))
 * @param intensity    IMEAN, Friedel mates merged
 * @param sigma        SIGIMEAN
 * @param multiplicity accepted observations merged
 * @param iPlus        I(+) (NaN if unobserved)
 * @param sigmaPlus    SIGI(+)
 * @param iMinus       I(−) (NaN if unobserved or centric)
 * @param sigmaMinus   SIGI(−)
 */
public record MergedReflection(MillerIndex hkl, double oneOverDSq, boolean centric, double intensity, double sigma,
                               int multiplicity, double iPlus, double sigmaPlus, double iMinus, double sigmaMinus) {

    /** d-spacing in Å. */
    public double dA() {
        return 1 / Math.sqrt(oneOverDSq);
    }
}
