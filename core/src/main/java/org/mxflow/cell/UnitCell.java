package org.mxflow.cell;

import org.mxflow.reflection.MillerIndex;

/**
 * A unit cell: edges a, b, c in Å and angles alpha, beta, gamma in degrees.
 *
 * <p>The orthogonalisation follows the PDB/CCP4 convention: a along x, b in the xy plane,
 * c* along z. Reciprocal quantities are in Å⁻¹ without the 2π factor, as crystallographers
 * (and XDS) use them.
 */
public record UnitCell(double a, double b, double c, double alpha, double beta, double gamma) {

    public UnitCell {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("cell edges must be positive: " + a + " " + b + " " + c);
        }
        if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180)) {
            throw new IllegalArgumentException("cell angles must lie in (0, 180) degrees: " + alpha + " " + beta + " " + gamma);
        }
        double v2 = volumeFactorSquared(alpha, beta, gamma);
        if (!(v2 > 0)) {
            throw new IllegalArgumentException("cell angles do not form a cell: " + alpha + " " + beta + " " + gamma);
        }
    }

    /** Parses "a b c alpha beta gamma" separated by spaces or commas. */
    public static UnitCell parse(String text) {
        String[] f = text.trim().split("[\\s,]+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a unit cell needs 6 numbers (a b c alpha beta gamma), got '" + text + "'");
        }
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unit cell value '" + f[i] + "' is not a number in '" + text + "'");
            }
        }
        return new UnitCell(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static double volumeFactorSquared(double alpha, double beta, double gamma) {
        double ca = cosd(alpha), cb = cosd(beta), cg = cosd(gamma);
        return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
    }

    static double cosd(double deg) {
        return Math.cos(Math.toRadians(deg));
    }

    static double sind(double deg) {
        return Math.sin(Math.toRadians(deg));
    }

    /** Cell volume in Å³. */
    public double volume() {
        return a * b * c * Math.sqrt(volumeFactorSquared(alpha, beta, gamma));
    }

    /** Direct metric tensor G (Å²), row-major 3x3: G_ij = a_i · a_j. */
    public double[] metric() {
        double ab = a * b * cosd(gamma), ac = a * c * cosd(beta), bc = b * c * cosd(alpha);
        return new double[] {a * a, ab, ac, ab, b * b, bc, ac, bc, c * c};
    }

    /** The reciprocal cell a*, b*, c* (Å⁻¹), alpha*, beta*, gamma* (degrees). */
    public UnitCell reciprocal() {
        double v = volume();
        double as = b * c * sind(alpha) / v;
        double bs = a * c * sind(beta) / v;
        double cs = a * b * sind(gamma) / v;
        double ca = cosd(alpha), cb = cosd(beta), cg = cosd(gamma);
        double alphas = Math.toDegrees(Math.acos((cb * cg - ca) / (sind(beta) * sind(gamma))));
        double betas = Math.toDegrees(Math.acos((ca * cg - cb) / (sind(alpha) * sind(gamma))));
        double gammas = Math.toDegrees(Math.acos((ca * cb - cg) / (sind(alpha) * sind(beta))));
        return new UnitCell(as, bs, cs, alphas, betas, gammas);
    }

    /** Reciprocal metric tensor G* (Å⁻²), the inverse of {@link #metric()}. */
    public double[] reciprocalMetric() {
        return reciprocal().metric();
    }

    /** 1/d² in Å⁻² for reflection h. */
    public double oneOverDSquared(int h, int k, int l) {
        double[] g = reciprocalMetric();
        return h * h * g[0] + k * k * g[4] + l * l * g[8]
                + 2 * (h * k * g[1] + h * l * g[2] + k * l * g[5]);
    }

    /**
     * 1/d² (Å⁻²) from a precomputed {@link #reciprocalMetric()}: for loops over many reflections,
     * where {@link #oneOverDSquared(int, int, int)} would recompute the metric every call.
     */
    public static double oneOverDSquared(double[] reciprocalMetric, int h, int k, int l) {
        double[] g = reciprocalMetric;
        return h * h * g[0] + k * k * g[4] + l * l * g[8] + 2 * (h * k * g[1] + h * l * g[2] + k * l * g[5]);
    }

    /** Interplanar spacing d in Å for reflection h; infinite for (0 0 0). */
    public double dSpacing(MillerIndex hkl) {
        return dSpacing(hkl.h(), hkl.k(), hkl.l());
    }

    public double dSpacing(int h, int k, int l) {
        return 1.0 / Math.sqrt(oneOverDSquared(h, k, l));
    }

    /**
     * Orthogonalisation matrix (row-major 3x3, Å) taking fractional to Cartesian coordinates
     * in the PDB convention: x along a, y in the ab plane, z along c*.
     */
    public double[] orthogonalization() {
        double ca = cosd(alpha), cb = cosd(beta), cg = cosd(gamma), sg = sind(gamma);
        double v = volume();
        return new double[] {
            a, b * cg, c * cb,
            0, b * sg, c * (ca - cb * cg) / sg,
            0, 0, v / (a * b * sg)
        };
    }

    /**
     * Fractionalisation matrix (row-major 3x3, Å⁻¹), the inverse of {@link #orthogonalization()}:
     * Cartesian Å to fractional coordinates.
     */
    public double[] fractionalization() {
        double[] o = orthogonalization();
        // upper triangular: invert directly
        double a11 = o[0], a12 = o[1], a13 = o[2], a22 = o[4], a23 = o[5], a33 = o[8];
        return new double[] {
            1 / a11, -a12 / (a11 * a22), (a12 * a23 - a13 * a22) / (a11 * a22 * a33),
            0, 1 / a22, -a23 / (a22 * a33),
            0, 0, 1 / a33
        };
    }

    /**
     * Whether the cell has the metric a lattice type requires, within relative edge tolerance
     * {@code relLength} and angle tolerance {@code angleDeg}: e.g. tP needs a = b and all
     * angles 90°; hP and hR (hexagonal axes) need a = b, α = β = 90°, γ = 120°; hR is also
     * accepted in rhombohedral axes (a = b = c, α = β = γ).
     */
    public boolean isCompatibleWith(org.mxflow.symmetry.LatticeType type, double relLength, double angleDeg) {
        boolean ab = close(a, b, relLength), bc = close(b, c, relLength);
        boolean al90 = Math.abs(alpha - 90) <= angleDeg, be90 = Math.abs(beta - 90) <= angleDeg, ga90 = Math.abs(gamma - 90) <= angleDeg;
        boolean hexagonal = ab && al90 && be90 && Math.abs(gamma - 120) <= angleDeg;
        return switch (type) {
            case aP -> true;
            case mP, mC -> al90 && ga90;
            case oP, oC, oI, oF -> al90 && be90 && ga90;
            case tP, tI -> ab && al90 && be90 && ga90;
            case hP -> hexagonal;
            case hR -> hexagonal || (ab && bc && Math.abs(alpha - beta) <= angleDeg && Math.abs(beta - gamma) <= angleDeg);
            case cP, cI, cF -> ab && bc && al90 && be90 && ga90;
        };
    }

    /** {@link #isCompatibleWith(org.mxflow.symmetry.LatticeType, double, double)} with 1 % and 1°. */
    public boolean isCompatibleWith(org.mxflow.symmetry.LatticeType type) {
        return isCompatibleWith(type, 0.01, 1.0);
    }

    private static boolean close(double x, double y, double rel) {
        return Math.abs(x - y) <= rel * Math.max(x, y);
    }

    /** Relative difference of two cells: largest relative edge difference or angle difference/90. */
    public double maxRelativeDifference(UnitCell o) {
        double d = Math.max(Math.abs(a - o.a) / a, Math.max(Math.abs(b - o.b) / b, Math.abs(c - o.c) / c));
        double ang = Math.max(Math.abs(alpha - o.alpha), Math.max(Math.abs(beta - o.beta), Math.abs(gamma - o.gamma)));
        return Math.max(d, ang / 90.0);
    }

    /** "a b c alpha beta gamma" with two decimals for edges and angles, as XDS prints cells. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%.3f %.3f %.3f %.3f %.3f %.3f", a, b, c, alpha, beta, gamma);
    }

    public double[] toArray() {
        return new double[] {a, b, c, alpha, beta, gamma};
    }
}
