package org.mxflow.cell;

/**
 * Niggli reduction of a primitive cell from its metric alone (no orientation), with the integer
 * change of basis that produces it.
 *
 * <p>Křivý &amp; Gruber (1976), steps A1–A8, with the ε of Grosse-Kunstleve, Sauter &amp; Adams
 * (2004) scaled for measured cells (ε = 0.002·(A+B+C)/3, about 0.1° on angles), the same
 * algorithm the indexer's {@code ReducedCell} applies to basis vectors. Each step acts on the
 * rows of an integer matrix M (new basis vectors in terms of the input ones: a'ᵢ = Σ Mᵢⱼ aⱼ), and
 * the metric is recomputed as M·G·Mᵀ, so M is exact. Miller indices transform as the basis does,
 * h' = M·h. The result is right-handed (det M = +1). A centred conventional cell must first be
 * made primitive ({@link #primitiveFromConventional}).
 */
public final class CellReduction {

    /**
     * A reduced cell and the change of basis to it.
     *
     * @param cell   the Niggli cell (Å, °)
     * @param matrix row-major 3×3 integer matrix M, det +1: reduced basis = M · input basis
     */
    public record Reduced(UnitCell cell, int[] matrix) {
        public Reduced {
            matrix = matrix.clone();
        }

        @Override
        public int[] matrix() {
            return matrix.clone();
        }
    }

    private CellReduction() {}

