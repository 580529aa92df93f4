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
 * reference is all scaled observations merged (the frame itself included); each dataset and
 * each frame is merged on its own and correlated with it over common reflections; the frame
 * CCs of all datasets are pooled and a frame is good iff its CC &gt; Q1 − 1.5·IQR (strictly, so
 * NaN frames are bad). All frames from first to last are tested (KAMO's "last frame" quirk is
 * not reproduced, see [INF] there).
 */
public final class BadFrameDetection {

    /** KAMO's rejection.framecc.iqr_coeff. */
    public static final double IQR_COEFFICIENT = 1.5;

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
     * @param cutoff     the Tukey cut-off on frame CC
     * @param goodFrames per dataset, the good 1-based frames (sorted)
     */
    public record Result(List<double[]> datasetCc, List<FrameCc> frames, double cutoff, List<int[]> goodFrames) {
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
            if (o.rejected() || !(o.sigma() > 0)) continue;
            MillerIndex key = anomalous && o.minus() ? o.asu().negate() : o.asu();
            IntensityObservation io = new IntensityObservation(key, o.intensity(), o.sigma());
            all.add(io);
            perDataset.get(d).add(io);
            perFrame.get(d).computeIfAbsent(f, k -> new ArrayList<>()).add(io);
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
        List<int[]> good = new ArrayList<>();
        Map<Integer, List<Integer>> goodByDataset = new HashMap<>();
        for (FrameCc f : frames) {
            if (f.cc() > cutoff) goodByDataset.computeIfAbsent(f.dataset(), k -> new ArrayList<>()).add(f.frame());
        }
        for (int d = 0; d < datasets; d++) {
            good.add(goodByDataset.getOrDefault(d, List.of()).stream().mapToInt(Integer::intValue).toArray());
        }
        return new Result(datasetCc, frames, cutoff, good);
    }
}
