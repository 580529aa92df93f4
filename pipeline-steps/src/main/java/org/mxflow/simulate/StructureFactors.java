package org.mxflow.simulate;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.mxflow.cell.UnitCell;

/**
 * Structure-factor intensities |F(hkl)|² of an atomic model expanded by its space group,
 * F(h) = Σⱼ fⱼ(s) exp(2πi h·xⱼ) over all atoms of the unit cell, computed once per unique
 * reflection. No temperature factor here: the crystal's Wilson B is applied per crystal.
 */
public final class StructureFactors {

    private final SpaceGroupSetting group;
    private final Map<Long, Double> intensityByKey;
    private final double sumZSquared;

    private StructureFactors(SpaceGroupSetting group, Map<Long, Double> intensityByKey, double sumZSquared) {
        this.group = group;
        this.intensityByKey = intensityByKey;
        this.sumZSquared = sumZSquared;
    }

    /** Computes |F|² for every unique reflection of the cell to resolution dMinA. */
    public static StructureFactors compute(AtomicModel model, UnitCell cell, SpaceGroupSetting group, double dMinA) {
        // Expand the asymmetric unit to the whole cell once.
        int nOps = group.operators().size();
        int nAtoms = model.atoms().size() * nOps;
        double[] fx = new double[nAtoms], fy = new double[nAtoms], fz = new double[nAtoms];
        ScatteringFactor[] el = new ScatteringFactor[nAtoms];
        int n = 0;
        double sumZ2 = 0;
        for (AtomicModel.Atom a : model.atoms()) {
            for (SymmetryOperator op : group.operators()) {
                double[] p = op.apply(new double[] {a.x(), a.y(), a.z()});
                fx[n] = p[0];
                fy[n] = p[1];
                fz[n] = p[2];
                el[n++] = a.element();
                double z = a.element().at(0);
                sumZ2 += z * z;
            }
        }
        ScatteringFactor[] elements = ScatteringFactor.values();
        double maxS = 1 / dMinA;
        // |h| = |r·a| <= |r||a| = a/dmin, so these bounds hold for any cell.
        int hMax = (int) Math.ceil(maxS * cell.a());
        int kMax = (int) Math.ceil(maxS * cell.b());
        int lMax = (int) Math.ceil(maxS * cell.c());
        Map<Long, int[]> unique = new HashMap<>();
        double maxS2 = maxS * maxS;
        for (int h = -hMax; h <= hMax; h++) {
            for (int k = -kMax; k <= kMax; k++) {
                for (int l = -lMax; l <= lMax; l++) {
                    if ((h | k | l) == 0 || cell.oneOverDSquared(h, k, l) > maxS2) {
                        continue;
                    }
                    unique.putIfAbsent(group.uniqueKey(h, k, l), new int[] {h, k, l});
                }
            }
        }
        long[] keys = unique.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] intensity = new double[keys.length];
        IntStream.range(0, keys.length).parallel().forEach(i -> {
            int[] hkl = unique.get(keys[i]);
            int h = hkl[0], k = hkl[1], l = hkl[2];
            if (group.isSystematicallyAbsent(h, k, l)) {
                intensity[i] = 0;
                return;
            }
            double stol2 = cell.oneOverDSquared(h, k, l) / 4;
            double[] f = new double[elements.length];
            for (ScatteringFactor e : elements) {
                f[e.ordinal()] = e.at(stol2);
            }
            double re = 0, im = 0;
            for (int j = 0; j < nAtoms; j++) {
                double phase = 2 * Math.PI * (h * fx[j] + k * fy[j] + l * fz[j]);
                double fj = f[el[j].ordinal()];
                re += fj * Math.cos(phase);
                im += fj * Math.sin(phase);
            }
            intensity[i] = re * re + im * im;
        });
        Map<Long, Double> map = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], intensity[i]);
        }
        return new StructureFactors(group, map, sumZ2);
    }

    /** |F|² of (h,k,l) in electrons², or NaN when it lies outside the computed resolution. */
    public double intensity(int h, int k, int l) {
        Double v = intensityByKey.get(group.uniqueKey(h, k, l));
        return v == null ? Double.NaN : v;
    }

    /** Σ Z² over the atoms of the unit cell: the Wilson expectation of |F|² at zero angle. */
    public double sumZSquared() {
        return sumZSquared;
    }

    /** Unique reflections: key (see {@link SpaceGroupSetting#uniqueKey}) to |F|². */
    public Map<Long, Double> byUniqueKey() {
        return Map.copyOf(intensityByKey);
    }

    public SpaceGroupSetting spaceGroup() {
        return group;
    }
}
