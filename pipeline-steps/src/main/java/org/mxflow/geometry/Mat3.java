package org.mxflow.geometry;

import java.util.Arrays;

/** A 3x3 matrix, row-major; a value (the array is copied in and never exposed). */
public final class Mat3 {

    public static final Mat3 IDENTITY = new Mat3(1, 0, 0, 0, 1, 0, 0, 0, 1);

    private final double[] m;

    public Mat3(double... rowMajor) {
        if (rowMajor.length != 9) throw new IllegalArgumentException("a 3x3 matrix needs 9 numbers, got " + rowMajor.length);
        this.m = rowMajor.clone();
    }

    /** The matrix whose columns are the given vectors. */
    public static Mat3 ofColumns(Vec3 c0, Vec3 c1, Vec3 c2) {
        return new Mat3(c0.x(), c1.x(), c2.x(), c0.y(), c1.y(), c2.y(), c0.z(), c1.z(), c2.z());
    }

    /** The matrix whose rows are the given vectors. */
    public static Mat3 ofRows(Vec3 r0, Vec3 r1, Vec3 r2) {
        return new Mat3(r0.x(), r0.y(), r0.z(), r1.x(), r1.y(), r1.z(), r2.x(), r2.y(), r2.z());
    }

    /** Rotation by angle (radians) about a unit axis, right-handed. */
    public static Mat3 rotation(Vec3 unitAxis, double angleRad) {
        return ofColumns(new Vec3(1, 0, 0).rotated(unitAxis, angleRad),
                new Vec3(0, 1, 0).rotated(unitAxis, angleRad),
                new Vec3(0, 0, 1).rotated(unitAxis, angleRad));
    }

    public double get(int row, int col) { return m[3 * row + col]; }

    public Vec3 column(int c) { return new Vec3(m[c], m[3 + c], m[6 + c]); }

    public Vec3 row(int r) { return new Vec3(m[3 * r], m[3 * r + 1], m[3 * r + 2]); }

    public Vec3 times(Vec3 v) {
        return new Vec3(m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
                m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
                m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
    }

    public Vec3 times(double h, double k, double l) { return times(new Vec3(h, k, l)); }

    public Mat3 times(Mat3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[3 * i + j] = m[3 * i] * o.m[j] + m[3 * i + 1] * o.m[3 + j] + m[3 * i + 2] * o.m[6 + j];
        return new Mat3(r);
    }

    public Mat3 times(double s) {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) r[i] *= s;
        return new Mat3(r);
    }

    public Mat3 plus(Mat3 o) {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) r[i] += o.m[i];
        return new Mat3(r);
    }

    public Mat3 transpose() {
        return new Mat3(m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]);
    }

    public double determinant() {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    public Mat3 inverse() {
        double d = determinant();
        if (d == 0 || !Double.isFinite(d)) throw new ArithmeticException("singular 3x3 matrix");
        return new Mat3(
                (m[4] * m[8] - m[5] * m[7]) / d, (m[2] * m[7] - m[1] * m[8]) / d, (m[1] * m[5] - m[2] * m[4]) / d,
                (m[5] * m[6] - m[3] * m[8]) / d, (m[0] * m[8] - m[2] * m[6]) / d, (m[2] * m[3] - m[0] * m[5]) / d,
                (m[3] * m[7] - m[4] * m[6]) / d, (m[1] * m[6] - m[0] * m[7]) / d, (m[0] * m[4] - m[1] * m[3]) / d);
    }

    public double[] toArray() { return m.clone(); }

    @Override public boolean equals(Object o) { return o instanceof Mat3 other && Arrays.equals(m, other.m); }

    @Override public int hashCode() { return Arrays.hashCode(m); }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "[%.5f %.5f %.5f; %.5f %.5f %.5f; %.5f %.5f %.5f]",
                m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }
}
