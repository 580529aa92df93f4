package org.mxflow.geometry;

/** A 3-vector in the laboratory (or any Cartesian) frame; units given by the caller (mm, Å⁻¹, ...). */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }

    public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }

    public Vec3 times(double s) { return new Vec3(x * s, y * s, z * s); }

    public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }

    public Vec3 cross(Vec3 o) { return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }

    public double length() { return Math.sqrt(dot(this)); }

    public Vec3 normalized() {
        double l = length();
        if (!(l > 0)) throw new IllegalArgumentException("cannot normalise a zero vector");
        return times(1 / l);
    }

    /** Angle to another vector in degrees. */
    public double angleDeg(Vec3 o) {
        double c = dot(o) / (length() * o.length());
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /**
     * This vector rotated by angle (radians) about a unit axis, right-handed (Rodrigues):
     * v' = v cosφ + (e × v) sinφ + e (e·v)(1 − cosφ).
     */
    public Vec3 rotated(Vec3 unitAxis, double angleRad) {
        double c = Math.cos(angleRad), s = Math.sin(angleRad);
        Vec3 exv = unitAxis.cross(this);
        double ed = unitAxis.dot(this) * (1 - c);
        return new Vec3(x * c + exv.x * s + unitAxis.x * ed,
                y * c + exv.y * s + unitAxis.y * ed,
                z * c + exv.z * s + unitAxis.z * ed);
    }

    public double[] toArray() { return new double[] {x, y, z}; }
}
