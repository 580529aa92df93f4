package org.mxflow.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.cluster.CcClustering;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.ScaledObservation;

/**
 * KAMO's bad-frame detection after run_01 ({@code framecc}, kamo-conventions 4.10.2): the
 * reference is all accepted scaled observations merged (the frame itself included); each dataset
 * and each frame (with its observations the scaler rejected as misfits) is merged on its own and correlated with it over common reflections; the frame
 * CCs of all datasets are pooled and KAMO's cut-off is Q1 − 1.5·IQR (strictly, so NaN frames are
 * bad). All frames from first to last are tested (KAMO's "last frame" quirk is not reproduced,
 * see [INF] there).
 *
 * <p>Floor for weak wedges: a frame below the pooled cut-off is only bad if it is also an outlier
 * among its own wedge's frames, on Fisher's z = atanh(CC) with the fence at least
 * {@link #MIN_IQR_Z}·1.5 below the wedge's Q1. The pooled quartiles are set by the strong wedges
 * (CC 0.995–0.999); a good wedge whose I/σ is ten times lower correlates at 0.78–0.89 on every
 * frame, and the pooled rule alone cut all its frames (or 8–9 of 21). Frames that carry unrelated
 * intensities fall far below their own wedge as well (0.1–0.3 against 0.995) and still go.
 * A wedge that is bad as a whole is left to lpstats after run_02.
 */
public final class BadFrameDetection {

    /** KAMO's rejection.framecc.iqr_coeff. */
    public static final double IQR_COEFFICIENT = 1.5;
    /**
     * Smallest IQR of z = atanh(CC) within one wedge for its fence: at CC 0.995 (z 3.0) the fence is
     * then at most CC 0.955. Frames beside bad ones score 0.97–0.98 (their scales were fitted with the
     * bad frames in), which is no reason to cut them.
     */
    public static final double MIN_IQR_Z = 0.7;

    private BadFrameDetection() {}

    /**
     * Frame CC of one frame.
     *
     * @param dataset  0-based dataset in the run
     * @param frame    1-based frame (⌊ZD⌋ + 1)
     * @param unique   unique reflections of the frame
     * @param common   of those, also in the reference
     * @param cc       Pearson CC with the reference (NaN if undefined)
     */
    public record FrameCc(int dataset, int frame, int unique, int common, double cc) {}

    /**
     * Result.
     *
     * @param datasetCc  per dataset {unique, common, cc} against the reference (cc_files.dat)
     * @param frames     every frame of every dataset, dataset then frame order (cc_frames.dat)
     * @param cutoff     the Tukey cut-off on frame CC pooled over all wedges (KAMO's)
     * @param ownCutoffs per dataset, the floored fence among its own frames (CC; −∞ with fewer than 3 frames)
     * @param goodFrames per dataset, the good 1-based frames (sorted)
     */
    public record Result(List<double[]> datasetCc, List<FrameCc> frames, double cutoff, double[] ownCutoffs, List<int[]> goodFrames) {
        /** True if every frame of dataset d is good. */
        public boolean allGood(int d) {
            long n = frames.stream().filter(f -> f.dataset() == d).count();
            return goodFrames.get(d).length == n;
        }
    }

