package org.mxflow.scale;

import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;

/**
 * One observation after scaling: corrected intensity and error-model σ, its asymmetric-unit
 * index and Bijvoet half, and whether the outlier test rejected it.
 *
 * @param dataset      0-based dataset number (XSCALE's ISET − 1)
 * @param original     the observation as read
 * @param asu          asymmetric-unit index (Friedel mates share it)
 * @param minus        true for the Friedel-flipped (I−) half of an acentric reflection
 * @param centric      true if the reflection is centric (no anomalous signal)
 * @param oneOverDSq   1/d² (Å⁻²)
 * @param intensity    I / g, g the fitted scale at this reflection and frame
 * @param sigma        error-model σ of the corrected intensity
 * @param rejected     misfit in the outlier test, or σ ≤ 0 on input
 */
public record ScaledObservation(int dataset, Observation original, MillerIndex asu, boolean minus, boolean centric,
                                double oneOverDSq, double intensity, double sigma, boolean rejected) {

    /** The 1-based frame number, ⌊ZD⌋ + 1 (KAMO's convention). */
    public int frame() {
        return (int) Math.floor(original.zdFrame()) + 1;
    }
}
