package org.mxflow.merge;

/**
 * CC½ as a function of s = 1/d² (Å⁻²) modelled as {@code ½·(1 − tanh((s − d0)/r))}, the form
 * AIMLESS uses (after Ed Pozharski) and KAMO's resolution_cutoff.py fits.
 *
 * @param d0 s (Å⁻²) where the curve passes CC½ = 0.5
 * @param r  width of the fall-off (Å⁻²)
 */
public record TanhCcHalfFit(double d0, double r) {

    /** Soft-L1 loss scale, as KAMO passes it to scipy.optimize.least_squares (kamo-conventions 4.11.1). */
    public static final double F_SCALE = 0.3;

    /** Model CC½ (fraction) at s = 1/d². */
    public double cc(double s) {
        return 0.5 * (1 - Math.tanh((s - d0) / r));
    }

    /**
     * Resolution d (Å) where the curve reaches {@code ccMin}: {@code 1/sqrt(d0 + r·atanh(1 − 2·ccMin))};
     * NaN if the curve never gets there at positive s.
     */
    public double resolutionAt(double ccMin) {
        double s = d0 + r * atanh(1 - 2 * ccMin);
        return s > 0 ? 1 / Math.sqrt(s) : Double.NaN;
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /**
     * Robust least-squares fit to shells (s_i, CC½_i): minimises KAMO's objective
     * {@code Σ f²·ρ((res_i/f)²)/2} with the soft-L1 ρ(z) = 2(√(1+z) − 1), f = {@link #F_SCALE},
     * from the start d0 = ½·min(s), r = 1. NaN points are dropped; at least 3 must remain.
     *
     * <p>SciPy reaches the minimum with a trust-region method; here Levenberg–Marquardt on the
     * IRLS-weighted normal equations finds the same stationary point.
     *
     * @throws IllegalArgumentException with fewer than 3 usable shells
     */
    public static TanhCcHalfFit fit(double[] s, double[] cc) {
        if (s.length != cc.length) {
            throw new IllegalArgumentException("CC½ fit: " + s.length + " s values but " + cc.length + " CC½ values");
        }
        int n = 0;
        double[] xs = new double[s.length], ys = new double[s.length];
        double sMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            if (Double.isFinite(s[i]) && Double.isFinite(cc[i])) {
                xs[n] = s[i];
                ys[n] = cc[i];
                sMin = Math.min(sMin, s[i]);
                n++;
            }
        }
        if (n < 3) {
            throw new IllegalArgumentException("CC½ fit needs at least 3 shells with a defined CC½, got " + n);
        }
        double[] p = {0.5 * sMin, 1.0};
        double cost = cost(p, xs, ys, n);
        double lambda = 1e-3;
        for (int iter = 0; iter < 500; iter++) {
            // Gradient and IRLS Gauss-Newton matrix of the robust cost.
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            for (int i = 0; i < n; i++) {
                double u = (xs[i] - p[0]) / p[1];
                double t = Math.tanh(u);
                double res = 0.5 * (1 - t) - ys[i];
                double sech2 = 1 - t * t;
                double j0 = 0.5 * sech2 / p[1];
                double j1 = 0.5 * sech2 * u / p[1];
                double z = res * res / (F_SCALE * F_SCALE);
                double w = 1 / Math.sqrt(1 + z);
                g0 += w * res * j0;
                g1 += w * res * j1;
                h00 += w * j0 * j0;
                h01 += w * j0 * j1;
                h11 += w * j1 * j1;
            }
            boolean improved = false;
            for (int tries = 0; tries < 60 && !improved; tries++) {
                double a00 = h00 * (1 + lambda), a11 = h11 * (1 + lambda);
                double det = a00 * a11 - h01 * h01;
                if (!(Math.abs(det) > 0)) {
                    lambda *= 10;
                    continue;
                }
                double dp0 = -(a11 * g0 - h01 * g1) / det;
                double dp1 = -(a00 * g1 - h01 * g0) / det;
                double[] q = {p[0] + dp0, p[1] + dp1};
                double c = q[1] != 0 ? cost(q, xs, ys, n) : Double.NaN;
                if (c <= cost) {
                    double change = Math.abs(dp0) + Math.abs(dp1);
                    double relCost = (cost - c) / Math.max(cost, 1e-300);
                    p = q;
                    cost = c;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    if (change < 1e-13 * (Math.abs(p[0]) + Math.abs(p[1])) || relCost < 1e-15) {
                        return new TanhCcHalfFit(p[0], p[1]);
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) {
                break;
            }
        }
        return new TanhCcHalfFit(p[0], p[1]);
    }

    private static double cost(double[] p, double[] xs, double[] ys, int n) {
        double c = 0, f2 = F_SCALE * F_SCALE;
        for (int i = 0; i < n; i++) {
            double res = 0.5 * (1 - Math.tanh((xs[i] - p[0]) / p[1])) - ys[i];
            c += f2 * (Math.sqrt(1 + res * res / f2) - 1);
        }
        return c;
    }
}
