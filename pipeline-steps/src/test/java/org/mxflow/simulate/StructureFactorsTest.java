package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

class StructureFactorsTest {

    /** The models of scripts/oracles/structure_factors_gemmi.py (keep in step). */
    static final Map<String, Object[]> MODELS = Map.of(
            "P 21 21 21", new Object[] {new UnitCell(52.3, 63.5, 71.9, 90, 90, 90), SpaceGroupSetting.p212121(), List.of(
                    new AtomicModel.Atom(ScatteringFactor.C, 0.1234, 0.2345, 0.3456),
                    new AtomicModel.Atom(ScatteringFactor.N, 0.7011, 0.0523, 0.9002),
                    new AtomicModel.Atom(ScatteringFactor.O, 0.4444, 0.8123, 0.1717),
                    new AtomicModel.Atom(ScatteringFactor.S, 0.3001, 0.6002, 0.7003))},
            "P 43 21 2", new Object[] {new UnitCell(78.6, 78.6, 37.9, 90, 90, 90), SpaceGroupSetting.p43212(), List.of(
                    new AtomicModel.Atom(ScatteringFactor.C, 0.1111, 0.3333, 0.0555),
                    new AtomicModel.Atom(ScatteringFactor.O, 0.6012, 0.2874, 0.4431),
                    new AtomicModel.Atom(ScatteringFactor.N, 0.9123, 0.5555, 0.8181))},
            "C 1 2 1", new Object[] {new UnitCell(72.4, 58.1, 48.3, 90, 104.2, 90), SpaceGroupSetting.c2(), List.of(
                    new AtomicModel.Atom(ScatteringFactor.C, 0.2020, 0.1010, 0.3030),
                    new AtomicModel.Atom(ScatteringFactor.S, 0.5150, 0.7250, 0.0950),
                    new AtomicModel.Atom(ScatteringFactor.O, 0.8810, 0.4420, 0.6630))});

