package org.mxflow.geometry;

import static org.mxflow.geometry.LevenbergMarquardt.dot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import org.mxflow.cell.UnitCell;

/**
 * Static (per wedge) least-squares refinement of a rotation experiment against indexed spot
 * positions and rotation angles, by Levenberg–Marquardt with a forward-difference Jacobian.
 *
 * <p>Parameters: three small rotations of the crystal about the lab x, y, z axes; the cell,
 * constrained by the lattice family (triclinic 6, monoclinic a b c β, orthorhombic a b c,
 * tetragonal and hexagonal a c, cubic a); two tilts of the beam direction; two tilts of the
 * rotation axis (its turn about itself is no parameter: that is the crystal's own rotation about
 * φ, degenerate with the orientation); the detector distance and origin (ORGX, ORGY). Residuals per spot: Δx and Δy in pixels and Δφ in degrees divided by
 * {@link Settings#phiSigmaDeg()} over {@link Settings#xySigmaPx()} so that both weigh alike.
 * Outliers beyond {@link Settings#outlierRmsMultiple()} × RMS are dropped and the fit repeated.
 * Smoothly varying orientation and cell over long sweeps are {@link ScanVaryingRefiner}'s job.
 */
public final class GeometryRefiner {

    /**
     * Refinement settings: lattice family letter (a, m, o, t, h, c), the expected errors, and which
     * of beam direction, detector (distance and origin) and rotation axis are refined.
     */
    public record Settings(char family, double xySigmaPx, double phiSigmaDeg, int maxIterations, double outlierRmsMultiple,
                           boolean refineBeam, boolean refineDetector, boolean refineAxis) {
        /** Without axis refinement (the settings before the axis became a parameter). */
        public Settings(char family, double xySigmaPx, double phiSigmaDeg, int maxIterations, double outlierRmsMultiple,
                        boolean refineBeam, boolean refineDetector) {
            this(family, xySigmaPx, phiSigmaDeg, maxIterations, outlierRmsMultiple, refineBeam, refineDetector, false);
        }

        public static Settings forFamily(char family) { return new Settings(family, 0.5, 0.05, 40, 4.0, true, true, true); }

        public Settings withAxis(boolean refine) {
            return new Settings(family, xySigmaPx, phiSigmaDeg, maxIterations, outlierRmsMultiple, refineBeam, refineDetector, refine);
        }
    }

    /** The refined models, the observations kept, and the RMS deviations (px, px, degrees). */
    public record Result(Experiment experiment, CrystalModel crystal, List<IndexedObservation> used, int rejected,
                         double rmsdXPx, double rmsdYPx, double rmsdPhiDeg) {}

    private final Settings settings;

    public GeometryRefiner(Settings settings) { this.settings = settings; }

    public Result refine(Experiment exp0, CrystalModel crystal0, List<IndexedObservation> obs0) {
        Model model = new Model(exp0, crystal0, settings);
        double[] p = model.initial();
        List<IndexedObservation> obs = new ArrayList<>(obs0);
        int rejected = 0;
        for (int round = 0; round < 3; round++) {
            p = LevenbergMarquardt.minimise(problem(model, obs), p, settings.maxIterations());
            double[] r = residuals(model, p, obs);
            List<IndexedObservation> kept = GeometryRefiner.inliers(r, obs, settings.outlierRmsMultiple());
            if (kept.size() == obs.size() || kept.size() < 10) break;
            rejected += obs.size() - kept.size();
            obs = kept;
        }
        Experiment e = model.experiment(p);
        CrystalModel c = model.crystal(p);
        double[] rmsd = rmsds(e, phi -> c, obs);
        return new Result(e, c, List.copyOf(obs), rejected, rmsd[0], rmsd[1], rmsd[2]);
    }

