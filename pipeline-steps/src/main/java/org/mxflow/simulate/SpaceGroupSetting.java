package org.mxflow.simulate;

import java.util.Arrays;
import java.util.List;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.symmetry.SymOp;

/**
 * The few facts about a space group the simulator needs: its operators (centring included),
 * the equivalence of Miller indices, and systematic absences.
 *
 * <p>A deliberately small seam: the symmetry module's full {@code SpaceGroup} can replace the
 * hand-entered groups here without touching the physics.
 *
 * @param number         International Tables number
 * @param hermannMauguin full symbol with spaces, e.g. "P 43 21 2" (the form gemmi and CCP4 print)
 * @param operators      all operators of the conventional cell, centring translations included
 */
public record SpaceGroupSetting(int number, String hermannMauguin, List<SymmetryOperator> operators) {

    public SpaceGroupSetting {
        operators = List.copyOf(operators);
    }

    static SpaceGroupSetting of(int number, String symbol, String... triplets) {
        return new SpaceGroupSetting(number, symbol, Arrays.stream(triplets).map(SymmetryOperator::parse).toList());
    }

    // Operators as gemmi 0.5.7 lists them (gemmi.SpaceGroup(symbol).operations()).
    public static SpaceGroupSetting p212121() {
        return of(19, "P 21 21 21", "x,y,z", "-x+1/2,-y,z+1/2", "x+1/2,-y+1/2,-z", "-x,y+1/2,-z+1/2");
    }

    public static SpaceGroupSetting p43212() {
        return of(96, "P 43 21 2", "x,y,z", "-y+1/2,x+1/2,z+3/4", "-x,-y,z+1/2", "y+1/2,-x+1/2,z+1/4",
                "x+1/2,-y+1/2,-z+1/4", "-y,-x,-z+1/2", "-x+1/2,y+1/2,-z+3/4", "y,x,-z");
    }

    public static SpaceGroupSetting c2() {
        return of(5, "C 1 2 1", "x,y,z", "-x,y,-z", "x+1/2,y+1/2,z", "-x+1/2,y+1/2,-z");
    }

    /** P4: its lattice has the (h,k,l) -> (k,h,-l) indexing ambiguity. */
    public static SpaceGroupSetting p4() {
        return of(75, "P 4", "x,y,z", "-y,x,z", "-x,-y,z", "y,-x,z");
    }

    /** Any space group in its reference setting, from the symmetry module's tables. */
    public static SpaceGroupSetting byNumber(int number) {
        return of(SpaceGroups.byNumber(number));
    }

    /** The operators of a symmetry-module space group (translations there are in 1/24). */
    public static SpaceGroupSetting of(SpaceGroup sg) {
        List<SymmetryOperator> ops = sg.operations().allOps().stream()
                .map(op -> {
                    int[] t = op.translation();
                    return new SymmetryOperator(op.rotation(),
                            new double[] {t[0] / (double) SymOp.DEN, t[1] / (double) SymOp.DEN, t[2] / (double) SymOp.DEN});
                })
                .toList();
        return new SpaceGroupSetting(sg.number(), sg.hermannMauguin(), ops);
    }

    /** Short symbol without spaces and without the unit "1"s of a monoclinic full symbol, e.g. "C2", "P43212". */
    public String shortSymbol() {
        String s = hermannMauguin.replace(" 1 ", " ").replace(" 1", "").replace(" ", "");
        return s;
    }

    /**
     * A canonical key for the set of reflections equivalent to (h,k,l) under the point group and
     * Friedel's law (no anomalous scattering is simulated): the lexicographically largest member.
     */
    public long uniqueKey(int h, int k, int l) {
        int[] best = null;
        for (SymmetryOperator op : operators) {
            int[] e = op.applyToMillerIndex(h, k, l);
            for (int s = 0; s < 2; s++) {
                if (best == null || compare(e, best) > 0) {
                    best = e.clone();
                }
                e[0] = -e[0];
                e[1] = -e[1];
                e[2] = -e[2];
            }
        }
        return pack(best[0], best[1], best[2]);
    }

    /** The representative (h,k,l) that {@link #uniqueKey} names. */
    public static int[] unpack(long key) {
        return new int[] {(int) ((key >> 42) & 0x1FFFFF) - (1 << 20), (int) ((key >> 21) & 0x1FFFFF) - (1 << 20),
            (int) (key & 0x1FFFFF) - (1 << 20)};
    }

    static long pack(int h, int k, int l) {
        return ((long) (h + (1 << 20)) << 42) | ((long) (k + (1 << 20)) << 21) | (long) (l + (1 << 20));
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** True when symmetry forces F(hkl) = 0: an operator maps h onto itself with a non-integral phase shift h·t. */
    public boolean isSystematicallyAbsent(int h, int k, int l) {
        for (SymmetryOperator op : operators) {
            int[] e = op.applyToMillerIndex(h, k, l);
            if (e[0] == h && e[1] == k && e[2] == l) {
                double shift = op.phaseShiftCycles(h, k, l);
                if (Math.abs(shift - Math.rint(shift)) > 1e-6) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Multiplicity ε of the reflection: how many operators (per lattice point) leave h unchanged. */
    public int epsilon(int h, int k, int l) {
        int n = 0;
        for (SymmetryOperator op : operators) {
            int[] e = op.applyToMillerIndex(h, k, l);
            if (e[0] == h && e[1] == k && e[2] == l) {
                n++;
            }
        }
        return n / centringCount();
    }

    /** Number of lattice points in the conventional cell (1 for P, 2 for C). */
    public int centringCount() {
        int n = 0;
        for (SymmetryOperator op : operators) {
            if (Arrays.equals(op.rotation(), new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1})) {
                n++;
            }
        }
        return n;
    }
}
