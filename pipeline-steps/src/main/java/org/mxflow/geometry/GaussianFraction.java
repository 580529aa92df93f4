package org.mxflow.geometry;

/**
 * How much of a Gaussian lies inside an interval: the partiality of a reflection whose rocking
 * curve (centre, e.s.d.) crosses a frame's rotation range, or a spot profile's share of a pixel.
 * The simulator renders with it and the integrator predicts with it, so both agree exactly.
 */
public final class GaussianFraction {

    private GaussianFraction() {
    }

    /** Fraction of a Gaussian (centre, e.s.d. sigma) inside [start, end]. */
    public static double inside(double centre, double sigma, double start, double end) {
        double k = 1 / (Math.sqrt(2) * sigma);
        return 0.5 * (erf((end - centre) * k) - erf((start - centre) * k));
    }

    /** The error function, |error| < 1.2e-7 (Chebyshev fit of erfc, Numerical Recipes §6.2). */
    public static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
