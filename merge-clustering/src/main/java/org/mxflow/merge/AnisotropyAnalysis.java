package org.mxflow.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.ScaledObservation;
import org.mxflow.symmetry.SpaceGroup;

/**
 * KAMO's anisotropy analysis of a run (aniso.log, kamo-conventions 4.10.6): for each direction
 * (orthorhombic a*, b*, c*; tetragonal, trigonal, hexagonal c* and the a*b* plane), reflections
 * within a 20° cone (or within 20° of the plane) get the weight {@code |cosθ − cos_limit| / (1 −
 * cos_limit)}; in 10 shells of equal reciprocal volume a weighted CC½ of a seeded random half
 * split is computed, and the tanh curve fitted through it gives the resolution where CC½ = 0.5.
 * Best = smallest such d, worst = largest. Monoclinic and triclinic need the eigenvectors of an
 * ML anisotropic B, which mxflow does not fit yet: no directions (NaN). Cubic: none, as KAMO.
 */
public final class AnisotropyAnalysis {

    /** KAMO's cone half-angle. */
    public static final double CONE_DEG = 20;
    /** Shells for the per-direction CC½. */
    public static final int SHELLS = 10;
    /** Fixed seed of the half split, for reproducible numbers. */
    public static final long SPLIT_SEED = 42;

    private AnisotropyAnalysis() {}

    /** CC½ = 0.5 resolution along one direction; NaN if the curve cannot be fitted. */
    public record Direction(String name, double[] shellDMinA, double[] ccHalf, double dMinA) {}

