package org.mxflow.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Hall symbols (Hall 1981; Grosse-Kunstleve 1999 "explicit-origin" notation), the compact
 * generator notation from which every space group is built, e.g. "P 4nw 2abw" for P 43 21 2.
 *
 * <p>Grammar: [-]L then up to four matrix symbols [-]N[A][T...] and an optional change of
 * basis "(x,y,z+1/3)" or "(0 0 4)" (1/12 units). Implicit axes follow Hall's rules: the first
 * rotation is along c; a second 2-fold is along a after a 2- or 4-fold, along a-b after a 3-
 * or 6-fold; a third 3-fold is along a+b+c. The same algorithm as gemmi's symmetry.hpp and
 * cctbx's sgtbx (ported, not copied).
 */
public final class HallSymbol {

    private HallSymbol() {
    }

    /** The closed group of operations the symbol describes. */
    public static GroupOperations operations(String hall) {
        String s = hall.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty Hall symbol");
        }
        String cob = null;
        int paren = s.indexOf('(');
        if (paren >= 0) {
            int close = s.indexOf(')', paren);
            if (close < 0) {
                throw new IllegalArgumentException("missing ')' in Hall symbol '" + hall + "'");
            }
            cob = s.substring(paren + 1, close);
            s = s.substring(0, paren).trim();
        }
        List<SymOp> generators = new ArrayList<>();
        int p = 0;
        boolean centrosymmetric = s.charAt(0) == '-';
        if (centrosymmetric) {
            p++;
        }
        char lattice = Character.toUpperCase(s.charAt(p));
        List<int[]> centring = centringVectors(lattice, hall);
        String[] matrices = s.substring(p + 1).trim().isEmpty() ? new String[0] : s.substring(p + 1).trim().split("\\s+");
        if (matrices.length > 4) {
            throw new IllegalArgumentException("more than 4 matrix symbols in Hall symbol '" + hall + "'");
        }
        int previousN = 0;
        for (int i = 0; i < matrices.length; i++) {
            int[] prevOut = {previousN};
            generators.add(matrixSymbol(matrices[i], i + 1, prevOut, hall));
            previousN = prevOut[0];
        }
        if (centrosymmetric) {
            generators.add(new SymOp(new int[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}, new int[3]));
        }
        GroupOperations ops = GroupOperations.generate(generators, centring);
        if (cob != null) {
            ops = ops.changedBasis(changeOfBasis(cob, hall));
        }
        return ops;
    }

    static List<int[]> centringVectors(char lattice, String hall) {
        int h = SymOp.DEN / 2, t = SymOp.DEN / 3, tt = 2 * SymOp.DEN / 3;
        return switch (lattice) {
            case 'P' -> List.of();
            case 'A' -> List.of(new int[] {0, h, h});
            case 'B' -> List.of(new int[] {h, 0, h});
            case 'C' -> List.of(new int[] {h, h, 0});
            case 'I' -> List.of(new int[] {h, h, h});
            case 'R' -> List.of(new int[] {tt, t, t}, new int[] {t, tt, tt});
            case 'S' -> List.of(new int[] {t, t, tt}, new int[] {tt, tt, t});
            case 'T' -> List.of(new int[] {t, tt, t}, new int[] {tt, t, tt});
            case 'F' -> List.of(new int[] {0, h, h}, new int[] {h, 0, h}, new int[] {h, h, 0});
            default -> throw new IllegalArgumentException("unknown lattice symbol '" + lattice + "' in Hall symbol '" + hall + "'");
        };
    }

    /** Rotation (row-major) about c for N = 1, 2, 3, 4, 6, or the diagonal axes ' (a-b), " (a+b), * (a+b+c). */
    private static int[] rotationAboutZ(char kind, String hall) {
        return switch (kind) {
            case '1' -> new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            case '2' -> new int[] {-1, 0, 0, 0, -1, 0, 0, 0, 1};
            case '3' -> new int[] {0, -1, 0, 1, -1, 0, 0, 0, 1};
            case '4' -> new int[] {0, -1, 0, 1, 0, 0, 0, 0, 1};
            case '6' -> new int[] {1, -1, 0, 1, 0, 0, 0, 0, 1};
            case '\'' -> new int[] {0, -1, 0, -1, 0, 0, 0, 0, -1};
            case '"' -> new int[] {0, 1, 0, 1, 0, 0, 0, 0, -1};
            case '*' -> new int[] {0, 0, 1, 1, 0, 0, 0, 1, 0};
            default -> throw new IllegalArgumentException("bad rotation '" + kind + "' in Hall symbol '" + hall + "'");
        };
    }

    private static SymOp matrixSymbol(String sym, int position, int[] previousN, String hall) {
        int p = 0;
        boolean improper = sym.charAt(0) == '-';
        if (improper) {
            p++;
        }
        if (p >= sym.length() || "12346".indexOf(sym.charAt(p)) < 0) {
            throw new IllegalArgumentException("matrix symbol '" + sym + "' in Hall symbol '" + hall + "' must start with 1, 2, 3, 4 or 6");
        }
        int n = sym.charAt(p++) - '0';
        int screw = 0;
        char principal = 0;
        char diagonal = 0;
        int[] t = new int[3];
        int half = SymOp.DEN / 2, quarter = SymOp.DEN / 4;
        for (; p < sym.length(); p++) {
            char c = sym.charAt(p);
            switch (c) {
                case '1', '2', '3', '4', '5' -> {
                    if (screw != 0) {
                        throw new IllegalArgumentException("two screw subscripts in '" + sym + "' of Hall symbol '" + hall + "'");
                    }
                    screw = c - '0';
                }
                case '\'', '"', '*' -> {
                    if (n != (c == '*' ? 3 : 2)) {
                        throw new IllegalArgumentException("axis " + c + " does not fit rotation " + n + " in Hall symbol '" + hall + "'");
                    }
                    diagonal = c;
                }
                case 'x', 'y', 'z' -> principal = c;
                case 'a' -> t[0] += half;
                case 'b' -> t[1] += half;
                case 'c' -> t[2] += half;
                case 'n' -> { t[0] += half; t[1] += half; t[2] += half; }
                case 'u' -> t[0] += quarter;
                case 'v' -> t[1] += quarter;
                case 'w' -> t[2] += quarter;
                case 'd' -> { t[0] += quarter; t[1] += quarter; t[2] += quarter; }
                default -> throw new IllegalArgumentException("unknown character '" + c + "' in '" + sym + "' of Hall symbol '" + hall + "'");
            }
        }
        if (principal == 0 && diagonal == 0) {
            if (position == 1) {
                principal = 'z';
            } else if (position == 2 && n == 2) {
                if (previousN[0] == 2 || previousN[0] == 4) {
                    principal = 'x';
                } else if (previousN[0] == 3 || previousN[0] == 6) {
                    diagonal = '\'';
                }
            } else if (position == 3 && n == 3) {
                diagonal = '*';
            } else if (n != 1) {
                throw new IllegalArgumentException("matrix symbol '" + sym + "' in Hall symbol '" + hall + "' needs an axis");
            }
        }
        int[] r = rotationAboutZ(diagonal != 0 ? diagonal : (char) ('0' + n), hall);
        if (improper) {
            for (int i = 0; i < 9; i++) {
                r[i] = -r[i];
            }
        }
        // the z-axis matrices, with axes relabelled cyclically for rotations about a or b
        if (principal == 'x') {
            r = reorder(r, 2, 0, 1);
        } else if (principal == 'y') {
            r = reorder(r, 1, 2, 0);
        }
        if (screw != 0) {
            int axis = principal == 0 ? 2 : principal - 'x';
            t[axis] += SymOp.DEN / n * screw;
        }
        previousN[0] = n;
        return new SymOp(r, t);
    }

    private static int[] reorder(int[] r, int i, int j, int k) {
        int[] idx = {i, j, k};
        int[] out = new int[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                out[3 * a + b] = r[3 * idx[a] + idx[b]];
            }
        }
        return out;
    }

    private static SymOp changeOfBasis(String text, String hall) {
        String t = text.trim();
        if (t.contains(",")) {
            return SymOp.parse(t);
        }
        String[] f = t.split("\\s+");
        if (f.length != 3) {
            throw new IllegalArgumentException("change of basis '(" + text + ")' in Hall symbol '" + hall + "' needs 3 numbers");
        }
        int[] shift = new int[3];
        for (int i = 0; i < 3; i++) {
            shift[i] = Integer.parseInt(f[i]) * (SymOp.DEN / 12);
        }
        return new SymOp(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, shift);
    }
}
