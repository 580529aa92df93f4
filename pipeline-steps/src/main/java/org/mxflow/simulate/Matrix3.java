package org.mxflow.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A 3x3 real matrix, row-major: an orientation U, a reciprocal basis B or their product A = UB. */
public record Matrix3(double[] m) {

    public Matrix3 {
        if (m.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix needs 9 elements, got " + m.length);
        }
        m = m.clone();
    }

    public static Matrix3 identity() {
        return new Matrix3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    public double get(int row, int col) {
        return m[3 * row + col];
    }

    public double[] elements() {
        return m.clone();
    }

    public Vector3 times(Vector3 v) {
        return new Vector3(
                m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
                m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
                m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
    }

    public Vector3 times(double h, double k, double l) {
        return new Vector3(m[0] * h + m[1] * k + m[2] * l, m[3] * h + m[4] * k + m[5] * l, m[6] * h + m[7] * k + m[8] * l);
    }

    public Matrix3 times(Matrix3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += m[3 * i + k] * o.m[3 * k + j];
                }
                r[3 * i + j] = s;
            }
        }
        return new Matrix3(r);
    }

    public Matrix3 transpose() {
        return new Matrix3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    public double determinant() {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    public Matrix3 inverse() {
        double d = determinant();
        if (Math.abs(d) < 1e-300) {
            throw new ArithmeticException("singular matrix " + Arrays.toString(m));
        }
        return new Matrix3(new double[] {
            (m[4] * m[8] - m[5] * m[7]) / d, (m[2] * m[7] - m[1] * m[8]) / d, (m[1] * m[5] - m[2] * m[4]) / d,
            (m[5] * m[6] - m[3] * m[8]) / d, (m[0] * m[8] - m[2] * m[6]) / d, (m[2] * m[3] - m[0] * m[5]) / d,
            (m[3] * m[7] - m[4] * m[6]) / d, (m[1] * m[6] - m[0] * m[7]) / d, (m[0] * m[4] - m[1] * m[3]) / d});
    }

    /** Right-handed rotation by angleRad about a unit axis (Rodrigues), as DIALS and XDS rotate the goniometer. */
    public static Matrix3 rotation(Vector3 axis, double angleRad) {
        Vector3 e = axis.unit();
        double c = Math.cos(angleRad), s = Math.sin(angleRad), t = 1 - c;
        double x = e.x(), y = e.y(), z = e.z();
        return new Matrix3(new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c});
    }

    /** A rotation drawn uniformly from SO(3) (random unit quaternion, Shoemake 1992). */
    public static Matrix3 randomRotation(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble() * 2 * Math.PI, u3 = rng.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
        double qw = a * Math.sin(u2), qx = a * Math.cos(u2), qy = b * Math.sin(u3), qz = b * Math.cos(u3);
        return new Matrix3(new double[] {
            1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
            2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
            2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix3 other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return Arrays.toString(m);
    }
}