    /**
     * @param observations scaled observations of the run (rejected ones are skipped)
     * @param datasets     number of datasets in the run
     * @param anomalous    Friedel mates kept apart
     */
    public static Result detect(List<ScaledObservation> observations, int datasets, boolean anomalous) {
        List<IntensityObservation> all = new ArrayList<>();
        List<List<IntensityObservation>> perDataset = new ArrayList<>();
        List<TreeMap<Integer, List<IntensityObservation>>> perFrame = new ArrayList<>();
        int[] firstFrame = new int[datasets], lastFrame = new int[datasets];
        Arrays.fill(firstFrame, Integer.MAX_VALUE);
        Arrays.fill(lastFrame, Integer.MIN_VALUE);
        for (int d = 0; d < datasets; d++) {
            perDataset.add(new ArrayList<>());
            perFrame.add(new TreeMap<>());
        }
        for (ScaledObservation o : observations) {
            int d = o.dataset(), f = o.frame();
            firstFrame[d] = Math.min(firstFrame[d], f);
            lastFrame[d] = Math.max(lastFrame[d], f);
            if (!(o.sigma() > 0)) continue;
            MillerIndex key = anomalous && o.minus() ? o.asu().negate() : o.asu();
            IntensityObservation io = new IntensityObservation(key, o.intensity(), o.sigma());
            // A frame is judged on all it measured: the scaler's misfit rejection would otherwise hide a
            // bad frame (of 170 unrelated intensities only the ~50 that agree by chance survive, CC 0.95).
            perFrame.get(d).computeIfAbsent(f, k -> new ArrayList<>()).add(io);
            if (o.rejected()) continue;
            all.add(io);
            perDataset.get(d).add(io);
        }
        Map<MillerIndex, MergedIntensity> reference = MergedIntensity.merge(all);
        List<double[]> datasetCc = new ArrayList<>();
        List<FrameCc> frames = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            Map<MillerIndex, MergedIntensity> own = MergedIntensity.merge(perDataset.get(d));
            CcClustering.PairCc p = CcClustering.pairCc(d, -1, own, reference);
            datasetCc.add(new double[] {own.size(), p.commonReflections(), p.cc()});
            if (firstFrame[d] > lastFrame[d]) continue;
            for (int f = firstFrame[d]; f <= lastFrame[d]; f++) {
                List<IntensityObservation> fo = perFrame.get(d).getOrDefault(f, List.of());
                Map<MillerIndex, MergedIntensity> m = MergedIntensity.merge(fo);
                CcClustering.PairCc pf = CcClustering.pairCc(d, -1, m, reference);
                frames.add(new FrameCc(d, f, m.size(), pf.commonReflections(), pf.cc()));
            }
        }
        double[] finite = frames.stream().mapToDouble(FrameCc::cc).filter(Double::isFinite).sorted().toArray();
        double cutoff = Double.NEGATIVE_INFINITY;
        if (finite.length > 0) {
            double q1 = CellOutlierFilter.quantile(finite, 0.25), q3 = CellOutlierFilter.quantile(finite, 0.75);
            cutoff = q1 - IQR_COEFFICIENT * (q3 - q1);
        }
        double[] own = new double[datasets];
        for (int d = 0; d < datasets; d++) {
            int dd = d;
            double[] z = frames.stream().filter(f -> f.dataset() == dd).mapToDouble(FrameCc::cc).filter(Double::isFinite)
                    .map(BadFrameDetection::fisherZ).sorted().toArray();
            own[d] = Double.NEGATIVE_INFINITY;
            if (z.length >= 3) {
                double q1 = CellOutlierFilter.quantile(z, 0.25), q3 = CellOutlierFilter.quantile(z, 0.75);
                own[d] = Math.tanh(q1 - IQR_COEFFICIENT * Math.max(q3 - q1, MIN_IQR_Z));
            }
        }
        List<int[]> good = new ArrayList<>();
        Map<Integer, List<Integer>> goodByDataset = new HashMap<>();
        for (FrameCc f : frames) {
            if (f.cc() > cutoff || f.cc() > own[f.dataset()]) {
                goodByDataset.computeIfAbsent(f.dataset(), k -> new ArrayList<>()).add(f.frame());
            }
        }
        for (int d = 0; d < datasets; d++) {
            good.add(goodByDataset.getOrDefault(d, List.of()).stream().mapToInt(Integer::intValue).toArray());
        }
        return new Result(datasetCc, frames, cutoff, own, good);
    }

    /** atanh, with CC = ±1 kept finite. */
    static double fisherZ(double cc) {
        double c = Math.max(-0.999999, Math.min(0.999999, cc));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }
}
