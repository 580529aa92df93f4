package org.mxflow.mtz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * FreeR_flag (the refinement test set) copied from a user's reference MTZ, as KAMO copies it into
 * every run's {@code ccp4/xscale.mtz} so that all merged datasets of a project share one test set.
 *
 * <p>The reference's flag column is {@code FreeR_flag}, else the first column of type I whose label
 * contains "free" (any case). Its reflections may be listed in another ASU choice of the same point
 * group: each is mapped to the merge's ASU ({@link ReciprocalAsu#toAsu}, Friedel mates included) and
 * gives its flag to the merged reflection there. A merged reflection the reference lacks gets a flag
 * as CCP4 FREERFLAG's COMPLETE would give one, 0..19 with 0 the test set (~5 %), but chosen by a hash
 * of its ASU index instead of a random number ({@link #completeFlag}), so the same reflection gets
 * the same flag in every run, cluster and sample merged against that reference.
 */
public final class FreeRFlags {

    /** Flags 0..19, as CCP4 FREERFLAG writes with its default test fraction 0.05. */
    public static final int FLAG_COUNT = 20;
    /** Largest relative cell difference ({@link UnitCell#maxRelativeDifference}) accepted between reference and merge. */
    public static final double MAX_CELL_DIFFERENCE = 0.02;

    private FreeRFlags() {}

    /**
     * The test-set flags of a reference MTZ, at the indices the file lists (not yet mapped).
     *
     * @param source the file name, for messages
     * @param column the flag column's label
     * @param group  the reference's space group
     * @param cell   the reference's cell (Å, degrees)
     * @param hkl    the reflections with a flag (rows whose flag is missing are left out)
     * @param flags  {@code flags[i]} belongs to {@code hkl.get(i)}
     */
    public record Reference(String source, String column, SpaceGroup group, UnitCell cell, List<MillerIndex> hkl, int[] flags) {
        public Reference {
            hkl = List.copyOf(hkl);
            if (flags.length != hkl.size()) {
                throw new IllegalArgumentException(source + ": " + flags.length + " flags for " + hkl.size() + " reflections");
            }
        }
    }

    /** Reads the flag column of a reference MTZ; {@code source} names the file in every error. */
    public static Reference of(MtzFile mtz, String source) {
        String label = flagColumn(mtz, source);
        SpaceGroup group = mtz.spaceGroup().orElseThrow(() -> new IllegalArgumentException(source + ": reference MTZ space group '"
                + mtz.spaceGroupName() + "' (" + mtz.spaceGroupNumber() + ") is not one mxflow knows"));
        int h = mtz.columnIndex("H"), k = mtz.columnIndex("K"), l = mtz.columnIndex("L"), f = mtz.columnIndex(label);
        List<MillerIndex> hkl = new ArrayList<>();
        int[] flags = new int[mtz.reflectionCount()];
        int n = 0;
        for (int r = 0; r < mtz.reflectionCount(); r++) {
            float v = mtz.value(r, f);
            if (Float.isNaN(v)) {
                continue; // no flag: treated as a reflection the reference lacks
            }
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + " has " + label + " = " + v
                        + "; a free-R flag is a whole number >= 0");
            }
            hkl.add(new MillerIndex((int) mtz.value(r, h), (int) mtz.value(r, k), (int) mtz.value(r, l)));
            flags[n++] = (int) v;
        }
        if (n == 0) {
            throw new IllegalArgumentException(source + ": column " + label + " has no flags");
        }
        return new Reference(source, label, group, mtz.cell(), hkl, java.util.Arrays.copyOf(flags, n));
    }

    private static String flagColumn(MtzFile mtz, String source) {
        if (mtz.hasColumn("FreeR_flag")) {
            return "FreeR_flag";
        }
        for (MtzColumn c : mtz.columns()) {
            if (c.type() == 'I' && c.label().toLowerCase(Locale.ROOT).contains("free")) {
                return c.label();
            }
        }
        throw new IllegalArgumentException(source + ": no free-R flag column (FreeR_flag, or a type I column named *free*); columns: "
                + mtz.columns().stream().map(c -> c.label() + "(" + c.type() + ")").toList());
    }

    /** Throws, naming both, when the reference's point group or cell (beyond 2 %) differs from the merge's. */
    public static void checkCompatible(Reference ref, SpaceGroup group, UnitCell cell) {
        if (ref.group().pointGroup() != group.pointGroup()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "reference MTZ %s is in %s (point group %s) but the merge is in %s (point group %s)", ref.source(),
                    ref.group().hermannMauguin(), ref.group().pointGroup().symbol(), group.hermannMauguin(), group.pointGroup().symbol()));
        }
        double d = ref.cell().maxRelativeDifference(cell);
        if (d > MAX_CELL_DIFFERENCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "reference MTZ %s has cell %s, which differs by %.1f %% (more than %.0f %%) from the merge's cell %s", ref.source(),
                    ref.cell().format(), 100 * d, 100 * MAX_CELL_DIFFERENCE, cell.format()));
        }
    }

    /**
     * The flags of the merged reflections: {@code result[i]} for {@code asuIndices.get(i)} (indices in
     * the ASU of {@code group}). Where two reference reflections map to one ASU index the first wins.
     */
    public static int[] assign(Reference ref, List<MillerIndex> asuIndices, SpaceGroup group, UnitCell cell) {
        checkCompatible(ref, group, cell);
        ReciprocalAsu asu = group.reciprocalAsu();
        Map<MillerIndex, Integer> byAsu = new HashMap<>(2 * ref.hkl().size());
        for (int i = 0; i < ref.hkl().size(); i++) {
            byAsu.putIfAbsent(asu.toAsu(ref.hkl().get(i)).hkl(), ref.flags()[i]);
        }
        int[] out = new int[asuIndices.size()];
        for (int i = 0; i < out.length; i++) {
            Integer f = byAsu.get(asuIndices.get(i));
            out[i] = f != null ? f : completeFlag(asuIndices.get(i));
        }
        return out;
    }

    /**
     * The flag FREERFLAG COMPLETE would give a new reflection, made deterministic: a 64-bit mix
     * (SplitMix64's finaliser) of the ASU index, modulo {@link #FLAG_COUNT}; 0 (test) for ~5 %.
     */
    public static int completeFlag(MillerIndex asu) {
        long z = ((long) (asu.h() & 0x1FFFFF) << 42) | ((long) (asu.k() & 0x1FFFFF) << 21) | (asu.l() & 0x1FFFFF);
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) FLAG_COUNT);
    }
}
