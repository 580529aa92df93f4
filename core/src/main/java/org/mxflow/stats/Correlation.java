package org.mxflow.stats;

/**
 * Pearson correlation and its one-sided significance test (Student's t with n−2 degrees of
 * freedom), as XDS marks CC½ and the anomalous correlation "significant at the 0.1% level" and
 * cctbx's {@code merging_stats(cc_one_half_significance_level=...)} tests them.
 */
public final class Correlation {

    private Correlation() {}

    /** Pearson correlation of two equally long series. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series differ in length: " + x.length + " and " + y.length);
        }
        return pearson(x, y, x.length);
    }

    /** Pearson correlation of the first n values; NaN with fewer than 2 pairs or no variance. */
    public static double pearson(double[] x, double[] y, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /**
     * The smallest correlation of n pairs significant at one-sided level p: t/√(n−2+t²) with t the
     * (1−p) quantile of Student's t with n−2 degrees of freedom; NaN for n ≤ 2.
     */
    public static double criticalValue(long n, double p) {
        if (n <= 2) {
            return Double.NaN;
        }
        double nu = n - 2;
        double t = studentTQuantile(1 - p, nu);
        return t / Math.sqrt(nu + t * t);
    }

    /** True when r exceeds the critical value of n pairs at level p. */
    public static boolean isSignificant(double r, long n, double p) {
        double c = criticalValue(n, p);
        return !Double.isNaN(r) && !Double.isNaN(c) && r > c;
    }

    /** Quantile q (> 0.5) of Student's t distribution with nu degrees of freedom, by bisection on its CDF. */
    static double studentTQuantile(double q, double nu) {
        double lo = 0, hi = 1;
        while (studentTCdf(hi, nu) < q) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (studentTCdf(mid, nu) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** P(T ≤ t) for t ≥ 0: 1 − ½·I_{ν/(ν+t²)}(ν/2, ½). */
    static double studentTCdf(double t, double nu) {
        return 1 - 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
    }

    /** Regularized incomplete beta I_x(a, b) by its continued fraction (Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
        }
        return Math.exp(lnFront) * betaFraction(x, a, b) / a;
    }

    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 1000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13). */
    static double logGamma(double x) {
        final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
