package org.mxflow.xds;

/**
 * CORRECT's Wilson line log⟨I⟩ = A − 2·B·s², fitted over all resolution shells.
 *
 * @param a           intercept A
 * @param bA2         Wilson B in Å²
 * @param correlation correlation of the fit
 */
public record WilsonLine(double a, double bA2, double correlation) {}