    /** The Niggli cell of a primitive cell. */
    public static Reduced niggli(UnitCell primitive) {
        double[] g0 = primitive.metric();
        int[][] m = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double e = 2e-3 * (g0[0] + g0[4] + g0[8]) / 3;
        for (int iter = 0; iter < 1000; iter++) {
            double[] g = transform(m, g0);
            double a = g[0], b = g[4], c = g[8];
            double xi = 2 * g[5], eta = 2 * g[2], zeta = 2 * g[1];
            if (a > b + e || (Math.abs(a - b) <= e && Math.abs(xi) > Math.abs(eta) + e)) { // A1
                int[] t = m[0]; m[0] = m[1]; m[1] = t; m[2] = times(m[2], -1);
                continue;
            }
            if (b > c + e || (Math.abs(b - c) <= e && Math.abs(eta) > Math.abs(zeta) + e)) { // A2
                int[] t = m[1]; m[1] = m[2]; m[2] = t; m[0] = times(m[0], -1);
                continue;
            }
            // A3/A4: all off-diagonal terms positive (type I) or all non-positive (type II).
            int l = sgn(xi, e), mm = sgn(eta, e), n = sgn(zeta, e);
            boolean typeOne = l * mm * n > 0;
            for (int s = 0; s < 8; s++) {
                int i = (s & 1) == 0 ? 1 : -1, j = (s & 2) == 0 ? 1 : -1, k = (s & 4) == 0 ? 1 : -1;
                double x2 = j * k * xi, y2 = i * k * eta, z2 = i * j * zeta;
                boolean ok = typeOne ? (x2 > e && y2 > e && z2 > e) : (x2 <= e && y2 <= e && z2 <= e);
                if (ok) {
                    m[0] = times(m[0], i); m[1] = times(m[1], j); m[2] = times(m[2], k);
                    xi = j * k * xi; eta = i * k * eta; zeta = i * j * zeta;
                    break;
                }
            }
            if (Math.abs(xi) > b + e || (Math.abs(xi - b) <= e && 2 * eta < zeta - e) || (Math.abs(xi + b) <= e && zeta < -e)) { // A5
                m[2] = minus(m[2], times(m[1], (int) Math.signum(xi)));
                continue;
            }
            if (Math.abs(eta) > a + e || (Math.abs(eta - a) <= e && 2 * xi < zeta - e) || (Math.abs(eta + a) <= e && zeta < -e)) { // A6
                m[2] = minus(m[2], times(m[0], (int) Math.signum(eta)));
                continue;
            }
            if (Math.abs(zeta) > a + e || (Math.abs(zeta - a) <= e && 2 * xi < eta - e) || (Math.abs(zeta + a) <= e && eta < -e)) { // A7
                m[1] = minus(m[1], times(m[0], (int) Math.signum(zeta)));
                continue;
            }
            double sum = xi + eta + zeta + a + b;
            if (sum < -e || (Math.abs(sum) <= e && 2 * (a + eta) + zeta > e)) { // A8
                m[2] = plus(plus(m[2], m[0]), m[1]);
                continue;
            }
            int[] flat = {m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]};
            if (determinant(flat) < 0) { // (−a, −b, −c) has the same metric and is right-handed
                for (int q = 0; q < 9; q++) flat[q] = -flat[q];
            }
            return new Reduced(fromMetric(transform(flat, g0)), flat);
        }
        throw new IllegalStateException("Niggli reduction did not converge for " + primitive.format());
    }

    /**
     * The change of basis from a conventional cell with centring {@code lattice} (P, A, B, C, I, F,
     * or R for rhombohedral centring on hexagonal axes, obverse) to a primitive one, row-major: the
     * primitive basis vectors in terms of the conventional ones (fractions 1/2 or 1/3).
     */
    public static double[] primitiveFromConventional(char lattice) {
        double h = 0.5, t = 1.0 / 3;
        return switch (lattice) {
            case 'P' -> new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            case 'A' -> new double[] {1, 0, 0, 0, h, h, 0, -h, h};
            case 'B' -> new double[] {h, 0, h, 0, 1, 0, -h, 0, h};
            case 'C' -> new double[] {h, h, 0, -h, h, 0, 0, 0, 1};
            case 'I' -> new double[] {-h, h, h, h, -h, h, h, h, -h};
            case 'F' -> new double[] {0, h, h, h, 0, h, h, h, 0};
            case 'R' -> new double[] {2 * t, t, t, -t, t, t, -t, -2 * t, t};
            default -> throw new IllegalArgumentException("unknown lattice centring '" + lattice + "'");
        };
    }

    /** The cell whose basis is M·(basis of {@code cell}), for any real 3×3 M (row-major). */
    public static UnitCell transformed(UnitCell cell, double[] m) {
        return fromMetric(transform(m, cell.metric()));
    }

    /** The cell of a metric tensor G (Å², row-major). */
    public static UnitCell fromMetric(double[] g) {
        double a = Math.sqrt(g[0]), b = Math.sqrt(g[4]), c = Math.sqrt(g[8]);
        return new UnitCell(a, b, c, Math.toDegrees(Math.acos(clamp(g[5] / (b * c)))), Math.toDegrees(Math.acos(clamp(g[2] / (a * c)))),
                Math.toDegrees(Math.acos(clamp(g[1] / (a * b)))));
    }

    /** M·G·Mᵀ. */
    public static double[] transform(double[] m, double[] g) {
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) s += m[3 * i + p] * g[3 * p + q] * m[3 * j + q];
                }
                out[3 * i + j] = s;
            }
        }
        return out;
    }

    private static double[] transform(int[] m, double[] g) {
        double[] d = new double[9];
        for (int i = 0; i < 9; i++) d[i] = m[i];
        return transform(d, g);
    }

    private static double[] transform(int[][] m, double[] g) {
        return transform(new int[] {m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]}, g);
    }

    static int determinant(int[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static int[] times(int[] v, int s) {
        return new int[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static int[] minus(int[] v, int[] w) {
        return new int[] {v[0] - w[0], v[1] - w[1], v[2] - w[2]};
    }

    private static int[] plus(int[] v, int[] w) {
        return new int[] {v[0] + w[0], v[1] + w[1], v[2] + w[2]};
    }

    private static int sgn(double x, double e) {
        return x > e ? 1 : (x < -e ? -1 : 0);
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }
}
