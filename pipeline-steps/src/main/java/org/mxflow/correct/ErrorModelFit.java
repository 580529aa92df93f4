package org.mxflow.correct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mxflow.stats.ErrorModel;
import org.mxflow.symmetry.SpaceGroup;

/**
 * The XDS CORRECT error model σ'² = a(σ² + b·⟨I⟩²) from the scatter of symmetry mates: for each
 * observation of a reflection measured n ≥ 2 times, δ² = n/(n−1)·(I − ⟨I⟩)² estimates its
 * variance. b is chosen so that the ratio Σδ²/Σ(σ² + b⟨I⟩²) is the same in ten bins of ⟨I⟩/σ
 * (flat χ² from weak to strong, as XDS's table shows), then a is that ratio. ISa = 1/√(ab).
 */
public final class ErrorModelFit {

    private ErrorModelFit() {}

    /** The fitted model, or {@link ErrorModel#UNKNOWN} with fewer than 50 multiply measured reflections. */
    public static ErrorModel fit(List<CorrectedObservation> obs, SpaceGroup sg) {
        List<double[]> rows = new ArrayList<>(); // {δ², σ², ⟨I⟩², ⟨I⟩/σ}
        int groups = 0;
        for (Map.Entry<Merging.Key, List<CorrectedObservation>> e : Merging.group(obs, sg, false).entrySet()) {
            List<CorrectedObservation> os = e.getValue();
            int n = os.size();
            if (n < 2) continue;
            groups++;
            double mean = 0;
            for (CorrectedObservation o : os) mean += o.intensity();
            mean /= n;
            for (CorrectedObservation o : os) {
                double d = o.intensity() - mean;
                rows.add(new double[] {n / (n - 1.0) * d * d, o.sigma() * o.sigma(), mean * mean, mean / o.sigma()});
            }
        }
        if (groups < 50) return ErrorModel.UNKNOWN;
        rows.sort((x, y) -> Double.compare(x[3], y[3]));
        int nb = 10, per = rows.size() / nb;
        double bestB = 0, bestScore = Double.POSITIVE_INFINITY;
        for (int gi = 0; gi <= 80; gi++) {
            double b = gi == 0 ? 0 : 1e-5 * Math.pow(10, gi * 4.4 / 80); // 1e-5 .. 0.25
            double[] logs = new double[nb];
            for (int k = 0; k < nb; k++) {
                double sd = 0, sm = 0;
                for (int j = k * per; j < (k == nb - 1 ? rows.size() : (k + 1) * per); j++) {
                    double[] r = rows.get(j);
                    sd += r[0];
                    sm += r[1] + b * r[2];
                }
                logs[k] = Math.log(Math.max(sd, 1e-300) / sm);
            }
            double m = Arrays.stream(logs).average().orElse(0), v = 0;
            for (double l : logs) v += (l - m) * (l - m);
            if (v < bestScore) { bestScore = v; bestB = b; }
        }
        double sd = 0, sm = 0;
        for (double[] r : rows) { sd += r[0]; sm += r[1] + bestB * r[2]; }
        double a = Math.max(0.1, Math.min(100, sd / sm));
        double b = Math.max(bestB, 1e-5);
        return new ErrorModel(a, b, 1 / Math.sqrt(a * b));
    }

    /** σ' = √(a(σ² + b·I²)) for every observation; unchanged when the model is unknown. */
    public static List<CorrectedObservation> apply(List<CorrectedObservation> obs, ErrorModel m) {
        if (!m.isKnown()) return obs;
        List<CorrectedObservation> out = new ArrayList<>(obs.size());
        for (CorrectedObservation o : obs)
            out.add(o.withIntensity(o.intensity(), Math.sqrt(m.a() * (o.sigma() * o.sigma() + m.b() * o.intensity() * o.intensity()))));
        return out;
    }
}
