package org.mxflow.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.CellGraph;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SymOp;

/**
 * Indexing ambiguity (kamo-conventions 4.6): when the lattice has more rotational symmetry than
 * the space group (P4: k,h,−l; P3: 4 choices), datasets can be indexed in inequivalent ways.
 * {@link #alternatives} lists one operator per choice; {@link #selectiveBreeding} (Kabsch's
 * procedure, as KAMO runs it) and {@link #againstReference} assign one to each dataset.
 */
public final class IndexingAmbiguity {

    /** KAMO's max δ for the reindexing-operator search (degrees). */
    public static final double MAX_DELTA_DEG = 5.0;
    /** KAMO's cycle limit for selective breeding. */
    public static final int MAX_CYCLES = 100;

    private IndexingAmbiguity() {}

    /**
     * The inequivalent indexings of a lattice with this cell in this space group: proper integer
     * operators (entries −1..1) that keep the reciprocal metric within {@code maxDeltaDeg}
     * (angles) and tan(maxDeltaDeg) (relative lengths), one per coset of the space group's
     * rotations; identity first. One element means no ambiguity.
     */
    public static List<ReindexOperator> alternatives(SpaceGroup group, UnitCell cell, double maxDeltaDeg) {
        UnitCell rec = cell.reciprocal();
        double[] g = rec.metric();
        double lengthTol = Math.tan(Math.toRadians(maxDeltaDeg));
        List<ReindexOperator> groupRotations = new ArrayList<>();
        for (SymOp op : group.operations().symOps()) {
            ReindexOperator r = hklMatrix(op);
            if (r.determinant() == 1 && !groupRotations.contains(r)) groupRotations.add(r);
        }
        List<ReindexOperator> lattice = new ArrayList<>();
        for (int[] m : CellGraph.properBasisChanges()) {
            ReindexOperator op = new ReindexOperator(m);
            if (keepsMetric(op, g, rec, lengthTol, maxDeltaDeg) && keepsCentring(op, group)) lattice.add(op);
        }
        // Cosets P·M: M2 equivalent to M1 when M2·M1⁻¹ is a rotation of the group.
        lattice.sort(Comparator.comparingInt(IndexingAmbiguity::complexity));
        List<ReindexOperator> reps = new ArrayList<>();
        reps.add(ReindexOperator.identity());
        for (ReindexOperator op : lattice) {
            boolean known = false;
            for (ReindexOperator rep : reps) {
                if (groupRotations.contains(op.after(rep.inverse()))) {
                    known = true;
                    break;
                }
            }
            if (!known) reps.add(op);
        }
        return reps;
    }

    private static int complexity(ReindexOperator op) {
        int s = 0, neg = 0;
        for (int x : op.matrix()) {
            s += Math.abs(x);
            if (x < 0) neg++;
        }
        return s * 10 + neg;
    }

