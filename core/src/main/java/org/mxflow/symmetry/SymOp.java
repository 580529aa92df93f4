package org.mxflow.symmetry;

import java.util.Arrays;
import org.mxflow.reflection.MillerIndex;

/**
 * One symmetry operation x' = R·x + t on fractional coordinates: an integer 3x3 rotation R
 * (row-major) and a translation t in units of 1/{@value #DEN} of a cell edge, as gemmi and
 * sgtbx keep them (every crystallographic translation is a multiple of 1/24).
 *
 * <p>On Miller indices the operation acts as h' = h·R, and a structure factor picks up the
 * phase shift -2π h·t: φ(h·R) = φ(h) + {@link #phaseShift(MillerIndex)}.
 */
public final class SymOp {

    /** Denominator of translations. */
    public static final int DEN = 24;

    private static final SymOp IDENTITY = new SymOp(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[3]);

    private final int[] rot;
    private final int[] tran;

    /** @param rotation row-major 3x3 integers; @param translation in 1/24, wrapped into [0, 24). */
    public SymOp(int[] rotation, int[] translation) {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("a symmetry operation needs 9 rotation and 3 translation numbers");
        }
        this.rot = rotation.clone();
        this.tran = new int[3];
        for (int i = 0; i < 3; i++) {
            tran[i] = Math.floorMod(translation[i], DEN);
        }
    }

    public static SymOp identity() {
        return IDENTITY;
    }

    /** Rotation element R[row][col]. */
    public int rot(int row, int col) {
        return rot[3 * row + col];
    }

    /** Translation component i in 1/24, in [0, 24). */
    public int tran(int i) {
        return tran[i];
    }

    public int[] rotation() {
        return rot.clone();
    }

    public int[] translation() {
        return tran.clone();
    }

    /** The operation "this after other": x -> this(other(x)). */
    public SymOp combine(SymOp other) {
        int[] r = new int[9];
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int s = 0;
                for (int k = 0; k < 3; k++) {
                    s += rot(i, k) * other.rot(k, j);
                }
                r[3 * i + j] = s;
            }
            int s = tran[i];
            for (int k = 0; k < 3; k++) {
                s += rot(i, k) * other.tran[k];
            }
            t[i] = s;
        }
        return new SymOp(r, t);
    }

    /** The inverse operation; the rotation must have determinant ±1 (always so for space groups). */
    public SymOp inverse() {
        int det = determinant();
        if (det != 1 && det != -1) {
            throw new IllegalStateException("operation " + triplet() + " has determinant " + det + ", not ±1");
        }
        int[] inv = new int[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // adjugate: cofactor of (j, i)
                int a = (j + 1) % 3, b = (j + 2) % 3, c = (i + 1) % 3, d = (i + 2) % 3;
                inv[3 * i + j] = (rot(a, c) * rot(b, d) - rot(a, d) * rot(b, c)) * det;
            }
        }
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            int s = 0;
            for (int k = 0; k < 3; k++) {
                s -= inv[3 * i + k] * tran[k];
            }
            t[i] = s;
        }
        return new SymOp(inv, t);
    }

    public int determinant() {
        return rot(0, 0) * (rot(1, 1) * rot(2, 2) - rot(1, 2) * rot(2, 1))
                - rot(0, 1) * (rot(1, 0) * rot(2, 2) - rot(1, 2) * rot(2, 0))
                + rot(0, 2) * (rot(1, 0) * rot(2, 1) - rot(1, 1) * rot(2, 0));
    }

    /** The same operation with translation t + shift (1/24 units). */
    public SymOp translated(int[] shift) {
        return new SymOp(rot, new int[] {tran[0] + shift[0], tran[1] + shift[1], tran[2] + shift[2]});
    }

    /** The operation with the rotation negated (R -> -R), translation kept. */
    public SymOp negatedRotation() {
        int[] r = new int[9];
        for (int i = 0; i < 9; i++) {
            r[i] = -rot[i];
        }
        return new SymOp(r, tran);
    }

    /** Applies the operation to fractional coordinates (no wrapping into the cell). */
    public double[] applyToFractional(double[] x) {
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            y[i] = rot(i, 0) * x[0] + rot(i, 1) * x[1] + rot(i, 2) * x[2] + tran[i] / (double) DEN;
        }
        return y;
    }

    /** h' = h·R. */
    public MillerIndex applyToHkl(MillerIndex hkl) {
        return applyToHkl(hkl.h(), hkl.k(), hkl.l());
    }

    public MillerIndex applyToHkl(int h, int k, int l) {
        return new MillerIndex(
                h * rot(0, 0) + k * rot(1, 0) + l * rot(2, 0),
                h * rot(0, 1) + k * rot(1, 1) + l * rot(2, 1),
                h * rot(0, 2) + k * rot(1, 2) + l * rot(2, 2));
    }

    /** h·t in units of 1/24 of a cycle (not wrapped). */
    public int hDotT(MillerIndex hkl) {
        return hkl.h() * tran[0] + hkl.k() * tran[1] + hkl.l() * tran[2];
    }

    /** Phase shift in radians, -2π h·t: the phase of F(h·R) is φ(h) plus this. */
    public double phaseShift(MillerIndex hkl) {
        return -2 * Math.PI * hDotT(hkl) / DEN;
    }

    /** Parses an operation written as a triplet such as "-y+1/2,x+1/2,z+3/4" or "1/2+X, Y, -Z". */
    public static SymOp parse(String triplet) {
        return TripletParser.parse(triplet);
    }

    /** The operation as a triplet in gemmi's style, e.g. "-y+1/2,x+1/2,z+3/4". */
    public String triplet() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int start = sb.length();
            for (int j = 0; j < 3; j++) {
                int c = rot(i, j);
                if (c == 0) {
                    continue;
                }
                if (c < 0) {
                    sb.append('-');
                } else if (sb.length() > start) {
                    sb.append('+');
                }
                if (Math.abs(c) != 1) {
                    sb.append(Math.abs(c)).append('*');
                }
                sb.append("xyz".charAt(j));
            }
            if (tran[i] != 0) {
                int g = gcd(tran[i], DEN);
                if (sb.length() > start) {
                    sb.append('+');
                }
                sb.append(tran[i] / g).append('/').append(DEN / g);
            } else if (sb.length() == start) {
                sb.append('0');
            }
        }
        return sb.toString();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymOp s && Arrays.equals(rot, s.rot) && Arrays.equals(tran, s.tran);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rot) + Arrays.hashCode(tran);
    }

    @Override
    public String toString() {
        return triplet();
    }
}