    /**
     * RMS deviations {x px, y px, φ degrees} of the observations from their predictions with the
     * crystal of their observed φ (the same crystal throughout for a static model); an observation
     * that no longer diffracts is left out.
     */
    static double[] rmsds(Experiment e, DoubleFunction<CrystalModel> crystalAtPhiDeg, List<IndexedObservation> obs) {
        double sx = 0, sy = 0, sp = 0;
        int n = 0;
        for (IndexedObservation o : obs) {
            double phiObs = e.goniometer().phiDeg(o.zFrame());
            RotationGeometry.PredictedSpot s = RotationGeometry.predictNear(e, crystalAtPhiDeg.apply(phiObs), o.h(), o.k(), o.l(), phiObs);
            if (s == null) continue;
            sx += sq(s.xPx() - o.xPx());
            sy += sq(s.yPx() - o.yPx());
            sp += sq(s.phiDeg() - phiObs);
            n++;
        }
        n = Math.max(n, 1);
        return new double[] {Math.sqrt(sx / n), Math.sqrt(sy / n), Math.sqrt(sp / n)};
    }

    /** The least-squares problem over the given observations: residuals, and the Jacobian by forward differences. */
    private LevenbergMarquardt.Problem problem(Model model, List<IndexedObservation> obs) {
        return new LevenbergMarquardt.Problem() {
            @Override
            public double[] residuals(double[] p) { return GeometryRefiner.this.residuals(model, p, obs); }

            @Override
            public void normalEquations(double[] p, double[] r, double[][] jtj, double[] jtr) {
                int np = p.length;
                double[][] jac = new double[np][];
                for (int j = 0; j < np; j++) {
                    double[] q = p.clone();
                    double h = model.step(j);
                    q[j] += h;
                    double[] rq = residuals(q);
                    for (int i = 0; i < rq.length; i++) rq[i] = (rq[i] - r[i]) / h;
                    jac[j] = rq;
                }
                for (int a = 0; a < np; a++) {
                    for (int b = a; b < np; b++) jtj[a][b] = jtj[b][a] = dot(jac[a], jac[b]);
                    jtr[a] = -dot(jac[a], r);
                }
            }
        };
    }

    private double[] residuals(Model model, double[] p, List<IndexedObservation> obs) {
        Experiment e = model.experiment(p);
        CrystalModel c = model.crystal(p);
        double w = settings.xySigmaPx() / settings.phiSigmaDeg();
        double[] r = new double[3 * obs.size()];
        for (int i = 0; i < obs.size(); i++) {
            IndexedObservation o = obs.get(i);
            double phiObs = e.goniometer().phiDeg(o.zFrame());
            RotationGeometry.PredictedSpot s = RotationGeometry.predictNear(e, c, o.h(), o.k(), o.l(), phiObs);
            if (s == null) {
                Arrays.fill(r, 3 * i, 3 * i + 3, 50);
                continue;
            }
            r[3 * i] = s.xPx() - o.xPx();
            r[3 * i + 1] = s.yPx() - o.yPx();
            r[3 * i + 2] = (s.phiDeg() - phiObs) * w;
        }
        return r;
    }

    /** Maps the parameter vector to models: rotations, cell, [beam tilts], [axis tilts], [distance, ORGX, ORGY]. */
    private static final class Model {
        final Experiment exp0;
        final Mat3 u0;
        final UnitCell cell0;
        final char family;
        final int nCell;
        final Vec3 beamT1, beamT2, axisT1, axisT2;
        final Settings settings;

        Model(Experiment exp0, CrystalModel crystal0, Settings settings) {
            this.exp0 = exp0;
            this.settings = settings;
            this.cell0 = crystal0.unitCell();
            this.u0 = orthonormalise(crystal0.u());
            this.family = settings.family();
            this.nCell = CellParameters.count(family);
            Vec3[] bt = perpendiculars(exp0.beam().direction());
            beamT1 = bt[0];
            beamT2 = bt[1];
            Vec3[] at = perpendiculars(exp0.goniometer().rotationAxis());
            axisT1 = at[0];
            axisT2 = at[1];
        }