    private static boolean keepsMetric(ReindexOperator op, double[] g, UnitCell rec, double lengthTol, double maxDeltaDeg) {
        // Images of the reciprocal basis vectors under h' = M·h correspond to columns of Mᵀ; compare
        // the metric of the images a*', b*', c*' with that of a*, b*, c*.
        int[] m = op.matrix();
        double[][] v = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) v[i][j] = m[3 * j + i];
        double[] len = new double[3], len0 = {rec.a(), rec.b(), rec.c()};
        for (int i = 0; i < 3; i++) {
            len[i] = Math.sqrt(dot(v[i], v[i], g));
            if (Math.abs(len[i] - len0[i]) > lengthTol * len0[i]) return false;
        }
        double[] ang0 = {rec.alpha(), rec.beta(), rec.gamma()};
        int[][] pairs = {{1, 2}, {0, 2}, {0, 1}};
        for (int p = 0; p < 3; p++) {
            int i = pairs[p][0], j = pairs[p][1];
            double cos = dot(v[i], v[j], g) / (len[i] * len[j]);
            double ang = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
            if (Math.abs(ang - ang0[p]) > maxDeltaDeg) return false;
        }
        return true;
    }

    /** General reflections (on no special zone), absent only through lattice centring. */
    private static final int[][] GENERAL = {{1, 2, 4}, {2, -1, 5}, {-3, 1, 7}, {1, 4, -2}, {4, 3, 1}, {-2, 5, 3}, {3, -4, 2},
        {5, 1, -3}, {1, -3, 6}, {2, 3, 7}, {-1, 2, 3}, {3, 2, -1}, {6, 1, 2}, {1, 6, 3}, {2, 1, 6}, {5, 3, 4}};

    /** A valid reindexing maps reflections the centring allows onto allowed ones (C2 must stay C2). */
    private static boolean keepsCentring(ReindexOperator op, SpaceGroup group) {
        for (int[] g : GENERAL) {
            MillerIndex h = new MillerIndex(g[0], g[1], g[2]);
            if (!group.isSystematicallyAbsent(h) && group.isSystematicallyAbsent(op.apply(h))) return false;
        }
        return true;
    }

    private static double dot(double[] x, double[] y, double[] g) {
        double s = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s += x[i] * g[3 * i + j] * y[j];
        return s;
    }

    /** The operation's action on indices as a matrix (columns = images of the unit indices). */
    static ReindexOperator hklMatrix(SymOp op) {
        MillerIndex e1 = op.applyToHkl(1, 0, 0), e2 = op.applyToHkl(0, 1, 0), e3 = op.applyToHkl(0, 0, 1);
        return new ReindexOperator(new int[] {e1.h(), e2.h(), e3.h(), e1.k(), e2.k(), e3.k(), e1.l(), e2.l(), e3.l()});
    }

    /** A merged dataset reindexed by op and mapped back to the ASU (Friedel mates merged). */
    public static Map<MillerIndex, MergedIntensity> reindex(Map<MillerIndex, MergedIntensity> data, ReindexOperator op,
                                                             ReciprocalAsu asu) {
        if (op.isIdentity()) return data;
        Map<MillerIndex, MergedIntensity> out = new HashMap<>(data.size() * 2);
        data.forEach((h, v) -> out.put(asu.toAsu(op.apply(h)).hkl(), v));
        return out;
    }

    /**
     * Assignment result.
     *
     * @param operators chosen operator per dataset (index into the operator list); −1 for a
     *                  dataset dropped for having fewer than 2 reflections
     * @param cycles    cycles run
     * @param converged false if {@link #MAX_CYCLES} was reached
     */
    public record Assignment(int[] operators, int cycles, boolean converged) {
        /** 0-based datasets dropped (fewer than 2 reflections), as KAMO drops them from the list. */
        public List<Integer> dropped() {
            List<Integer> d = new ArrayList<>();
            for (int i = 0; i < operators.length; i++) if (operators[i] < 0) d.add(i);
            return d;
        }
    }

    /**
     * Kabsch's selective breeding as KAMO runs it: all datasets start at the identity; in each
     * cycle each dataset takes the operator whose mean CC (non-NaN pairs) against all other
     * datasets in their current assignment is highest; stop when a cycle changes nothing.
     * Datasets are updated in turn within a cycle (KAMO compares against the previous cycle's
     * assignments, which can oscillate forever when exactly half the datasets are flipped).
     *
     * @param datasets  merged non-anomalous intensities per dataset, ASU keys (cut at 3 Å, σ ≤ 0 removed)
     * @param operators alternatives, identity first
     */
    public static Assignment selectiveBreeding(List<Map<MillerIndex, MergedIntensity>> datasets,
                                               List<ReindexOperator> operators, ReciprocalAsu asu) {
        int n = datasets.size(), nOps = operators.size();
        List<List<Map<MillerIndex, MergedIntensity>>> variants = new ArrayList<>();
        for (Map<MillerIndex, MergedIntensity> d : datasets) {
            List<Map<MillerIndex, MergedIntensity>> v = new ArrayList<>();
            for (ReindexOperator op : operators) v.add(reindex(d, op, asu));
            variants.add(v);
        }
        int[] ops = new int[n];
        for (int i = 0; i < n; i++) {
            if (datasets.get(i).size() < 2) ops[i] = -1;
        }
        for (int cycle = 1; cycle <= MAX_CYCLES; cycle++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                if (ops[i] < 0) continue;
                int best = ops[i];
                double bestCc = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nOps; j++) {
                    double sum = 0;
                    int count = 0;
                    for (int k = 0; k < n; k++) {
                        if (k == i || ops[k] < 0) continue;
                        double cc = org.mxflow.cluster.CcClustering.pairCc(i, k, variants.get(i).get(j),
                                variants.get(k).get(ops[k])).cc();
                        if (!Double.isNaN(cc)) {
                            sum += cc;
                            count++;
                        }
                    }
                    if (count > 0 && sum / count > bestCc) {
                        bestCc = sum / count;
                        best = j;
                    }
                }
                if (best != ops[i]) {
                    ops[i] = best;
                    changed = true;
                }
            }
            if (!changed) return new Assignment(ops, cycle, true);
        }
        return new Assignment(ops, MAX_CYCLES, false);
    }

    /** Each dataset takes the operator that maximises its CC with reference intensities. */
    public static int[] againstReference(List<Map<MillerIndex, MergedIntensity>> datasets, Map<MillerIndex, MergedIntensity> reference,
                                         List<ReindexOperator> operators, ReciprocalAsu asu) {
        int[] ops = new int[datasets.size()];
        for (int i = 0; i < ops.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < operators.size(); j++) {
                double cc = org.mxflow.cluster.CcClustering.pairCc(i, -1, reindex(datasets.get(i), operators.get(j), asu), reference).cc();
                if (cc > best) {
                    best = cc;
                    ops[i] = j;
                }
            }
        }
        return ops;
    }
}
