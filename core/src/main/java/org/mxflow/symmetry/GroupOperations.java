package org.mxflow.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mxflow.reflection.MillerIndex;

/**
 * The operations of a space group, split as crystallographers (and gemmi, sgtbx) do: one
 * operation per rotation part ({@link #symOps()}, identity first; the coset representatives
 * modulo centring) and the centring vectors ({@link #centringVectors()}, 1/24 units, (0,0,0)
 * first). The full list is every symOp plus every centring vector.
 *
 * <p>Reflection properties follow the usual definitions: h is systematically absent when a
 * centring vector or an operation with h·R = h gives h·t non-integral; centric when some
 * h·R = -h; epsilon is the number of operations with h·R = h.
 */
public record GroupOperations(List<SymOp> symOps, List<int[]> centringVectors) {

    public GroupOperations {
        symOps = List.copyOf(symOps);
        List<int[]> copy = new ArrayList<>();
        for (int[] c : centringVectors) {
            copy.add(c.clone());
        }
        centringVectors = List.copyOf(copy);
    }

    /** Closes a set of generators (and centring vectors) into the full group. */
    public static GroupOperations generate(List<SymOp> generators, List<int[]> centring) {
        List<int[]> cen = closeCentring(centring);
        List<SymOp> ops = new ArrayList<>();
        ops.add(SymOp.identity());
        for (SymOp g : generators) {
            addIfNewRotation(ops, g);
        }
        // multiply until no new rotation appears; at most 48 rotations in a crystallographic group
        for (int i = 0; i < ops.size(); i++) {
            for (int j = 0; j < ops.size(); j++) {
                addIfNewRotation(ops, ops.get(i).combine(ops.get(j)));
                if (ops.size() > 48) {
                    throw new IllegalArgumentException("generators do not form a crystallographic group (over 48 rotations)");
                }
            }
        }
        return new GroupOperations(ops, cen);
    }

    private static void addIfNewRotation(List<SymOp> ops, SymOp op) {
        for (SymOp o : ops) {
            if (Arrays.equals(o.rotation(), op.rotation())) {
                return;
            }
        }
        ops.add(op);
    }

    private static List<int[]> closeCentring(List<int[]> centring) {
        List<int[]> cen = new ArrayList<>();
        cen.add(new int[3]);
        for (int[] c : centring) {
            addIfNew(cen, c);
        }
        for (int i = 0; i < cen.size(); i++) {
            for (int j = 0; j < cen.size(); j++) {
                int[] s = new int[3];
                for (int k = 0; k < 3; k++) {
                    s[k] = cen.get(i)[k] + cen.get(j)[k];
                }
                addIfNew(cen, s);
            }
        }
        return cen;
    }

    private static void addIfNew(List<int[]> list, int[] v) {
        int[] w = {Math.floorMod(v[0], SymOp.DEN), Math.floorMod(v[1], SymOp.DEN), Math.floorMod(v[2], SymOp.DEN)};
        for (int[] x : list) {
            if (Arrays.equals(x, w)) {
                return;
            }
        }
        list.add(w);
    }

    /** Number of operations including centring (the order of the space group per unit cell). */
    public int order() {
        return symOps.size() * centringVectors.size();
    }

    /** Every operation: each symOp combined with each centring vector. */
    public List<SymOp> allOps() {
        List<SymOp> all = new ArrayList<>();
        for (int[] c : centringVectors) {
            for (SymOp op : symOps) {
                all.add(op.translated(c));
            }
        }
        return all;
    }

    public boolean isCentrosymmetric() {
        for (SymOp op : symOps) {
            int[] r = op.rotation();
            if (r[0] == -1 && r[4] == -1 && r[8] == -1 && r[1] == 0 && r[2] == 0 && r[3] == 0 && r[5] == 0 && r[6] == 0 && r[7] == 0) {
                return true;
            }
        }
        return false;
    }

    public boolean isSystematicallyAbsent(MillerIndex hkl) {
        for (int[] c : centringVectors) {
            if (Math.floorMod(hkl.h() * c[0] + hkl.k() * c[1] + hkl.l() * c[2], SymOp.DEN) != 0) {
                return true;
            }
        }
        for (SymOp op : symOps) {
            if (op.applyToHkl(hkl).equals(hkl) && Math.floorMod(op.hDotT(hkl), SymOp.DEN) != 0) {
                return true;
            }
        }
        return false;
    }

    public boolean isCentric(MillerIndex hkl) {
        MillerIndex minus = hkl.negate();
        for (SymOp op : symOps) {
            if (op.applyToHkl(hkl).equals(minus)) {
                return true;
            }
        }
        return false;
    }

    /** Number of rotations that leave h unchanged (the point-group epsilon, as CCP4 uses). */
    public int epsilonWithoutCentring(MillerIndex hkl) {
        int n = 0;
        for (SymOp op : symOps) {
            if (op.applyToHkl(hkl).equals(hkl)) {
                n++;
            }
        }
        return n;
    }

    /** Epsilon counting centring too: {@link #epsilonWithoutCentring} times the centring multiplicity. */
    public int epsilon(MillerIndex hkl) {
        return epsilonWithoutCentring(hkl) * centringVectors.size();
    }

    /** The distinct indices symmetry-equivalent to h (h·R for every R), with -h·R too if asked. */
    public Set<MillerIndex> equivalents(MillerIndex hkl, boolean includeFriedel) {
        Set<MillerIndex> out = new LinkedHashSet<>();
        for (SymOp op : symOps) {
            MillerIndex e = op.applyToHkl(hkl);
            out.add(e);
            if (includeFriedel) {
                out.add(e.negate());
            }
        }
        return out;
    }

    /** The operations after a change of basis: op' = cob · op · cob⁻¹, centring vectors rotated. */
    public GroupOperations changedBasis(SymOp cob) {
        SymOp inv = cob.inverse();
        List<SymOp> ops = new ArrayList<>();
        for (SymOp op : symOps) {
            ops.add(cob.combine(op).combine(inv));
        }
        List<int[]> cen = new ArrayList<>();
        for (int[] c : centringVectors) {
            SymOp t = new SymOp(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, c);
            SymOp tt = cob.combine(t).combine(inv);
            cen.add(tt.translation());
        }
        return new GroupOperations(ops, cen);
    }
}
