package org.mxflow.stats;

/**
 * The XDS error model v(I) = a·(v0(I) + b·I²) and its asymptotic I/σ limit ISa = 1/√(a·b)
 * (Diederichs 2010, Acta Cryst D66, 733).
 *
 * @param a   variance scale factor
 * @param b   fraction of I² added to the variance
 * @param isa ISa as reported by the producer
 */
public record ErrorModel(double a, double b, double isa) {

    /** No error model known. */
    public static final ErrorModel UNKNOWN = new ErrorModel(Double.NaN, Double.NaN, Double.NaN);

    /** True when the producer fitted a model (a, b, ISa all known). */
    public boolean isKnown() {
        return !Double.isNaN(a) && !Double.isNaN(b) && !Double.isNaN(isa);
    }

    /**
     * True when XDS fell back to its starting values a = 4.000, b = 1.000E-04 because the fit
     * failed; KAMO then treats ISa as NaN and flags CORRECT as a problem.
     */
    public boolean fitFailed() {
        return a == 4.0 && b == 1.0e-4;
    }

    /** ISa computed from a and b, to cross-check the printed value. */
    public double isaFromAB() {
        return 1.0 / Math.sqrt(a * b);
    }
}
