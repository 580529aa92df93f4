package org.mxflow.xds;

/**
 * One row of CORRECT.LP's "STANDARD ERROR OF REFLECTION INTENSITIES AS FUNCTION OF RESOLUTION"
 * table (after the error model was applied).
 *
 * @param dMaxA        low-resolution edge of the shell in Å
 * @param dMinA        high-resolution edge of the shell in Å
 * @param iOverSigma   mean I/σ(I) of single observations
 * @param chiSquared   χ² between sample variances of symmetry mates and their σ
 * @param rObservedPct R-factor observed, percent
 * @param rExpectedPct R-factor expected, percent
 * @param compared     reflections used for the R-factors
 * @param accepted     accepted reflections
 * @param rejected     misfits rejected by comparison with symmetry mates
 */
public record ErrorModelShell(
        double dMaxA,
        double dMinA,
        double iOverSigma,
        double chiSquared,
        double rObservedPct,
        double rExpectedPct,
        long compared,
        long accepted,
        long rejected) {}
