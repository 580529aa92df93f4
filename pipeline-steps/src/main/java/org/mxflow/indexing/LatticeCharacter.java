package org.mxflow.indexing;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.geometry.Mat3;

/**
 * The 44 lattice characters of International Tables for Crystallography Vol. A, Table 9.2.5.1
 * (de Wolff & Gruber, Acta Cryst. A47 (1991) 29), as XDS IDXREF lists them. Each is a set of
 * linear conditions on the Niggli form (A = a·a, B = b·b, C = c·c, D = b·c, E = a·c, F = a·b)
 * plus its type (I: D, E, F all positive; II: all ≤ 0), and the integer transformation from the
 * reduced cell to the conventional cell of its Bravais lattice (rows: conventional vectors in
 * terms of the reduced a, b, c).
 *
 * <p>Condition notation as in the Tables: "A=B" equal edges, "D=A/2" etc.; "D*" is
 * 2|D+E+F| = A+B, i.e. −2(D+E+F) = A+B for type II. Character 43 (mI) is converted to the
 * C-centred setting by a' = a + c so that every monoclinic result is mC.
 */
public record LatticeCharacter(int number, BravaisLattice lattice, Type type, List<double[]> conditions, Mat3 transformation) {

    /** Niggli form type: I (acute, D·E·F &gt; 0), II (non-acute), or either. */
    public enum Type { I, II }

    private static final String LETTERS = "ABCDEF";

    /** The table, in the order of de Wolff & Gruber's search (which lists 5 before 4, etc.). */
    public static final List<LatticeCharacter> ALL = List.of(
            // A = B = C
            c(1, "cF", Type.I, "A=B,B=C,D=A/2,E=A/2,F=A/2", "1 -1 1/1 1 -1/-1 1 1"),
            c(2, "hR", Type.I, "A=B,B=C,E=D,F=D", "1 -1 0/-1 0 1/-1 -1 -1"),
            c(3, "cP", Type.II, "A=B,B=C,D=0,E=0,F=0", "1 0 0/0 1 0/0 0 1"),
            c(5, "cI", Type.II, "A=B,B=C,D=-A/3,E=-A/3,F=-A/3", "1 0 1/1 1 0/0 1 1"),
            c(4, "hR", Type.II, "A=B,B=C,E=D,F=D", "1 -1 0/-1 0 1/-1 -1 -1"),
            c(6, "tI", Type.II, "A=B,B=C,E=D,D*", "0 1 1/1 0 1/1 1 0"),
            c(7, "tI", Type.II, "A=B,B=C,F=E,D*", "1 0 1/1 1 0/0 1 1"),
            c(8, "oI", Type.II, "A=B,B=C,D*", "-1 -1 0/-1 0 -1/0 -1 -1"),
            // A = B
            c(9, "hR", Type.I, "A=B,D=A/2,E=A/2,F=A/2", "1 0 0/-1 1 0/-1 -1 3"),
            c(10, "mC", Type.I, "A=B,E=D", "1 1 0/1 -1 0/0 0 -1"),
            c(11, "tP", Type.II, "A=B,D=0,E=0,F=0", "1 0 0/0 1 0/0 0 1"),
            c(12, "hP", Type.II, "A=B,D=0,E=0,F=-A/2", "1 0 0/0 1 0/0 0 1"),
            c(13, "oC", Type.II, "A=B,D=0,E=0", "1 1 0/-1 1 0/0 0 1"),
            c(15, "tI", Type.II, "A=B,D=-A/2,E=-A/2,F=0", "1 0 0/0 1 0/1 1 2"),
            c(16, "oF", Type.II, "A=B,E=D,D*", "-1 -1 0/1 -1 0/1 1 2"),
            c(14, "mC", Type.II, "A=B,E=D", "1 1 0/-1 1 0/0 0 1"),
            c(17, "mC", Type.II, "A=B,D*", "1 -1 0/1 1 0/-1 0 -1"),
            // B = C
            c(18, "tI", Type.I, "B=C,D=A/4,E=A/2,F=A/2", "0 -1 1/1 -1 -1/1 0 0"),
            c(19, "oI", Type.I, "B=C,E=A/2,F=A/2", "-1 0 0/0 -1 1/-1 1 1"),
            c(20, "mC", Type.I, "B=C,F=E", "0 1 1/0 1 -1/-1 0 0"),
            c(21, "tP", Type.II, "B=C,D=0,E=0,F=0", "0 1 0/0 0 1/1 0 0"),
            c(22, "hP", Type.II, "B=C,D=-B/2,E=0,F=0", "0 1 0/0 0 1/1 0 0"),
            c(23, "oC", Type.II, "B=C,E=0,F=0", "0 1 1/0 -1 1/1 0 0"),
            c(24, "hR", Type.II, "B=C,E=-A/3,F=-A/3,D*", "1 2 1/0 -1 1/1 0 0"),
            c(25, "mC", Type.II, "B=C,F=E", "0 1 1/0 -1 1/1 0 0"),
            // no conditions on A, B, C
            c(26, "oF", Type.I, "D=A/4,E=A/2,F=A/2", "1 0 0/-1 2 0/-1 0 2"),
            c(27, "mC", Type.I, "E=A/2,F=A/2", "-1 2 0/-1 0 0/0 -1 1"),
            c(28, "mC", Type.I, "E=A/2,F=2D", "-1 0 0/-1 0 2/0 1 0"),
            c(29, "mC", Type.I, "E=2D,F=A/2", "1 0 0/1 -2 0/0 0 -1"),
            c(30, "mC", Type.I, "D=B/2,F=2E", "0 1 0/0 1 -2/-1 0 0"),
            c(31, "aP", Type.I, "", "1 0 0/0 1 0/0 0 1"),
            c(32, "oP", Type.II, "D=0,E=0,F=0", "1 0 0/0 1 0/0 0 1"),
            c(40, "oC", Type.II, "D=-B/2,E=0,F=0", "0 -1 0/0 1 2/-1 0 0"),
            c(35, "mP", Type.II, "E=0,F=0", "0 -1 0/-1 0 0/0 0 -1"),
            c(36, "oC", Type.II, "D=0,E=-A/2,F=0", "1 0 0/-1 0 -2/0 1 0"),
            c(33, "mP", Type.II, "D=0,F=0", "1 0 0/0 1 0/0 0 1"),
            c(38, "oC", Type.II, "D=0,E=0,F=-A/2", "-1 0 0/1 2 0/0 0 -1"),
            c(34, "mP", Type.II, "D=0,E=0", "-1 0 0/0 0 -1/0 -1 0"),
            c(42, "oI", Type.II, "D=-B/2,E=-A/2,F=0", "-1 0 0/0 -1 0/1 1 2"),
            c(41, "mC", Type.II, "D=-B/2,F=0", "0 -1 -2/0 -1 0/-1 0 0"),
            c(37, "mC", Type.II, "E=-A/2,F=0", "1 0 2/1 0 0/0 1 0"),
            c(39, "mC", Type.II, "E=0,F=-A/2", "-1 -2 0/-1 0 0/0 0 -1"),
            // mI (−1 0 0/−1 −1 −2/0 −1 0) followed by I→C: a' = a + c
            c(43, "mC", Type.II, "D*,2D+F=-B", "-1 -1 -2/-1 -1 -2/0 -1 0", true),
            c(44, "aP", Type.II, "", "1 0 0/0 1 0/0 0 1"));

