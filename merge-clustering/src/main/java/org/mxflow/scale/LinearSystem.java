package org.mxflow.scale;

/** Gaussian elimination with partial pivoting for the small normal equations of scaling. */
final class LinearSystem {

    private LinearSystem() {}

    /** Solves a·x = rhs in place; null if a is singular. */
    static double[] solve(double[][] a, double[] rhs) {
        int n = rhs.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            if (!(Math.abs(a[piv][col]) > 1e-300)) return null;
            double[] t = a[col]; a[col] = a[piv]; a[piv] = t;
            double tr = rhs[col]; rhs[col] = rhs[piv]; rhs[piv] = tr;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f == 0) continue;
                for (int k = col; k < n; k++) a[r][k] -= f * a[col][k];
                rhs[r] -= f * rhs[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = rhs[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
