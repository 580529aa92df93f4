package org.mxflow.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * Scan-varying least-squares refinement of a crystal over a long sweep, as DIALS's scan-varying
 * dials.refine does it: the crystal's three small rotations (about lab x, y, z, on top of the static
 * orientation) and its free cell parameters are each a smooth function of φ, the Gaussian-weighted
 * mean of values at knots one interval apart (DIALS's GaussianSmoother: about one interval per
 * 36°, σ = 0.65 interval, an extra knot half an interval beyond each end once there are three or
 * more intervals). Beam, axis and detector stay as the static refinement left them.
 *
 * <p>Each observation is predicted with the crystal at its own observed φ; residuals Δx, Δy (px)
 * and Δφ scaled by xySigma/phiSigma as {@link GeometryRefiner}. Differences between neighbouring
 * knots are restrained (Gaussian prior of {@link Settings#rotationStepSigmaDeg()} and
 * {@link Settings#cellStepSigmaFraction()} per interval), which keeps sparse stretches of a sweep
 * from wandering. {@link LevenbergMarquardt}, as the static refiner, with the Jacobian by the chain
 * rule: the derivatives of one observation with respect to its local (smoothed) parameters, by
 * forward differences, times the knots' weights.
 */
public final class ScanVaryingRefiner {

    /** Sweeps longer than this (degrees) get a scan-varying crystal in the native engine. */
    public static final double MIN_SWEEP_DEG = 30;

    /**
     * Settings: lattice family letter, knot interval (degrees), expected errors in x/y (px) and φ
     * (degrees), the restraint widths between neighbouring knots (degrees of rotation; fraction of
     * each cell parameter), the iteration limit and the outlier cut (multiples of the RMS).
     */
    public record Settings(char family, double intervalDeg, double xySigmaPx, double phiSigmaDeg, double rotationStepSigmaDeg,
                           double cellStepSigmaFraction, int maxIterations, double outlierRmsMultiple) {
        public static Settings forFamily(char family) { return new Settings(family, 36, 0.5, 0.05, 0.05, 0.001, 30, 4.0); }
    }

    /**
     * The per-frame crystal, the observations kept, the RMS deviations (px, px, degrees) and, for
     * the log, the knots: their angles (degrees), rotations off the static orientation (degrees,
     * about lab x, y, z) and cells.
     */
    public record Result(ScanVaryingCrystal crystal, List<IndexedObservation> used, int rejected,
                         double rmsdXPx, double rmsdYPx, double rmsdPhiDeg,
                         double[] knotPhiDeg, double[][] knotRotationsDeg, List<UnitCell> knotCells) {}

    private final Settings settings;

    public ScanVaryingRefiner(Settings settings) { this.settings = settings; }

    /**
     * Refines the crystal over frames first..last (φ from the goniometer of exp), starting from the
     * static crystal, against observations indexed in that crystal's setting.
     */
    public Result refine(Experiment exp, CrystalModel staticCrystal, List<IndexedObservation> obs0, int firstFrame, int lastFrame) {
        Goniometer gon = exp.goniometer();
        double phiA = gon.phiDeg(firstFrame - 1), phiB = gon.phiDeg(lastFrame);
        Smoother smoother = new Smoother(Math.min(phiA, phiB), Math.max(phiA, phiB), settings.intervalDeg());
        Local local = new Local(staticCrystal, settings.family());
        int m = local.size(), nk = smoother.knots.length;
        double[] p = new double[nk * m];
        double[] v0 = local.initial();
        for (int k = 0; k < nk; k++) System.arraycopy(v0, 0, p, k * m, m);
        double[] regSigma = new double[m];
        for (int j = 0; j < m; j++) {
            regSigma[j] = j < 3 ? Math.toRadians(settings.rotationStepSigmaDeg())
                    : settings.cellStepSigmaFraction() * Math.max(Math.abs(v0[j]), 1);
        }
        Problem problem = new Problem(exp, local, smoother, regSigma);

        List<IndexedObservation> obs = new ArrayList<>(obs0);
        int rejected = 0;
        for (int round = 0; round < 3; round++) {
            p = LevenbergMarquardt.minimise(problem.over(obs), p, settings.maxIterations());
            double[] r = problem.dataResiduals(p, obs);
            List<IndexedObservation> kept = GeometryRefiner.inliers(r, obs, settings.outlierRmsMultiple());
            if (kept.size() == obs.size() || kept.size() < 10) break;
            rejected += obs.size() - kept.size();
            obs = kept;
        }

        // the per-frame model at every frame boundary
        int frames = lastFrame - firstFrame + 1;
        List<Mat3> boundaries = new ArrayList<>(frames + 1);
        for (int i = 0; i <= frames; i++) boundaries.add(problem.crystalAt(p, gon.phiDeg(firstFrame - 1 + i)).a());
        ScanVaryingCrystal sv = new ScanVaryingCrystal(phiA, gon.phiWidthDeg(), boundaries);

        double[] pFinal = p;
        double[] rmsd = GeometryRefiner.rmsds(exp, phi -> problem.crystalAt(pFinal, phi), obs);
        double[][] rot = new double[nk][3];
        List<UnitCell> cells = new ArrayList<>(nk);
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < 3; j++) rot[k][j] = Math.toDegrees(p[k * m + j]);
            cells.add(CellParameters.cell(p, k * m + 3, settings.family()));
        }
        return new Result(sv, List.copyOf(obs), rejected, rmsd[0], rmsd[1], rmsd[2],
                smoother.knots.clone(), rot, List.copyOf(cells));
    }

    /** Knots and Gaussian weights in φ (DIALS's GaussianSmoother layout). */
    static final class Smoother {
        final double[] knots;
        final double sigma;

        Smoother(double phiMin, double phiMax, double intervalDeg) {
            double range = phiMax - phiMin;
            int nInt = Math.max(1, (int) Math.ceil(range / intervalDeg - 1e-9));
            double spacing = range / nInt;
            if (nInt < 3) {
                knots = new double[nInt + 1];
                for (int i = 0; i <= nInt; i++) knots[i] = phiMin + i * spacing;
            } else {
                knots = new double[nInt + 2];
                for (int i = 0; i < knots.length; i++) knots[i] = phiMin - spacing / 2 + i * spacing;
            }
            sigma = 0.65 * spacing;
        }

        /** Normalised weights of every knot at φ. */
        double[] weights(double phiDeg) {
            double[] w = new double[knots.length];
            double s = 0;
            for (int k = 0; k < knots.length; k++) {
                double u = (phiDeg - knots[k]) / sigma;
                w[k] = Math.exp(-0.5 * u * u);
                s += w[k];
            }
            if (!(s > 0)) { // far outside: the nearest knot
                Arrays.fill(w, 0);
                w[phiDeg < knots[0] ? 0 : knots.length - 1] = 1;
                return w;
            }
            for (int k = 0; k < w.length; k++) w[k] /= s;
            return w;
        }
    }

    /** The local (smoothed) parameters at one φ: three rotations (radians) then the free cell parameters. */
    static final class Local {
        final Mat3 u0;
        final UnitCell cell0;
        final char family;

        Local(CrystalModel crystal, char family) {
            this.u0 = GeometryRefiner.orthonormalise(crystal.u());
            this.cell0 = crystal.unitCell();
            this.family = family;
        }

        int size() { return 3 + CellParameters.count(family); }

        double[] initial() {
            double[] v = new double[size()];
            System.arraycopy(CellParameters.of(cell0, family), 0, v, 3, size() - 3);
            return v;
        }

        double step(int j) { return j < 3 ? 1e-6 : 1e-4; }

        CrystalModel crystal(double[] v) {
            Mat3 r = Mat3.rotation(new Vec3(0, 0, 1), v[2]).times(Mat3.rotation(new Vec3(0, 1, 0), v[1]))
                    .times(Mat3.rotation(new Vec3(1, 0, 0), v[0]));
            return CrystalModel.of(CellParameters.cell(v, 3, family), r.times(u0));
        }
    }

    /** Residuals, cost and normal equations of the smoothed model with its restraints. */
    private final class Problem {
        final Experiment exp;
        final Local local;
        final Smoother smoother;
        final double[] regSigma;
        final int m;

        Problem(Experiment exp, Local local, Smoother smoother, double[] regSigma) {
            this.exp = exp;
            this.local = local;
            this.smoother = smoother;
            this.regSigma = regSigma;
            this.m = local.size();
        }

        double[] localAt(double[] p, double[] w) {
            double[] v = new double[m];
            for (int k = 0; k < w.length; k++) {
                if (w[k] == 0) continue;
                for (int j = 0; j < m; j++) v[j] += w[k] * p[k * m + j];
            }
            return v;
        }

        CrystalModel crystalAt(double[] p, double phiDeg) { return local.crystal(localAt(p, smoother.weights(phiDeg))); }

        /** Δx, Δy (px) and weighted Δφ of one observation with the crystal of local parameters v. */
        void residual(double[] v, IndexedObservation o, double phiObs, double[] out) {
            RotationGeometry.PredictedSpot s = RotationGeometry.predictNear(exp, local.crystal(v), o.h(), o.k(), o.l(), phiObs);
            if (s == null) {
                out[0] = out[1] = out[2] = 50;
                return;
            }
            out[0] = s.xPx() - o.xPx();
            out[1] = s.yPx() - o.yPx();
            out[2] = (s.phiDeg() - phiObs) * settings.xySigmaPx() / settings.phiSigmaDeg();
        }

        double[] dataResiduals(double[] p, List<IndexedObservation> obs) {
            double[] r = new double[3 * obs.size()];
            double[] one = new double[3];
            for (int i = 0; i < obs.size(); i++) {
                IndexedObservation o = obs.get(i);
                double phi = exp.goniometer().phiDeg(o.zFrame());
                residual(localAt(p, smoother.weights(phi)), o, phi, one);
                System.arraycopy(one, 0, r, 3 * i, 3);
            }
            return r;
        }

        /** The problem over these observations: data residuals then restraints, the Jacobian by {@link #normalEquations}. */
        LevenbergMarquardt.Problem over(List<IndexedObservation> obs) {
            return new LevenbergMarquardt.Problem() {
                @Override
                public double[] residuals(double[] p) {
                    double[] data = dataResiduals(p, obs), reg = restraints(p);
                    double[] r = Arrays.copyOf(data, data.length + reg.length);
                    System.arraycopy(reg, 0, r, data.length, reg.length);
                    return r;
                }

                @Override
                public void normalEquations(double[] p, double[] r, double[][] jtj, double[] jtr) {
                    Problem.this.normalEquations(p, obs, jtj, jtr);
                }
            };
        }

        /** One residual per parameter and neighbouring pair of knots: the difference over its prior width, in px. */
        double[] restraints(double[] p) {
            int nk = smoother.knots.length;
            double[] r = new double[Math.max(0, nk - 1) * m];
            for (int k = 0; k + 1 < nk; k++)
                for (int j = 0; j < m; j++)
                    r[k * m + j] = settings.xySigmaPx() * (p[(k + 1) * m + j] - p[k * m + j]) / regSigma[j];
            return r;
        }

        /** JᵀJ and −Jᵀr of data and restraints; the data Jacobian by the chain rule through the knot weights. */
        void normalEquations(double[] p, List<IndexedObservation> obs, double[][] jtj, double[] jtr) {
            int nk = smoother.knots.length;
            double[] r = new double[3], rq = new double[3];
            double[][] d = new double[m][3];
            double[] g = new double[m];
            double[][] gg = new double[m][m];
            int[] active = new int[nk];
            for (IndexedObservation o : obs) {
                double phi = exp.goniometer().phiDeg(o.zFrame());
                double[] w = smoother.weights(phi);
                double[] v = localAt(p, w);
                residual(v, o, phi, r);
                for (int j = 0; j < m; j++) {
                    double[] vq = v.clone();
                    double h = local.step(j);
                    vq[j] += h;
                    try {
                        residual(vq, o, phi, rq);
                    } catch (IllegalArgumentException e) {
                        rq[0] = r[0]; rq[1] = r[1]; rq[2] = r[2];
                    }
                    for (int c = 0; c < 3; c++) d[j][c] = (rq[c] - r[c]) / h;
                }
                for (int a = 0; a < m; a++) {
                    g[a] = -(d[a][0] * r[0] + d[a][1] * r[1] + d[a][2] * r[2]);
                    for (int b = a; b < m; b++) gg[a][b] = gg[b][a] = d[a][0] * d[b][0] + d[a][1] * d[b][1] + d[a][2] * d[b][2];
                }
                // knots whose weight matters here (the model uses all; the Jacobian skips the negligible)
                int na = 0;
                for (int k = 0; k < nk; k++) if (w[k] > 1e-6) active[na++] = k;
                for (int ia = 0; ia < na; ia++) {
                    int k1 = active[ia];
                    for (int a = 0; a < m; a++) jtr[k1 * m + a] += w[k1] * g[a];
                    for (int ib = 0; ib < na; ib++) {
                        int k2 = active[ib];
                        double ww = w[k1] * w[k2];
                        for (int a = 0; a < m; a++) {
                            double[] row = jtj[k1 * m + a];
                            for (int b = 0; b < m; b++) row[k2 * m + b] += ww * gg[a][b];
                        }
                    }
                }
            }
            // restraints: r = s·(p[k+1] − p[k]) / σ
            double[] reg = restraints(p);
            for (int k = 0; k + 1 < nk; k++) {
                for (int j = 0; j < m; j++) {
                    double s = settings.xySigmaPx() / regSigma[j];
                    int i0 = k * m + j, i1 = (k + 1) * m + j;
                    double rr = reg[k * m + j];
                    jtj[i0][i0] += s * s;
                    jtj[i1][i1] += s * s;
                    jtj[i0][i1] -= s * s;
                    jtj[i1][i0] -= s * s;
                    jtr[i0] += s * rr;
                    jtr[i1] -= s * rr;
                }
            }
        }
    }
}
