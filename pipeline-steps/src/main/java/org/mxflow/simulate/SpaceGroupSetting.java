package org.mxflow.simulate;

import java.util.Arrays;
import java.util.List;
import org.mxflow.reflection.MillerIndex;
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
public record SpaceGroupSetting(int number, String hermannMauguin, List<SymOp> operators) {

    public SpaceGroupSetting {
        operators = List.copyOf(operators);
    }

    static SpaceGroupSetting of(int number, String symbol, String... triplets) {
        return new SpaceGroupSetting(number, symbol, Arrays.stream(triplets).map(SymOp::parse).toList());
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

    /** The operators of a symmetry-module space group. */
    public static SpaceGroupSetting of(SpaceGroup sg) {
        return new SpaceGroupSetting(sg.number(), sg.hermannMauguin(), sg.operations().allOps());
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
        for (SymOp op : operators) {
            int[] e = timesRotation(op, h, k, l);
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
        for (SymOp op : operators) {
            int[] e = timesRotation(op, h, k, l);
            if (e[0] == h && e[1] == k && e[2] == l
                    && Math.floorMod(op.hDotT(new MillerIndex(h, k, l)), SymOp.DEN) != 0) {
                return true;
            }
        }
        return false;
    }

    /** h' = h·R as a fresh array (the key search negates it in place for the Friedel mate). */
    private static int[] timesRotation(SymOp op, int h, int k, int l) {
        return new int[] {
            h * op.rot(0, 0) + k * op.rot(1, 0) + l * op.rot(2, 0),
            h * op.rot(0, 1) + k * op.rot(1, 1) + l * op.rot(2, 1),
            h * op.rot(0, 2) + k * op.rot(1, 2) + l * op.rot(2, 2)};
    }

    /** Multiplicity ε of the reflection: how many operators (per lattice point) leave h unchanged. */
    public int epsilon(int h, int k, int l) {
        int n = 0;
        for (SymOp op : operators) {
            int[] e = timesRotation(op, h, k, l);
            if (e[0] == h && e[1] == k && e[2] == l) {
                n++;
            }
        }
        return n / centringCount();
    }

    /** Number of lattice points in the conventional cell (1 for P, 2 for C). */
    public int centringCount() {
        int n = 0;
        for (SymOp op : operators) {
            if (Arrays.equals(op.rotation(), SymOp.identity().rotation())) {
                n++;
            }
        }
        return n;
    }
}