    /**
     * |F|² of fixed small models against gemmi 0.5.7's StructureFactorCalculatorX (fixture written by
     * scripts/oracles/structure_factors_gemmi.py): checks the operators, the form factors and the
     * sum, including the systematic absences gemmi finds by summing.
     */
    @Test
    @SuppressWarnings("unchecked")
    void intensitiesMatchGemmi() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/simulate/structure_factors_gemmi.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#") && !line.startsWith("space_group")) {
                    rows.add(line.split(","));
                }
            }
        }
        assertThat(rows).hasSizeGreaterThan(40);
        for (String sg : MODELS.keySet()) {
            Object[] m = MODELS.get(sg);
            StructureFactors sf = StructureFactors.compute(new AtomicModel((List<AtomicModel.Atom>) m[2]),
                    (UnitCell) m[0], (SpaceGroupSetting) m[1], 1.5);
            for (String[] r : rows) {
                if (!r[0].equals(sg)) {
                    continue;
                }
                double expected = Double.parseDouble(r[4]);
                double got = sf.intensity(Integer.parseInt(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]));
                assertThat(got).as("%s %s %s %s", sg, r[1], r[2], r[3])
                        .isCloseTo(expected, within(1e-4 * Math.max(expected, 100)));
            }
        }
    }

    /** The hand-entered groups (gemmi's operator lists) equal the symmetry module's, generated from Hall symbols. */
    @Test
    void handEnteredOperatorsEqualTheSymmetryModules() {
        for (SpaceGroupSetting hand : List.of(SpaceGroupSetting.p212121(), SpaceGroupSetting.p43212(),
                SpaceGroupSetting.c2(), SpaceGroupSetting.p4())) {
            SpaceGroupSetting table = SpaceGroupSetting.byNumber(hand.number());
            assertThat(table.hermannMauguin()).isEqualTo(hand.hermannMauguin());
            assertThat(asStrings(table)).containsExactlyInAnyOrderElementsOf(asStrings(hand));
        }
    }

    private static List<String> asStrings(SpaceGroupSetting g) {
        return g.operators().stream().map(op -> java.util.Arrays.toString(op.rotation()) + " "
                + java.util.Arrays.toString(java.util.Arrays.stream(op.translation())
                        .map(t -> t - Math.floor(t)).toArray())).toList();
    }

    @Test
    void symmetryMatesAndFriedelMatesShareOneKeyButTheP4AmbiguityDoesNot() {
        SpaceGroupSetting p43212 = SpaceGroupSetting.p43212();
        long key = p43212.uniqueKey(1, 2, 3);
        assertThat(p43212.uniqueKey(2, 1, -3)).isEqualTo(key);
        assertThat(p43212.uniqueKey(-1, -2, -3)).isEqualTo(key);
        assertThat(p43212.uniqueKey(-2, 1, 3)).isEqualTo(key);
        SpaceGroupSetting p4 = SpaceGroupSetting.p4();
        assertThat(p4.uniqueKey(2, 1, -3)).isNotEqualTo(p4.uniqueKey(1, 2, 3));
        assertThat(p4.uniqueKey(-2, 1, 3)).isEqualTo(p4.uniqueKey(1, 2, 3));
        assertThat(SpaceGroupSetting.p43212().isSystematicallyAbsent(0, 0, 6)).isTrue();
        assertThat(SpaceGroupSetting.p43212().isSystematicallyAbsent(0, 0, 8)).isFalse();
        assertThat(SpaceGroupSetting.c2().isSystematicallyAbsent(1, 2, 3)).isTrue();
        assertThat(SpaceGroupSetting.c2().centringCount()).isEqualTo(2);
    }

    /**
     * Wilson statistics of a random structure: for general reflections ⟨|F|²⟩ = Σ f²(s) over the
     * cell's atoms, so with the crystal's B the log of ⟨I⟩/Σf² falls linearly in 1/d² with slope
     * -B/2. Fitted over 8 shells from 6 to 2 Å for B = 25 Å², the slope must be -12.5 ± 1.5.
     */
    @Test
    void wilsonFalloffFollowsTheBFactor() {
        UnitCell cell = new UnitCell(52.3, 63.5, 71.9, 90, 90, 90);
        SpaceGroupSetting g = SpaceGroupSetting.p212121();
        AtomicModel model = AtomicModel.random(300, new SplittableRandom(11));
        StructureFactors sf = StructureFactors.compute(model, cell, g, 2.0);
        Crystal c = new Crystal("x", "g", cell, g, Matrix3.identity(), 0.1, 1, 25);
        int shells = 8;
        double lo = 1 / 36.0, hi = 1 / 4.0;
        double[] sumRatio = new double[shells];
        int[] n = new int[shells];
        for (Map.Entry<Long, Double> e : sf.byUniqueKey().entrySet()) {
            int[] hkl = SpaceGroupSetting.unpack(e.getKey());
            if (g.epsilon(hkl[0], hkl[1], hkl[2]) != 1 || hkl[0] == 0 || hkl[1] == 0 || hkl[2] == 0) {
                continue; // general reflections only: zones and axes have other statistics
            }
            double s2 = cell.oneOverDSquared(hkl[0], hkl[1], hkl[2]);
            if (s2 < lo || s2 >= hi) {
                continue;
            }
            double sumF2 = 0;
            for (AtomicModel.Atom a : model.atoms()) {
                double f = a.element().at(s2 / 4);
                sumF2 += 4 * f * f; // four operators in P212121
            }
            int shell = (int) ((s2 - lo) / (hi - lo) * shells);
            sumRatio[shell] += e.getValue() * c.temperatureFactorOnIntensity(s2) / sumF2;
            n[shell]++;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < shells; i++) {
            double x = lo + (i + 0.5) * (hi - lo) / shells, y = Math.log(sumRatio[i] / n[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (shells * sxy - sx * sy) / (shells * sxx - sx * sx);
        double intercept = (sy - slope * sx) / shells;
        assertThat(slope).isCloseTo(-12.5, within(1.5));
        assertThat(Math.exp(intercept)).isCloseTo(1.0, within(0.15));
    }
}