    /** The analysis; empty for systems without defined directions. */
    public static List<Direction> analyse(List<ScaledObservation> observations, SpaceGroup group, UnitCell cell) {
        double[] f = cell.fractionalization();
        double[][] axes = {{f[0], f[1], f[2]}, {f[3], f[4], f[5]}, {f[6], f[7], f[8]}}; // a*, b*, c* (Cartesian)
        List<String> names = new ArrayList<>();
        List<double[]> dirs = new ArrayList<>();
        List<Boolean> plane = new ArrayList<>();
        switch (group.crystalSystem()) {
            case ORTHORHOMBIC -> {
                names.addAll(List.of("a*", "b*", "c*"));
                for (double[] a : axes) {
                    dirs.add(a);
                    plane.add(false);
                }
            }
            case TETRAGONAL, TRIGONAL, HEXAGONAL -> {
                names.addAll(List.of("c*", "a*b*"));
                dirs.add(axes[2]);
                plane.add(false);
                dirs.add(axes[2]);
                plane.add(true);
            }
            default -> {
                return List.of();
            }
        }
        Map<MillerIndex, List<Double>> byIndex = new TreeMap<>();
        for (ScaledObservation o : observations) {
            if (o.rejected() || !(o.sigma() > 0)) continue;
            byIndex.computeIfAbsent(o.asu(), k -> new ArrayList<>()).add(o.intensity());
        }
        // KAMO also drops reflections whose merged I < −3σ; not applied here.
        double dMax = 0, dMin = Double.POSITIVE_INFINITY;
        double[] g = cell.reciprocalMetric();
        for (MillerIndex h : byIndex.keySet()) {
            double d = 1 / Math.sqrt(UnitCell.oneOverDSquared(g, h.h(), h.k(), h.l()));
            dMax = Math.max(dMax, d);
            dMin = Math.min(dMin, d);
        }
        List<Direction> out = new ArrayList<>();
        if (byIndex.isEmpty()) return out;
        ResolutionShells shells = new ResolutionShells(dMax, dMin, SHELLS);
        double cosLimit = Math.cos(Math.toRadians(CONE_DEG)), sinLimit = Math.sin(Math.toRadians(CONE_DEG));
        for (int k = 0; k < dirs.size(); k++) {
            double[] v = unit(dirs.get(k));
            boolean isPlane = plane.get(k);
            double[][] sums = new double[SHELLS][6]; // w, wx, wy, wxx, wyy, wxy
            int[] counts = new int[SHELLS];
            Random random = new Random(SPLIT_SEED);
            for (Map.Entry<MillerIndex, List<Double>> e : byIndex.entrySet()) {
                List<Double> vals = e.getValue();
                if (vals.size() < 2) continue;
                MillerIndex h = e.getKey();
                double[] r = {h.h() * f[0] + h.k() * f[3] + h.l() * f[6], h.h() * f[1] + h.k() * f[4] + h.l() * f[7],
                    h.h() * f[2] + h.k() * f[5] + h.l() * f[8]};
                double len = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                double cos = Math.abs((r[0] * v[0] + r[1] * v[1] + r[2] * v[2]) / len);
                double w;
                if (isPlane) {
                    if (cos > sinLimit) continue;
                    w = (sinLimit - cos) / sinLimit;
                } else {
                    if (cos < cosLimit) continue;
                    w = (cos - cosLimit) / (1 - cosLimit);
                }
                double[] x = vals.stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = x.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                }
                int half = x.length / 2;
                double m1 = 0, m2 = 0;
                for (int i = 0; i < half; i++) m1 += x[i];
                for (int i = half; i < x.length; i++) m2 += x[i];
                m1 /= half;
                m2 /= x.length - half;
                int s = shells.shellOf(1 / len);
                if (s < 0) continue;
                double[] a = sums[s];
                a[0] += w;
                a[1] += w * m1;
                a[2] += w * m2;
                a[3] += w * m1 * m1;
                a[4] += w * m2 * m2;
                a[5] += w * m1 * m2;
                counts[s]++;
            }
            double[] sx = new double[SHELLS], cc = new double[SHELLS], dShell = new double[SHELLS];
            for (int s = 0; s < SHELLS; s++) {
                dShell[s] = shells.shellDMinA(s);
                sx[s] = 1 / (dShell[s] * dShell[s]);
                double[] a = sums[s];
                if (counts[s] < 3 || a[0] <= 0) {
                    cc[s] = Double.NaN;
                    continue;
                }
                double mx = a[1] / a[0], my = a[2] / a[0];
                double vx = a[3] / a[0] - mx * mx, vy = a[4] / a[0] - my * my, cxy = a[5] / a[0] - mx * my;
                cc[s] = vx > 0 && vy > 0 ? cxy / Math.sqrt(vx * vy) : Double.NaN;
            }
            double d;
            try {
                d = TanhCcHalfFit.fit(sx, cc).resolutionAt(0.5);
            } catch (IllegalArgumentException ex) {
                d = Double.NaN;
            }
            out.add(new Direction(names.get(k), dShell, cc, d));
        }
        return out;
    }

    /** {best, worst}: smallest and largest direction resolution (NaN if none). */
    public static double[] bestAndWorst(List<Direction> directions) {
        double best = Double.NaN, worst = Double.NaN;
        for (Direction d : directions) {
            if (Double.isNaN(d.dMinA())) continue;
            best = Double.isNaN(best) ? d.dMinA() : Math.min(best, d.dMinA());
            worst = Double.isNaN(worst) ? d.dMinA() : Math.max(worst, d.dMinA());
        }
        return new double[] {best, worst};
    }

    /** aniso.log text. */
    public static String log(List<Direction> directions, SpaceGroup group) {
        if (directions.isEmpty()) {
            return group.crystalSystem() == org.mxflow.symmetry.CrystalSystem.CUBIC ? "No anisotropy in this symmetry\n"
                    : "Anisotropy directions for " + group.crystalSystem().label() + " need an ML anisotropic B (not fitted)\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Direction d : directions) {
            sb.append("Direction ").append(d.name()).append(String.format(Locale.ROOT, " (cone %.0f deg)%n  d_min  CC1/2%n", CONE_DEG));
            for (int s = 0; s < d.ccHalf().length; s++) {
                sb.append(KamoFormat.fixed(d.shellDMinA()[s], 7, 2)).append(' ').append(KamoFormat.fixed(d.ccHalf()[s], 6, 3)).append('\n');
            }
        }
        for (Direction d : directions) {
            sb.append("CC1/2=0.5 resolution for ").append(d.name()).append(": ").append(KamoFormat.fixed(d.dMinA(), 2)).append(" Angstrom\n");
        }
        return sb.toString();
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
