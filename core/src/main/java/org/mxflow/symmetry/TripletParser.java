package org.mxflow.symmetry;

/** Parses "x,y,z"-style operation triplets ("-y+1/2, x, z+0.25", "1/2+X,Y,-Z") into a {@link SymOp}. */
final class TripletParser {

    private TripletParser() {
    }

    static SymOp parse(String triplet) {
        String s = triplet.replace(" ", "").replace("\t", "").toLowerCase(java.util.Locale.ROOT);
        String[] rows = s.split(",", -1);
        if (rows.length != 3) {
            throw new IllegalArgumentException("symmetry operation '" + triplet + "' needs 3 comma-separated parts");
        }
        int[] rot = new int[9];
        int[] tran = new int[3];
        for (int i = 0; i < 3; i++) {
            parseRow(rows[i], i, rot, tran, triplet);
        }
        return new SymOp(rot, tran);
    }

    private static void parseRow(String row, int i, int[] rot, int[] tran, String whole) {
        if (row.isEmpty()) {
            throw new IllegalArgumentException("empty part in symmetry operation '" + whole + "'");
        }
        int p = 0;
        while (p < row.length()) {
            int sign = 1;
            char c = row.charAt(p);
            if (c == '+' || c == '-') {
                sign = c == '-' ? -1 : 1;
                p++;
            }
            if (p >= row.length()) {
                throw bad(whole, row);
            }
            // optional number (integer, decimal or fraction), optional '*', optional axis letter
            int start = p;
            while (p < row.length() && (Character.isDigit(row.charAt(p)) || row.charAt(p) == '.' || row.charAt(p) == '/')) {
                p++;
            }
            String number = row.substring(start, p);
            if (p < row.length() && row.charAt(p) == '*') {
                p++;
            }
            int axis = -1;
            if (p < row.length() && "xyz".indexOf(row.charAt(p)) >= 0) {
                axis = row.charAt(p) - 'x';
                p++;
            }
            if (axis >= 0) {
                int coeff = number.isEmpty() ? 1 : Integer.parseInt(number);
                rot[3 * i + axis] += sign * coeff;
            } else if (!number.isEmpty()) {
                tran[i] += sign * toTwentyFourths(number, whole);
            } else {
                throw bad(whole, row);
            }
            if (p < row.length() && row.charAt(p) != '+' && row.charAt(p) != '-') {
                throw bad(whole, row);
            }
        }
    }

    private static int toTwentyFourths(String number, String whole) {
        try {
            double v;
            int slash = number.indexOf('/');
            if (slash >= 0) {
                v = Double.parseDouble(number.substring(0, slash)) / Double.parseDouble(number.substring(slash + 1));
            } else {
                v = Double.parseDouble(number);
            }
            double t = v * SymOp.DEN;
            long r = Math.round(t);
            if (Math.abs(t - r) > 1e-6) {
                throw new IllegalArgumentException("translation " + number + " in '" + whole + "' is not a multiple of 1/24");
            }
            return (int) r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + number + "' in symmetry operation '" + whole + "'");
        }
    }

    private static IllegalArgumentException bad(String whole, String row) {
        return new IllegalArgumentException("cannot read '" + row + "' in symmetry operation '" + whole + "'");
    }
}
