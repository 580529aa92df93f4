package org.mxflow.indexing;

import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.Vec3;

/**
 * The Niggli-reduced cell of a lattice, with the integer matrix M taking the input basis to
 * the reduced one (rows of M: reduced vectors in terms of the input vectors).
 *
 * <p>Reduction follows Křivý & Gruber (1976) with the ε-tolerances of Grosse-Kunstleve,
 * Sauter & Adams (2004) (ε = 0.002·(A+B+C)/3); the steps act on the basis vectors themselves, so the transformation
 * is exact. The result is right-handed. The input basis must be primitive: a centred
 * (conventional) basis reduces to a cell of its own, doubled or larger volume (issue 6).
 */
public record ReducedCell(UnitCell cell, Mat3 transformation, CrystalModel crystal) {

    /** A, B, C, D = b·c, E = a·c, F = a·b of the reduced cell (Å²). */
    public double[] g6() {
        Mat3 r = crystal.realBasis();
        Vec3 a = r.column(0), b = r.column(1), c = r.column(2);
        return new double[] {a.dot(a), b.dot(b), c.dot(c), b.dot(c), a.dot(c), a.dot(b)};
    }

    public static ReducedCell of(CrystalModel crystal) {
        Mat3 r = crystal.realBasis();
        Vec3[] v = {r.column(0), r.column(1), r.column(2)};
        Vec3[] orig = v.clone();
        double scale = (v[0].dot(v[0]) + v[1].dot(v[1]) + v[2].dot(v[2])) / 3;
        // ε ≈ 0.1° on angles: measured cells are noisy, and a right angle seen as 89.998° must count
        // as 90° or a hexagonal cell reduces to the γ = 60° form and misses its character.
        double e = 2e-3 * scale;
        for (int iter = 0; iter < 1000; iter++) {
            double A = v[0].dot(v[0]), B = v[1].dot(v[1]), C = v[2].dot(v[2]);
            double xi = 2 * v[1].dot(v[2]), eta = 2 * v[0].dot(v[2]), zeta = 2 * v[0].dot(v[1]);
            // A1
            if (A > B + e || (Math.abs(A - B) <= e && Math.abs(xi) > Math.abs(eta) + e)) {
                Vec3 t = v[0]; v[0] = v[1]; v[1] = t; v[2] = v[2].times(-1);
                continue;
            }
            // A2
            if (B > C + e || (Math.abs(B - C) <= e && Math.abs(eta) > Math.abs(zeta) + e)) {
                Vec3 t = v[1]; v[1] = v[2]; v[2] = t; v[0] = v[0].times(-1);
                continue;
            }
            // A3/A4: all off-diagonal terms positive (type I) or all non-positive (type II).
            int l = sgn(xi, e), m = sgn(eta, e), n = sgn(zeta, e);
            boolean typeOne = l * m * n > 0;
            int[] best = null;
            for (int s = 0; s < 8 && best == null; s++) {
                int i = (s & 1) == 0 ? 1 : -1, j = (s & 2) == 0 ? 1 : -1, k = (s & 4) == 0 ? 1 : -1;
                double x2 = j * k * xi, y2 = i * k * eta, z2 = i * j * zeta;
                boolean ok = typeOne ? (x2 > e && y2 > e && z2 > e) : (x2 <= e && y2 <= e && z2 <= e);
                if (ok) best = new int[] {i, j, k};
            }
            if (best != null && (best[0] != 1 || best[1] != 1 || best[2] != 1)) {
                v[0] = v[0].times(best[0]); v[1] = v[1].times(best[1]); v[2] = v[2].times(best[2]);
                xi = 2 * v[1].dot(v[2]); eta = 2 * v[0].dot(v[2]); zeta = 2 * v[0].dot(v[1]);
            }
            // A5
            if (Math.abs(xi) > B + e || (Math.abs(xi - B) <= e && 2 * eta < zeta - e) || (Math.abs(xi + B) <= e && zeta < -e)) {
                v[2] = v[2].minus(v[1].times(Math.signum(xi)));
                continue;
            }
            // A6
            if (Math.abs(eta) > A + e || (Math.abs(eta - A) <= e && 2 * xi < zeta - e) || (Math.abs(eta + A) <= e && zeta < -e)) {
                v[2] = v[2].minus(v[0].times(Math.signum(eta)));
                continue;
            }
            // A7
            if (Math.abs(zeta) > A + e || (Math.abs(zeta - A) <= e && 2 * xi < eta - e) || (Math.abs(zeta + A) <= e && eta < -e)) {
                v[1] = v[1].minus(v[0].times(Math.signum(zeta)));
                continue;
            }
            // A8
            double sum = xi + eta + zeta + A + B;
            if (sum < -e || (Math.abs(sum) <= e && 2 * (A + eta) + zeta > e)) {
                v[2] = v[2].plus(v[0]).plus(v[1]);
                continue;
            }
            if (v[0].cross(v[1]).dot(v[2]) < 0) { // right-handed; (−a,−b,−c) has the same metric
                v[0] = v[0].times(-1); v[1] = v[1].times(-1); v[2] = v[2].times(-1);
            }
            CrystalModel reduced = CrystalModel.ofRealBasis(v[0], v[1], v[2]);
            // M = new rows expressed in the old basis: M = Vnew · Vold⁻¹ (vectors as rows), rounded to integers.
            Mat3 mm = Mat3.ofRows(v[0], v[1], v[2]).times(Mat3.ofRows(orig[0], orig[1], orig[2]).inverse());
            double[] mv = mm.toArray();
            for (int q = 0; q < 9; q++) mv[q] = Math.rint(mv[q]);
            return new ReducedCell(reduced.unitCell(), new Mat3(mv), reduced);
        }
        throw new IllegalStateException("Niggli reduction did not converge for " + crystal.unitCell().format());
    }

    private static int sgn(double x, double e) { return x > e ? 1 : (x < -e ? -1 : 0); }
}
