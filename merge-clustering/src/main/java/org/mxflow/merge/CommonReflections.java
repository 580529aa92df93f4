package org.mxflow.merge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * KAMO's answer to XSCALE's "INSUFFICIENT NUMBER OF COMMON STRONG REFLECTIONS" (kamo-conventions
 * 4.10.5): datasets are joined when they share more than {@link #MIN_COMMON} strong unique
 * reflections, the largest maximal clique of that graph is scaled and the others are dropped
 * ({@code no_common_refls}). Checked before scaling, so a dataset that cannot be tied to the
 * others never reaches the scaler.
 */
public final class CommonReflections {

    /** An edge needs more than this many common strong reflections (KAMO: "> 10"). */
    public static final int MIN_COMMON = 10;

    private CommonReflections() {}

    /**
     * Unique reflections (ASU, Friedel mates together) with I/σ ≥ {@code minIOverSigma} in the
     * resolution range: XSCALE's "strong" reflections that tie datasets together.
     */
    public static Set<MillerIndex> strongUnique(List<Observation> observations, SpaceGroup group, UnitCell cell, double dMaxA,
                                                double dMinA, double minIOverSigma) {
        ReciprocalAsu asu = group.reciprocalAsu();
        double[] g = cell.reciprocalMetric();
        double sMax = 1 / (dMinA * dMinA) * (1 + 1e-9), sMin = Double.isNaN(dMaxA) ? 0 : 1 / (dMaxA * dMaxA) * (1 - 1e-9);
        Set<MillerIndex> out = new HashSet<>();
        for (Observation o : observations) {
            if (o.hkl().isOrigin() || !(o.sigma() > 0) || o.intensity() < minIOverSigma * o.sigma()) continue;
            double s = UnitCell.oneOverDSquared(g, o.hkl().h(), o.hkl().k(), o.hkl().l());
            if (s > sMax || s < sMin) continue;
            out.add(asu.toAsu(o.hkl()).hkl());
        }
        return out;
    }

    /** Common reflections of every pair (diagonal: the dataset's own count). */
    public static int[][] commonCounts(List<Set<MillerIndex>> strong) {
        int n = strong.size();
        // Each reflection gets a number once; a dataset's set becomes a bit array, and a pair's count
        // is the population of the AND of two arrays (200 wedges: 20,000 pairs, each a few hundred
        // words instead of a thousand hash look-ups).
        Map<MillerIndex, Integer> ids = new HashMap<>();
        long[][] bits = new long[n][];
        for (int i = 0; i < n; i++) {
            BitSet b = new BitSet();
            for (MillerIndex h : strong.get(i)) b.set(ids.computeIfAbsent(h, x -> ids.size()));
            bits[i] = b.toLongArray();
        }
        int[][] c = new int[n][n];
        for (int i = 0; i < n; i++) {
            c[i][i] = strong.get(i).size();
            for (int j = i + 1; j < n; j++) {
                long[] x = bits[i], y = bits[j];
                int k = 0;
                for (int w = 0, m = Math.min(x.length, y.length); w < m; w++) k += Long.bitCount(x[w] & y[w]);
                c[i][j] = c[j][i] = k;
            }
        }
        return c;
    }

    /**
     * The largest maximal clique of the graph "more than {@link #MIN_COMMON} common reflections"
     * (Bron–Kerbosch with pivoting); among cliques of equal size the one whose members come first
     * in input order. Returns 0-based members, ascending.
     */
    public static List<Integer> largestClique(int[][] common) {
        int n = common.length;
        BitSet[] adj = new BitSet[n];
        for (int i = 0; i < n; i++) {
            adj[i] = new BitSet(n);
            for (int j = 0; j < n; j++) if (i != j && common[i][j] > MIN_COMMON) adj[i].set(j);
        }
        BitSet all = new BitSet(n);
        all.set(0, n);
        BitSet[] best = {new BitSet()};
        bronKerbosch(new BitSet(), all, new BitSet(), adj, best);
        List<Integer> out = new ArrayList<>();
        best[0].stream().forEach(out::add);
        return out;
    }

    private static void bronKerbosch(BitSet r, BitSet p, BitSet x, BitSet[] adj, BitSet[] best) {
        if (p.isEmpty() && x.isEmpty()) {
            if (r.cardinality() > best[0].cardinality()
                    || r.cardinality() == best[0].cardinality() && comesFirst(r, best[0])) {
                best[0] = (BitSet) r.clone();
            }
            return;
        }
        BitSet px = (BitSet) p.clone();
        px.or(x);
        int pivot = -1, most = -1;
        for (int u = px.nextSetBit(0); u >= 0; u = px.nextSetBit(u + 1)) {
            BitSet t = (BitSet) p.clone();
            t.and(adj[u]);
            if (t.cardinality() > most) {
                most = t.cardinality();
                pivot = u;
            }
        }
        BitSet candidates = (BitSet) p.clone();
        candidates.andNot(adj[pivot]);
        for (int v = candidates.nextSetBit(0); v >= 0; v = candidates.nextSetBit(v + 1)) {
            BitSet r2 = (BitSet) r.clone();
            r2.set(v);
            BitSet p2 = (BitSet) p.clone();
            p2.and(adj[v]);
            BitSet x2 = (BitSet) x.clone();
            x2.and(adj[v]);
            bronKerbosch(r2, p2, x2, adj, best);
            p.clear(v);
            x.set(v);
        }
    }

    /** Lexicographic order of the sorted member lists; an empty set never comes first. */
    private static boolean comesFirst(BitSet a, BitSet b) {
        if (b.isEmpty()) return true;
        int i = a.nextSetBit(0), j = b.nextSetBit(0);
        while (i >= 0 && j >= 0) {
            if (i != j) return i < j;
            i = a.nextSetBit(i + 1);
            j = b.nextSetBit(j + 1);
        }
        return false;
    }
}
