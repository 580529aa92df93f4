package org.mxflow.merge;

import java.util.Arrays;
import org.mxflow.reflection.MillerIndex;

/**
 * A change of indexing acting on Miller indices, h' = M·h with an integer matrix M
 * (row-major), written as cctbx writes it: "k,h,-l" means h' = k, k' = h, l' = −l.
 */
public record ReindexOperator(int[] matrix) {

    public ReindexOperator {
        if (matrix.length != 9) {
            throw new IllegalArgumentException("a reindexing matrix has 9 elements, got " + matrix.length);
        }
        matrix = matrix.clone();
    }

    public static ReindexOperator identity() {
        return new ReindexOperator(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    public MillerIndex apply(MillerIndex h) {
        int[] m = matrix;
        return new MillerIndex(m[0] * h.h() + m[1] * h.k() + m[2] * h.l(),
                m[3] * h.h() + m[4] * h.k() + m[5] * h.l(),
                m[6] * h.h() + m[7] * h.k() + m[8] * h.l());
    }

    /** This after {@code first}: h' = this·(first·h). */
    public ReindexOperator after(ReindexOperator first) {
        int[] a = matrix, b = first.matrix, c = new int[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return new ReindexOperator(c);
    }

    public int determinant() {
        int[] m = matrix;
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Inverse of a unimodular operator (det ±1). */
    public ReindexOperator inverse() {
        int det = determinant();
        if (Math.abs(det) != 1) {
            throw new IllegalStateException("operator " + this + " has determinant " + det + " and no integer inverse");
        }
        int[] m = matrix;
        int[] adj = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
        for (int i = 0; i < 9; i++) adj[i] *= det;
        return new ReindexOperator(adj);
    }

    public boolean isIdentity() {
        return Arrays.equals(matrix, identity().matrix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReindexOperator r && Arrays.equals(matrix, r.matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(matrix);
    }

    /** "h,k,l"-style text, e.g. "k,h,-l" or "-h-k,k,-l". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String[] v = {"h", "k", "l"};
        for (int r = 0; r < 3; r++) {
            if (r > 0) sb.append(',');
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < 3; c++) {
                int x = matrix[3 * r + c];
                if (x == 0) continue;
                if (x < 0) row.append('-');
                else if (row.length() > 0) row.append('+');
                if (Math.abs(x) != 1) row.append(Math.abs(x));
                row.append(v[c]);
            }
            sb.append(row.length() == 0 ? "0" : row);
        }
        return sb.toString();
    }
}