        int size() {
            return 3 + nCell + (settings.refineBeam() ? 2 : 0) + (settings.refineAxis() ? 2 : 0) + (settings.refineDetector() ? 3 : 0);
        }

        double[] initial() {
            double[] p = new double[size()];
            double[] c = CellParameters.of(cell0, family);
            System.arraycopy(c, 0, p, 3, nCell);
            int k = 3 + nCell;
            if (settings.refineBeam()) k += 2;
            if (settings.refineAxis()) k += 2;
            if (settings.refineDetector()) {
                p[k++] = exp0.detector().distanceMm();
                p[k++] = exp0.detector().orgXPx();
                p[k] = exp0.detector().orgYPx();
            }
            return p;
        }

        double step(int j) {
            if (j < 3) return 1e-6;
            if (j < 3 + nCell) return 1e-4;
            int k = j - 3 - nCell;
            if (settings.refineBeam()) { if (k < 2) return 1e-6; k -= 2; }
            if (settings.refineAxis()) { if (k < 2) return 1e-6; k -= 2; }
            return 1e-3;
        }

        UnitCell cell(double[] p) { return CellParameters.cell(p, 3, family); }

        CrystalModel crystal(double[] p) {
            Mat3 r = Mat3.rotation(new Vec3(0, 0, 1), p[2]).times(Mat3.rotation(new Vec3(0, 1, 0), p[1]))
                    .times(Mat3.rotation(new Vec3(1, 0, 0), p[0]));
            return CrystalModel.of(cell(p), r.times(u0));
        }

        Experiment experiment(double[] p) {
            Experiment e = exp0;
            int k = 3 + nCell;
            if (settings.refineBeam()) {
                Vec3 d = exp0.beam().direction().rotated(beamT1, p[k]).rotated(beamT2, p[k + 1]);
                e = e.withBeam(exp0.beam().withDirection(d));
                k += 2;
            }
            if (settings.refineAxis()) {
                Vec3 ax = exp0.goniometer().rotationAxis().rotated(axisT1, p[k]).rotated(axisT2, p[k + 1]);
                e = e.withGoniometer(exp0.goniometer().withAxis(ax));
                k += 2;
            }
            if (settings.refineDetector()) {
                e = e.withDetector(exp0.detector().withDistance(p[k]).withOrigin(p[k + 1], p[k + 2]));
            }
            return e;
        }
    }

    /** Two unit vectors perpendicular to d and to each other: the directions d can tilt in. */
    static Vec3[] perpendiculars(Vec3 d) {
        Vec3 any = Math.abs(d.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        Vec3 t1 = d.cross(any).normalized();
        return new Vec3[] {t1, d.cross(t1).normalized()};
    }

    /** The nearest rotation to m (m is a rotation up to rounding): symmetric orthogonalisation by iteration. */
    static Mat3 orthonormalise(Mat3 m) {
        Mat3 x = m;
        for (int i = 0; i < 20; i++) x = x.times(0.5).plus(x.inverse().transpose().times(0.5));
        return x;
    }

    private static double sq(double x) { return x * x; }

    /**
     * The observations whose residual (rms over x, y, φ, in the residual units) is within
     * {@code multiple} times the overall rms: the outlier cut both refiners apply between rounds.
     */
    static List<IndexedObservation> inliers(double[] r, List<IndexedObservation> obs, double multiple) {
        double rms = 0;
        for (double x : r) rms += x * x;
        rms = Math.sqrt(rms / Math.max(1, r.length));
        List<IndexedObservation> kept = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            double n = Math.sqrt((r[3 * i] * r[3 * i] + r[3 * i + 1] * r[3 * i + 1] + r[3 * i + 2] * r[3 * i + 2]) / 3);
            if (n <= multiple * rms) kept.add(obs.get(i));
        }
        return kept;
    }
}
