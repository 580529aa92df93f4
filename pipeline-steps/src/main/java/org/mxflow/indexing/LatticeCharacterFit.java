package org.mxflow.indexing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.LinearSystem;
import org.mxflow.geometry.Mat3;

/**
 * How well a reduced cell fits one lattice character, as in XDS IDXREF's table: the penalty
 * (quality of fit), the conventional cell obtained with the character's transformation, and
 * that transformation from the reduced cell.
 *
 * <p>Penalty: the Niggli form g = (A, B, C, D, E, F), scaled by s = (A+B+C)/3, is projected onto
 * the linear subspace of forms obeying the character's conditions; the penalty is the distance
 * |g − g'|/s (plus any violation of the type's sign rule) converted from radians to degrees. A
 * cell angle off by δ° or an edge pair differing by about δ·π/90 % gives a penalty of about δ.
 */
public record LatticeCharacterFit(LatticeCharacter character, double penalty, UnitCell conventionalCell, Mat3 transformation) {

    public BravaisLattice lattice() { return character.lattice(); }

    /** All 44 fits for a reduced cell, in table order. */
    public static List<LatticeCharacterFit> all(ReducedCell reduced) {
        double[] g = reduced.g6();
        double s = (g[0] + g[1] + g[2]) / 3;
        double[] gs = new double[6];
        for (int i = 0; i < 6; i++) gs[i] = g[i] / s;
        List<LatticeCharacterFit> out = new ArrayList<>(44);
        for (LatticeCharacter ch : LatticeCharacter.ALL) {
            double[] proj = project(gs, ch.conditions());
            double d2 = 0;
            for (int i = 0; i < 6; i++) d2 += (gs[i] - proj[i]) * (gs[i] - proj[i]);
            double dd = proj[3], ee = proj[4], ff = proj[5];
            if (ch.type() == LatticeCharacter.Type.I) {
                d2 += sq(Math.min(0, dd)) + sq(Math.min(0, ee)) + sq(Math.min(0, ff));
            } else if (dd > 0 && ee > 0 && ff > 0) {
                d2 += sq(Math.min(dd, Math.min(ee, ff)));
            }
            double penalty = Math.toDegrees(Math.sqrt(d2));
            CrystalModel conv = reduced.crystal().transformed(ch.transformation());
            out.add(new LatticeCharacterFit(ch, penalty, conv.unitCell(), ch.transformation()));
        }
        return out;
    }

    /**
     * XDS's rule: the most symmetric Bravais lattice among characters with penalty ≤ maxPenalty
     * (aP, character 44 or 31, always qualifies); ties go to the smaller penalty.
     */
    public static LatticeCharacterFit choose(List<LatticeCharacterFit> fits, double maxPenalty) {
        return fits.stream()
                .filter(f -> f.penalty() <= maxPenalty || f.lattice() == BravaisLattice.aP)
                .max(Comparator.<LatticeCharacterFit>comparingInt(f -> f.lattice().holohedryOrder())
                        .thenComparing(Comparator.comparingDouble(LatticeCharacterFit::penalty).reversed()))
                .orElseThrow();
    }

    /** The best (lowest-penalty) fit of each Bravais lattice. */
    public static List<LatticeCharacterFit> bestPerLattice(List<LatticeCharacterFit> fits) {
        List<LatticeCharacterFit> out = new ArrayList<>();
        for (BravaisLattice b : BravaisLattice.values()) {
            fits.stream().filter(f -> f.lattice() == b).min(Comparator.comparingDouble(LatticeCharacterFit::penalty)).ifPresent(out::add);
        }
        return out;
    }

    /** Orthogonal projection of g onto {x : w·x = 0 for every condition w}: g − Wᵀ(WWᵀ)⁻¹Wg. */
    static double[] project(double[] g, List<double[]> w) {
        int m = w.size();
        if (m == 0) return g.clone();
        double[][] wwt = new double[m][m];
        double[] wg = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) wwt[i][j] = dot(w.get(i), w.get(j));
            wg[i] = dot(w.get(i), g);
        }
        double[] lambda = LinearSystem.solve(wwt, wg);
        double[] p = g.clone();
        if (lambda == null) return p;
        for (int i = 0; i < m; i++)
            for (int k = 0; k < 6; k++) p[k] -= lambda[i] * w.get(i)[k];
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double sq(double x) { return x * x; }
}
