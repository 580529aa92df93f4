package org.mxflow.simulate;

/** A vector in the laboratory or crystal Cartesian frame (units set by the caller, usually Å⁻¹ or mm). */
public record Vector3(double x, double y, double z) {

    public Vector3 plus(Vector3 o) {
        return new Vector3(x + o.x, y + o.y, z + o.z);
    }

    public Vector3 minus(Vector3 o) {
        return new Vector3(x - o.x, y - o.y, z - o.z);
    }

    public Vector3 times(double f) {
        return new Vector3(x * f, y * f, z * f);
    }

    public double dot(Vector3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vector3 cross(Vector3 o) {
        return new Vector3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    public Vector3 unit() {
        double n = length();
        return new Vector3(x / n, y / n, z / n);
    }
}
