package org.mxflow.geometry;

/**
 * Levenberg–Marquardt minimisation of a sum of squared residuals, the loop both geometry refiners
 * run: from the normal equations at the current parameters, try the damped step
 * (JᵀJ + λ·diag(JᵀJ))·dp = −Jᵀr; accept it when the sum of squares falls (λ ÷ 10, at least
 * 1e-9), otherwise λ × 10 and try again, ten tries an iteration. A step that makes the model
 * impossible (the residuals throw {@link IllegalArgumentException}, e.g. an impossible cell) or a
 * singular system counts as a failed try. Stops after {@code maxIterations}, when no try improves,
 * or when an accepted step gains less than 1e-7 of the sum of squares.
 */
final class LevenbergMarquardt {

    /** A least-squares problem: its residuals and its normal equations at given parameters. */
    interface Problem {
        /** The residuals at p; throws IllegalArgumentException where p describes no possible model. */
        double[] residuals(double[] p);

        /** Fills {@code jtj} with JᵀJ and {@code jtr} with −Jᵀr at p (both come zeroed); r = residuals(p) is given. */
        void normalEquations(double[] p, double[] r, double[][] jtj, double[] jtr);
    }

    private LevenbergMarquardt() {}

    /** The parameters that minimise the problem's sum of squares, starting from p0 (not modified). */
    static double[] minimise(Problem problem, double[] p0, int maxIterations) {
        double[] p = p0.clone();
        double[] r = problem.residuals(p);
        double cost = dot(r, r);
        double lambda = 1e-3;
        int np = p.length;
        for (int it = 0; it < maxIterations; it++) {
            double[][] jtj = new double[np][np];
            double[] jtr = new double[np];
            problem.normalEquations(p, r, jtj, jtr);
            boolean improved = false;
            for (int tries = 0; tries < 10; tries++) {
                double[] dp = dampedStep(jtj, jtr, lambda);
                if (dp == null) { lambda *= 10; continue; }
                double[] q = p.clone();
                for (int a = 0; a < np; a++) q[a] += dp[a];
                double[] rq;
                try {
                    rq = problem.residuals(q);
                } catch (IllegalArgumentException e) { // e.g. an impossible cell on the way
                    lambda *= 10;
                    continue;
                }
                double c2 = dot(rq, rq);
                if (c2 < cost) {
                    double gain = (cost - c2) / cost;
                    p = q;
                    r = rq;
                    cost = c2;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                    if (gain < 1e-7) return p;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) break;
        }
        return p;
    }

    /** The damped step: (JᵀJ + λ·diag(JᵀJ))·dp = −Jᵀr (jtr holds −Jᵀr), or null where that system is singular. */
    static double[] dampedStep(double[][] jtj, double[] jtr, double lambda) {
        int np = jtr.length;
        double[][] m = new double[np][np];
        for (int a = 0; a < np; a++) {
            m[a] = jtj[a].clone();
            m[a][a] += lambda * Math.max(jtj[a][a], 1e-12);
        }
        return LinearSystem.solve(m, jtr);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
