package org.mxflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.DriftingSweep;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.IndexedObservation;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.ScanVaryingCrystal;

/**
 * Prediction from a per-frame crystal. The truth is DriftingSweep's analytic drift (0.3° and
 * +0.2 % over 360°), solved there by its own iteration; the prediction sees only the A matrices
 * at the 1801 frame boundaries of a 0.2° sweep.
 */
class ScanVaryingPredictionTest {

    static final PredictionSettings SETTINGS = new PredictionSettings(2.2, 0.1, 0.99);

    static ScanVaryingCrystal sampled(Experiment exp, DoubleFunction<CrystalModel> truth, int frames) {
        List<Mat3> a = new ArrayList<>();
        for (int i = 0; i <= frames; i++) a.add(truth.apply(exp.goniometer().phiDeg(i)).a());
        return new ScanVaryingCrystal(exp.goniometer().phiDeg(0), exp.goniometer().phiWidthDeg(), a);
    }

    static String key(int h, int k, int l) { return h + " " + k + " " + l; }

    @Test
    void driftingCrystalIsPredictedWhereTheTruthDiffracts() {
        Experiment exp = DriftingSweep.pilatus();
        DoubleFunction<CrystalModel> truth = DriftingSweep.truth(0.3, 0.002);
        List<IndexedObservation> spots = DriftingSweep.observe(exp, truth, 360, 2.2, 0.05, 0, 0, 5);
        List<PredictedReflection> perFrame = ReflectionPrediction.predict(exp, sampled(exp, truth, 1800), 1, 1800, SETTINGS);
        List<PredictedReflection> fixed = ReflectionPrediction.predict(exp, truth.apply(180), 1, 1800, SETTINGS);
        Map<String, List<PredictedReflection>> byHkl = new HashMap<>(), fixedByHkl = new HashMap<>();
        for (PredictedReflection p : perFrame) byHkl.computeIfAbsent(key(p.h(), p.k(), p.l()), x -> new ArrayList<>()).add(p);
        for (PredictedReflection p : fixed) fixedByHkl.computeIfAbsent(key(p.h(), p.k(), p.l()), x -> new ArrayList<>()).add(p);
        double worstPx = 0, worstDeg = 0, worstFixedPx = 0;
        int missing = 0, compared = 0;
        for (IndexedObservation o : spots) {
            double phi = exp.goniometer().phiDeg(o.zFrame());
            if (phi < 0.5 || phi > 359.5) continue; // the static prediction may put an edge reflection outside the sweep
            PredictedReflection p = nearest(byHkl.get(key(o.h(), o.k(), o.l())), phi);
            PredictedReflection q = nearest(fixedByHkl.get(key(o.h(), o.k(), o.l())), phi);
            if (p == null) {
                missing++;
                System.out.println("missing " + o + " phi " + phi + " list " + byHkl.get(key(o.h(), o.k(), o.l())));
                continue;
            }
            compared++;
            worstPx = Math.max(worstPx, Math.hypot(p.xPx() - o.xPx(), p.yPx() - o.yPx()));
            worstDeg = Math.max(worstDeg, Math.abs(p.phiDeg() - phi));
            if (q != null) worstFixedPx = Math.max(worstFixedPx, Math.hypot(q.xPx() - o.xPx(), q.yPx() - o.yPx()));
        }
        System.out.printf("per-frame prediction: %d predicted, %d truth spots compared, %d missing; worst %.4f px %.5f deg; static crystal worst %.3f px%n",
                perFrame.size(), compared, missing, worstPx, worstDeg, worstFixedPx);
        assertThat(compared).isGreaterThan(5000);
        assertThat(missing).isZero();
        assertThat(worstPx).isLessThan(0.01);
        assertThat(worstDeg).isLessThan(0.001);
        assertThat(worstFixedPx).isGreaterThan(1.0);
    }

    @Test
    void constantPerFrameCrystalPredictsWhatTheStaticCrystalDoes() {
        Experiment exp = DriftingSweep.pilatus();
        CrystalModel c = DriftingSweep.truth(0, 0).apply(0);
        List<PredictedReflection> stat = ReflectionPrediction.predict(exp, c, 1, 50, SETTINGS);
        List<PredictedReflection> sv = ReflectionPrediction.predict(exp, ScanVaryingCrystal.constant(c, 0, 0.2, 50), 1, 50, SETTINGS);
        assertThat(sv).hasSameSizeAs(stat);
        for (int i = 0; i < stat.size(); i++) {
            assertThat(sv.get(i).h()).isEqualTo(stat.get(i).h());
            assertThat(sv.get(i).l()).isEqualTo(stat.get(i).l());
            assertThat(Math.abs(sv.get(i).xPx() - stat.get(i).xPx())).isLessThan(1e-6);
            assertThat(Math.abs(sv.get(i).zFrame() - stat.get(i).zFrame())).isLessThan(1e-6);
            assertThat(Math.abs(sv.get(i).partiality() - stat.get(i).partiality())).isLessThan(1e-9);
        }
    }

    static PredictedReflection nearest(List<PredictedReflection> list, double phi) {
        if (list == null) return null;
        PredictedReflection best = null;
        for (PredictedReflection p : list) if (best == null || Math.abs(p.phiDeg() - phi) < Math.abs(best.phiDeg() - phi)) best = p;
        return best != null && Math.abs(best.phiDeg() - phi) < 2 ? best : null;
    }
}