    private static LatticeCharacter c(int n, String lattice, Type t, String cond, String matrix) {
        return c(n, lattice, t, cond, matrix, false);
    }

    private static LatticeCharacter c(int n, String lattice, Type t, String cond, String matrix, boolean mI) {
        List<double[]> conds = new ArrayList<>();
        for (String s : cond.split(",")) {
            if (s.isBlank()) continue;
            conds.add(parseCondition(s.trim()));
        }
        String[] rows = matrix.split("/");
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            String[] f = rows[i].trim().split("\\s+");
            for (int j = 0; j < 3; j++) m[3 * i + j] = Double.parseDouble(f[j]);
        }
        Mat3 tm = new Mat3(m);
        if (mI) {
            // The mI conventional basis of the Tables, then a_C = a_I + c_I (centring ½(a+b+c) becomes ½(a'+b)).
            Mat3 mi = new Mat3(-1, 0, 0, -1, -1, -2, 0, -1, 0);
            tm = new Mat3(1, 0, 1, 0, 1, 0, 0, 0, 1).times(mi);
        }
        return new LatticeCharacter(n, BravaisLattice.valueOf(lattice), t, List.copyOf(conds), tm);
    }

    /** A condition as a coefficient vector w with w·(A,B,C,D,E,F) = 0. */
    static double[] parseCondition(String s) {
        double[] w = new double[6];
        if (s.equals("D*")) { // −2(D+E+F) = A + B  ⇔  A + B + 2D + 2E + 2F = 0
            return new double[] {1, 1, 0, 2, 2, 2};
        }
        if (s.equals("2D+F=-B")) return new double[] {0, 1, 0, 2, 0, 1};
        String[] lr = s.split("=");
        w[LETTERS.indexOf(lr[0])] += 1;
        String rhs = lr[1];
        if (rhs.equals("0")) return w;
        double sign = 1;
        if (rhs.startsWith("-")) { sign = -1; rhs = rhs.substring(1); }
        double coef = 1;
        if (Character.isDigit(rhs.charAt(0))) { coef = rhs.charAt(0) - '0'; rhs = rhs.substring(1); }
        int letter = LETTERS.indexOf(rhs.charAt(0));
        if (rhs.length() > 1) coef /= Double.parseDouble(rhs.substring(2));
        w[letter] -= sign * coef;
        return w;
    }
}
