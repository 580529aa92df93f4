package org.mxflow.scale;

import org.mxflow.stats.ErrorModel;

/**
 * The fitted correction of one dataset, in XSCALE's terms: intensities are divided by
 * {@code g = k · exp(−B/(2d²)) · f(frame)}, with {@code f} a smooth (piecewise-linear in log)
 * frame term whose geometric mean over the knots is 1.
 *
 * @param k          overall scale factor K relative to the reference dataset
 * @param bA2        relative B (Å²) against the reference; larger B = faster fall-off
 * @param knotFrames frame positions (ZD) of the knots of the frame term
 * @param knotScale  frame term at the knots (multiplicative, geometric mean 1)
 * @param errorModel σ'² = a(σ² + b·I²) and ISa = 1/√(ab), refined against the mates
 * @param accepted   observations used in the merged result
 * @param rejected   observations rejected as misfits (or σ ≤ 0 on input)
 */
public record DatasetScale(double k, double bA2, double[] knotFrames, double[] knotScale, ErrorModel errorModel,
                           int accepted, int rejected) {

    public DatasetScale {
        knotFrames = knotFrames.clone();
        knotScale = knotScale.clone();
    }
}
