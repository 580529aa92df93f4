package org.mxflow.simulate;

import java.util.Locale;

/**
 * A space-group operator x' = R x + t on fractional coordinates.
 *
 * @param rotation    R, row-major 3x3 integers
 * @param translation t in fractions of the cell edges
 */
public record SymmetryOperator(int[] rotation, double[] translation) {

    public SymmetryOperator {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("an operator needs a 3x3 rotation and a 3-vector translation");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    /** Parses a coordinate triplet such as {@code -y+1/2,x+1/2,z+3/4} (the notation of the International Tables). */
    public static SymmetryOperator parse(String triplet) {
        String[] parts = triplet.replace(" ", "").toLowerCase(Locale.ROOT).split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("symmetry operator '" + triplet + "' needs three comma-separated parts");
        }
        int[] r = new int[9];
        double[] t = new double[3];
        for (int row = 0; row < 3; row++) {
            String p = parts[row];
            int i = 0;
            while (i < p.length()) {
                int sign = 1;
                char c = p.charAt(i);
                if (c == '+' || c == '-') {
                    sign = c == '-' ? -1 : 1;
                    i++;
                }
                if (i >= p.length()) {
                    throw new IllegalArgumentException("symmetry operator '" + triplet + "' ends with a sign");
                }
                c = p.charAt(i);
                if (c == 'x' || c == 'y' || c == 'z') {
                    r[3 * row + (c - 'x')] += sign;
                    i++;
                } else {
                    int j = i;
                    while (j < p.length() && (Character.isDigit(p.charAt(j)) || p.charAt(j) == '/' || p.charAt(j) == '.')) {
                        j++;
                    }
                    String num = p.substring(i, j);
                    if (num.isEmpty()) {
                        throw new IllegalArgumentException("symmetry operator '" + triplet + "': cannot read '" + p + "'");
                    }
                    String[] fr = num.split("/");
                    double v = Double.parseDouble(fr[0]) / (fr.length > 1 ? Double.parseDouble(fr[1]) : 1);
                    t[row] += sign * v;
                    i = j;
                }
            }
        }
        return new SymmetryOperator(r, t);
    }

    /** Applies the operator to fractional coordinates. */
    public double[] apply(double[] xyz) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = rotation[3 * i] * xyz[0] + rotation[3 * i + 1] * xyz[1] + rotation[3 * i + 2] * xyz[2] + translation[i];
        }
        return out;
    }

    /** The Miller index equivalent under this operator, h' = h R (row vector times R). */
    public int[] applyToMillerIndex(int h, int k, int l) {
        return new int[] {
            h * rotation[0] + k * rotation[3] + l * rotation[6],
            h * rotation[1] + k * rotation[4] + l * rotation[7],
            h * rotation[2] + k * rotation[5] + l * rotation[8]};
    }

    /** The phase shift h·t in cycles that relates F(hR) to F(h). */
    public double phaseShiftCycles(int h, int k, int l) {
        return h * translation[0] + k * translation[1] + l * translation[2];
    }
}
