package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mxflow.symmetry.SpaceGroup;

/**
 * A smooth scale over the rotation (decay, absorption, beam flux): piecewise linear in φ with
 * knots about every {@code knotSpacingDeg}, fitted by weighted least squares of I_obs = g(φ)·I_h
 * against symmetry mates, alternating with the merged I_h, with a small smoothness restraint
 * between neighbouring knots. The scales are normalised to a mean of 1.
 *
 * @param phiStartDeg first knot, degrees
 * @param spacingDeg  knot spacing, degrees
 * @param knots       the scale at each knot
 */
public record FrameScale(double phiStartDeg, double spacingDeg, double[] knots) {

    public double at(double phiDeg) {
        if (knots.length == 1) return knots[0];
        double t = (phiDeg - phiStartDeg) / spacingDeg;
        int i = (int) Math.floor(t);
        if (i < 0) return knots[0];
        if (i >= knots.length - 1) return knots[knots.length - 1];
        double f = t - i;
        return knots[i] * (1 - f) + knots[i + 1] * f;
    }

    public static FrameScale unity() { return new FrameScale(0, 1, new double[] {1}); }

    public static FrameScale fit(List<CorrectedObservation> obs, SpaceGroup sg, double phiMinDeg, double phiMaxDeg,
                                 double knotSpacingDeg) {
        double range = phiMaxDeg - phiMinDeg;
        int nk = Math.max(2, (int) Math.round(range / knotSpacingDeg) + 1);
        double spacing = range / (nk - 1);
        double[] g = new double[nk];
        java.util.Arrays.fill(g, 1);
        List<List<CorrectedObservation>> groups = new ArrayList<>();
        for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : Merging.group(obs, sg, false).entrySet())
            if (e.getValue().size() >= 2) groups.add(e.getValue());
        if (groups.size() < 20) return unity();
        FrameScale cur = new FrameScale(phiMinDeg, spacing, g);
        double lambda = 0.05;
        for (int cycle = 0; cycle < 6; cycle++) {
            double[][] ata = new double[nk][nk];
            double[] atb = new double[nk];
            for (List<CorrectedObservation> os : groups) {
                double num = 0, den = 0;
                for (CorrectedObservation o : os) {
                    double s = cur.at(o.phiDeg()), w = 1 / (o.sigma() * o.sigma());
                    num += w * s * o.intensity();
                    den += w * s * s;
                }
                double ih = num / den;
                if (!(ih > 0)) continue;
                for (CorrectedObservation o : os) {
                    double t = (o.phiDeg() - phiMinDeg) / spacing;
                    int i = Math.max(0, Math.min(nk - 2, (int) Math.floor(t)));
                    double f = Math.max(0, Math.min(1, t - i));
                    double w = 1 / (o.sigma() * o.sigma());
                    double[] basis = {(1 - f) * ih, f * ih};
                    for (int p = 0; p < 2; p++) {
                        atb[i + p] += w * basis[p] * o.intensity();
                        for (int q = 0; q < 2; q++) ata[i + p][i + q] += w * basis[p] * basis[q];
                    }
                }
            }
            double diag = 0;
            for (int i = 0; i < nk; i++) diag += ata[i][i];
            double r = lambda * diag / nk;
            for (int i = 0; i + 1 < nk; i++) {
                ata[i][i] += r; ata[i + 1][i + 1] += r; ata[i][i + 1] -= r; ata[i + 1][i] -= r;
            }
            double[] sol = solve(ata, atb);
            if (sol == null) return unity();
            double mean = 0;
            for (double v : sol) mean += v;
            mean /= nk;
            if (!(mean > 0)) return unity();
            for (int i = 0; i < nk; i++) sol[i] = Math.max(0.05, sol[i] / mean);
            cur = new FrameScale(phiMinDeg, spacing, sol);
        }
        return cur;
    }

    public List<CorrectedObservation> apply(List<CorrectedObservation> obs) {
        List<CorrectedObservation> out = new ArrayList<>(obs.size());
        for (CorrectedObservation o : obs) {
            double s = at(o.phiDeg());
            out.add(o.withIntensity(o.intensity() / s, o.sigma() / s));
        }
        return out;
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            if (Math.abs(a[p][c]) < 1e-300) return null;
            double[] t = a[c]; a[c] = a[p]; a[p] = t;
            double tb = b[c]; b[c] = b[p]; b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
