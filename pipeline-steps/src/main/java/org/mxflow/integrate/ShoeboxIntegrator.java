package org.mxflow.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 3D summation integration in shoeboxes with a per-frame local background, then profile
 * fitting with 2D profiles learned from strong neighbours: one profile per region of a 3×3 grid
 * over the detector and per rotation block ({@link IntegrationSettings#profileBlockFrames}), learned
 * from the block and the two beside it, frame-summed as the shoebox is.
 *
 * <p>Use: {@link #measureFrame} on each frame (independent, any thread), then {@link #add}
 * each frame's result in ascending frame order, then {@link #finish}. Integration streams: a
 * shoebox is complete once the last frame it covers has been added, and it is fitted and
 * released as soon as the profiles of its rotation block are known (every reflection of the
 * block and of the next one complete, or a few frames past the next block's end), so the
 * shoeboxes alive at any time are those of about two and a half profile blocks, whatever the
 * sweep length. Sums run in frame order and reflection order,
 * so the result does not depend on how many threads measured the frames.
 */
public final class ShoeboxIntegrator {

    private final List<PredictedReflection> predictions;
    private final IntegrationSettings settings;
    private final int width, height;
    private final long countCutoff;
    private final int half, side;
    private final int[] firstFrame, lastFrame;
    /** Reflection indices by first frame (then index), with those first frames, for {@link #activeOn}. */
    private final int[] byFirst, firstSorted;
    private final int maxSpanFrames;
    /** Reflection indices by last frame (then index): the order in which shoeboxes complete. */
    private final int[] byLast;
    private int completed;
    private int lastAdded = Integer.MIN_VALUE;
    private final Accumulator[] acc;
    private final int[] block;
    private final int blockMin, nBlocks;
    private final int[] pendingInBlock;
    private final ProfileSums[] blockSums;
    private final double[][][] blockProfiles;
    private final ProfileSums allSums;
    private final List<List<Integer>> completeInBlock;
    private int nextBlock;
    private final IntegratedReflection[] results;
    private int live, peakLive;

    /** What one frame contributes to one reflection. */
    public record FramePiece(int reflection, long foregroundCounts, int foregroundPixels, double backgroundMean,
                             double backgroundMeanVariance, int flags, int[] boxCounts, double sumX, double sumY,
                             double netForCentroid) {}

    /** All pieces of one frame, in reflection order. */
    public record FrameMeasurement(int frameNumber, List<FramePiece> pieces) {}

    private static final class Accumulator {
        long counts;
        int fgPixels;
        double background, backgroundVar, backgroundPerPixel;
        int flags, frames;
        int[] box;
        double sx, sy, sz, sn;
        double iSum, sSum;
    }

    /** Sums of normalised net profiles of strong reflections per detector region (9) and overall (index 9). */
    private static final class ProfileSums {
        final double[][] sums;
        final int[] counts = new int[10];

        ProfileSums(int boxPixels) {
            sums = new double[10][boxPixels];
        }
    }

    public ShoeboxIntegrator(List<PredictedReflection> predictions, IntegrationSettings settings, int width, int height,
                             long countCutoff) {
        this.predictions = List.copyOf(predictions);
        this.settings = settings;
        this.width = width;
        this.height = height;
        this.countCutoff = countCutoff;
        this.half = settings.halfSizePx();
        this.side = 2 * half + 1;
        int n = predictions.size();
        firstFrame = new int[n];
        lastFrame = new int[n];
        acc = new Accumulator[n];
        block = new int[n];
        results = new IntegratedReflection[n];
        int span = 0, bMin = Integer.MAX_VALUE, bMax = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            PredictedReflection p = predictions.get(i);
            double ext = Math.max(settings.nSigmaFrames() * p.sigmaZFrames(), 0.5);
            // frame f spans z ∈ [f−1, f]; take every frame that overlaps [z − ext, z + ext]
            firstFrame[i] = (int) Math.floor(p.zFrame() - ext) + 1;
            lastFrame[i] = (int) Math.ceil(p.zFrame() + ext);
            span = Math.max(span, lastFrame[i] - firstFrame[i]);
            block[i] = Math.floorDiv((int) Math.floor(p.zFrame()), settings.profileBlockFrames());
            bMin = Math.min(bMin, block[i]);
            bMax = Math.max(bMax, block[i]);
        }
        maxSpanFrames = span;
        byFirst = sortedBy(firstFrame);
        firstSorted = new int[n];
        for (int j = 0; j < n; j++) firstSorted[j] = firstFrame[byFirst[j]];
        byLast = sortedBy(lastFrame);
        blockMin = n == 0 ? 0 : bMin;
        nBlocks = n == 0 ? 0 : bMax - bMin + 1;
        pendingInBlock = new int[nBlocks];
        for (int i = 0; i < n; i++) pendingInBlock[block[i] - blockMin]++;
        blockSums = new ProfileSums[nBlocks];
        blockProfiles = new double[nBlocks][][];
        allSums = new ProfileSums(side * side);
        completeInBlock = new ArrayList<>(nBlocks);
        for (int b = 0; b < nBlocks; b++) completeInBlock.add(new ArrayList<>());
    }

    private static int[] sortedBy(int[] key) {
        Integer[] idx = new Integer[key.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> key[x] != key[y] ? Integer.compare(key[x], key[y]) : Integer.compare(x, y));
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = idx[i];
        return out;
    }

    public List<PredictedReflection> predictions() { return predictions; }

    /** Shoeboxes held now (measured on some frame, not yet fitted and released). */
    public int liveShoeboxes() { return live; }

    /** The most shoeboxes held at once so far. */
    public int peakLiveShoeboxes() { return peakLive; }

    /** Indices of the reflections whose shoebox includes the frame, ascending. */
    public int[] activeOn(int frame) {
        // candidates start within the longest shoebox span before the frame
        int from = lowerBound(firstSorted, frame - maxSpanFrames), to = lowerBound(firstSorted, frame + 1);
        int[] tmp = new int[Math.max(0, to - from)];
        int m = 0;
        for (int j = from; j < to; j++) {
            int i = byFirst[j];
            if (lastFrame[i] >= frame) tmp[m++] = i;
        }
        int[] out = Arrays.copyOf(tmp, m);
        Arrays.sort(out);
        return out;
    }

    /** First position whose value is ≥ v. */
    private static int lowerBound(int[] a, int v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Measures every active reflection on one frame. Pure: pixels in, pieces out. */
    public FrameMeasurement measureFrame(int frameNumber, int[] pixels) {
        if (pixels.length != width * height)
            throw new IllegalArgumentException("frame " + frameNumber + " has " + pixels.length + " pixels, expected " + width * height);
        int[] active = activeOn(frameNumber);
        double r2 = settings.foregroundRadiusPx() * settings.foregroundRadiusPx();
        double rb = settings.foregroundRadiusPx() + 1;
        double rb2 = rb * rb;
        // Foreground paint of all active reflections on this frame: background must avoid every spot.
        byte[] paint = new byte[width * height];
        for (int i : active) {
            PredictedReflection p = predictions.get(i);
            forBox(p, (x, y, dx, dy, idx) -> {
                if (dx * dx + dy * dy <= r2 && paint[y * width + x] < 100) paint[y * width + x]++;
            });
        }
        List<FramePiece> pieces = new ArrayList<>(active.length);
        double[] bgValues = new double[side * side];
        for (int i : active) {
            PredictedReflection p = predictions.get(i);
            int[] box = new int[side * side];
            long[] fg = new long[2];
            int[] flags = {0};
            int[] nb = {0};
            double[] cen = new double[3];
            forBox(p, (x, y, dx, dy, idx) -> {
                int v = pixels[y * width + x];
                double d2 = dx * dx + dy * dy;
                box[idx] = v;
                if (d2 <= r2) {
                    if (v < 0) flags[0] |= IntegrationFlags.UNTRUSTED;
                    else {
                        if (v >= countCutoff) flags[0] |= IntegrationFlags.OVERLOAD;
                        fg[0] += v;
                        fg[1]++;
                    }
                    if (paint[y * width + x] > 1) flags[0] |= IntegrationFlags.OVERLAP;
                } else if (d2 >= rb2 && v >= 0 && v < countCutoff && paint[y * width + x] == 0) {
                    bgValues[nb[0]++] = v;
                }
            });
            // a foreground pixel off the detector is as unmeasured as a gap pixel: part of the spot is missing
            // (spots cut by the edge came out at half their intensity)
            if (fg[1] < Math.PI * r2 * 0.5 || foregroundLeavesDetector(p, r2)) flags[0] |= IntegrationFlags.UNTRUSTED;
            double[] bg = robustMean(bgValues, nb[0]);
            if (nb[0] < 10) flags[0] |= IntegrationFlags.POOR_BACKGROUND;
            double bgMean = bg[0];
            forBox(p, (x, y, dx, dy, idx) -> {
                int v = pixels[y * width + x];
                if (dx * dx + dy * dy <= r2 && v >= 0) {
                    double net = v - bgMean;
                    if (net > 0) {
                        cen[0] += net * (x + 0.5);
                        cen[1] += net * (y + 0.5);
                        cen[2] += net;
                    }
                }
            });
            pieces.add(new FramePiece(i, fg[0], (int) fg[1], bgMean, bg[1], flags[0], box, cen[0], cen[1], cen[2]));
        }
        return new FrameMeasurement(frameNumber, pieces);
    }

    /**
     * Adds one frame's measurement. Frames must come in ascending order (sums in a fixed order);
     * shoeboxes whose last frame this is are completed, and those whose profiles are now known are
     * fitted and released.
     */
    public void add(FrameMeasurement m) {
        if (m.frameNumber() <= lastAdded)
            throw new IllegalArgumentException("frame " + m.frameNumber() + " added after frame " + lastAdded + ": frames must be added in ascending order");
        lastAdded = m.frameNumber();
        for (FramePiece piece : m.pieces()) {
            Accumulator a = acc[piece.reflection()];
            if (a == null) {
                if (lastFrame[piece.reflection()] < m.frameNumber() || results[piece.reflection()] != null)
                    throw new IllegalArgumentException("frame " + m.frameNumber() + " has a piece of reflection " + piece.reflection()
                            + " whose shoebox ends on frame " + lastFrame[piece.reflection()]);
                a = acc[piece.reflection()] = new Accumulator();
                a.box = new int[side * side];
                peakLive = Math.max(peakLive, ++live);
            }
            a.counts += piece.foregroundCounts();
            a.fgPixels += piece.foregroundPixels();
            a.background += piece.foregroundPixels() * piece.backgroundMean();
            a.backgroundVar += (double) piece.foregroundPixels() * piece.foregroundPixels() * piece.backgroundMeanVariance();
            a.backgroundPerPixel += piece.backgroundMean();
            a.flags |= piece.flags();
            a.frames++;
            int[] b = piece.boxCounts();
            for (int j = 0; j < b.length; j++) a.box[j] += Math.max(b[j], 0);
            a.sx += piece.sumX();
            a.sy += piece.sumY();
            a.sz += piece.netForCentroid() * (m.frameNumber() - 0.5);
            a.sn += piece.netForCentroid();
        }
        while (completed < byLast.length && lastFrame[byLast[completed]] <= m.frameNumber()) complete(byLast[completed++]);
        while (nextBlock < nBlocks && readyToFit(nextBlock, m.frameNumber())) fitBlock(nextBlock++);
    }

    /**
     * A block's profiles are learned once its reflections and the next block's are complete, or once the
     * sweep is {@link #LATE_FRAMES} frames past the next block's end: the few wide shoeboxes near the
     * spindle still open then are fitted with the block's profiles when they complete, instead of holding
     * every shoebox of the block.
     */
    private boolean readyToFit(int b, int frame) {
        if (pendingInBlock[b] == 0 && (b + 1 >= nBlocks || pendingInBlock[b + 1] == 0)) return true;
        return frame >= (b + blockMin + 2) * settings.profileBlockFrames() + LATE_FRAMES;
    }

    /** Frames after the end of the next block at which a block's profiles are learned in any case. */
    static final int LATE_FRAMES = 3;

    /** Completes the shoeboxes not yet complete (those running past the last frame added) and returns every reflection measured, in prediction order. */
    public List<IntegratedReflection> finish() {
        while (completed < byLast.length) complete(byLast[completed++]);
        while (nextBlock < nBlocks) fitBlock(nextBlock++);
        List<IntegratedReflection> out = new ArrayList<>();
        for (IntegratedReflection r : results) if (r != null) out.add(r);
        return out;
    }

    /** Summation intensity of a complete shoebox; a strong clean one adds its profile to its block's sums. */
    private void complete(int i) {
        int b = block[i] - blockMin;
        pendingInBlock[b]--;
        Accumulator a = acc[i];
        if (a == null) return;
        a.iSum = a.counts - a.background;
        a.sSum = Math.sqrt(Math.max(a.counts, 0) + a.backgroundVar);
        if (b < nextBlock) {
            // completing after its block was fitted: the block's profiles as they were learned
            results[i] = integrated(i, a, blockProfiles[b]);
            acc[i] = null;
            live--;
            return;
        }
        completeInBlock.get(b).add(i);
        if (a.flags != 0 || !(a.sSum > 0) || a.iSum / a.sSum < settings.strongIOverSigma()) return;
        PredictedReflection p = predictions.get(i);
        double[] net = netBox(a, p);
        double total = 0;
        for (double v : net) total += v;
        if (!(total > 0)) return;
        if (blockSums[b] == null) blockSums[b] = new ProfileSums(side * side);
        int r = region(p);
        for (ProfileSums s : new ProfileSums[] {blockSums[b], allSums}) {
            for (int j = 0; j < net.length; j++) {
                s.sums[r][j] += net[j] / total;
                s.sums[9][j] += net[j] / total;
            }
            s.counts[r]++;
            s.counts[9]++;
        }
    }

    /** Fits and releases the complete shoeboxes of one block with the profiles of the block and its neighbours. */
    private void fitBlock(int b) {
        double[][] profiles = blockProfiles[b] = profiles(b);
        for (int i : completeInBlock.get(b)) {
            results[i] = integrated(i, acc[i], profiles);
            acc[i] = null;
            live--;
        }
        completeInBlock.set(b, List.of());
        if (b >= 1) blockSums[b - 1] = null;
    }

    /**
     * Mean normalised net profile per region over blocks b−1..b+1; a region with fewer than 10 strong
     * reflections uses the blocks' overall profile; blocks with fewer than 10 use every strong reflection
     * so far; none at all (fewer than 10 anywhere) leaves summation only.
     */
    private double[][] profiles(int b) {
        ProfileSums w = new ProfileSums(side * side);
        for (int k = Math.max(0, b - 1); k <= Math.min(nBlocks - 1, b + 1); k++) {
            ProfileSums s = blockSums[k];
            if (s == null) continue;
            for (int r = 0; r < 10; r++) {
                for (int j = 0; j < side * side; j++) w.sums[r][j] += s.sums[r][j];
                w.counts[r] += s.counts[r];
            }
        }
        double[][] out = new double[9][];
        double[] overall;
        if (w.counts[9] >= 10) overall = normalise(w.sums[9]);
        else if (allSums.counts[9] >= 10) overall = normalise(allSums.sums[9]);
        else return out;
        for (int r = 0; r < 9; r++) out[r] = w.counts[r] >= 10 ? normalise(w.sums[r]) : overall;
        return out;
    }

    private IntegratedReflection integrated(int i, Accumulator a, double[][] profiles) {
        PredictedReflection p = predictions.get(i);
        double intensity = a.iSum, sigma = a.sSum;
        int flags = a.flags, corr = 0;
        double[] prof = profiles[region(p)];
        if (prof != null && !IntegrationFlags.isRejected(flags) && a.sSum > 0) {
            double[] fit = fitProfile(prof, a, p, a.iSum, a.backgroundVar / Math.max(1.0, (double) a.fgPixels * a.fgPixels));
            corr = (int) Math.round(100 * Math.max(0, fit[2]));
            if (a.iSum / a.sSum < settings.weakIOverSigma() && Double.isFinite(fit[0]) && fit[1] > 0) {
                intensity = fit[0];
                sigma = fit[1];
                flags |= IntegrationFlags.PROFILE_FITTED;
            }
        }
        double x = p.xPx(), y = p.yPx(), z = p.zFrame();
        if (a.sn > 0) {
            double cx = a.sx / a.sn, cy = a.sy / a.sn;
            if (Math.abs(cx - x) < settings.foregroundRadiusPx() && Math.abs(cy - y) < settings.foregroundRadiusPx()) {
                x = cx;
                y = cy;
                z = a.sz / a.sn;
            }
        }
        return new IntegratedReflection(p, intensity, sigma, a.iSum, a.sSum, x, y, z, a.frames, corr, flags);
    }

    private int region(PredictedReflection p) {
        int rx = Math.min(2, Math.max(0, (int) (3 * p.xPx() / width)));
        int ry = Math.min(2, Math.max(0, (int) (3 * p.yPx() / height)));
        return 3 * ry + rx;
    }

    private double[] normalise(double[] s) {
        double[] p = new double[s.length];
        double t = 0;
        for (int j = 0; j < s.length; j++) {
            p[j] = Math.max(0, s[j]);
            t += p[j];
        }
        for (int j = 0; j < s.length; j++) p[j] /= t;
        return p;
    }

    /** Frame-summed counts minus background inside the foreground circle, 0 outside. */
    private double[] netBox(Accumulator a, PredictedReflection p) {
        double[] net = new double[side * side];
        double r2 = settings.foregroundRadiusPx() * settings.foregroundRadiusPx();
        forBox(p, (x, y, dx, dy, idx) -> {
            if (dx * dx + dy * dy <= r2) net[idx] = a.box[idx] - a.backgroundPerPixel;
        });
        return net;
    }

    /**
     * Weighted least-squares fit of I·p to the net counts over the foreground (Kabsch/XDS-style):
     * I = Σ p(c−b)/v / Σ p²/v with v = b + I·p + var(b), iterated; returns {I, σ, correlation}.
     */
    private double[] fitProfile(double[] prof, Accumulator a, PredictedReflection p, double start, double bgVarPerPixel) {
        double r2 = settings.foregroundRadiusPx() * settings.foregroundRadiusPx();
        List<int[]> idx = new ArrayList<>();
        forBox(p, (x, y, dx, dy, j) -> {
            if (dx * dx + dy * dy <= r2) idx.add(new int[] {j});
        });
        double b = a.backgroundPerPixel;
        double intensity = Math.max(start, 0);
        double sig = Double.NaN;
        for (int it = 0; it < 4; it++) {
            double num = 0, den = 0;
            for (int[] jj : idx) {
                int j = jj[0];
                double pj = prof[j];
                double v = Math.max(b + Math.max(intensity, 0) * pj + bgVarPerPixel, 1.0);
                num += pj * (a.box[j] - b) / v;
                den += pj * pj / v;
            }
            if (!(den > 0)) return new double[] {Double.NaN, Double.NaN, 0};
            intensity = num / den;
            sig = Math.sqrt(1 / den);
        }
        // correlation of observed net counts with the profile
        double sp = 0, so = 0, spp = 0, soo = 0, spo = 0;
        int m = 0;
        for (int[] jj : idx) {
            double pj = prof[jj[0]], o = a.box[jj[0]] - b;
            sp += pj; so += o; spp += pj * pj; soo += o * o; spo += pj * o; m++;
        }
        double cov = spo - sp * so / m, vp = spp - sp * sp / m, vo = soo - so * so / m;
        double cc = vp > 0 && vo > 0 ? cov / Math.sqrt(vp * vo) : 0;
        return new double[] {intensity, sig, cc};
    }

    /** True when a pixel centre within the foreground circle lies off the detector. */
    private boolean foregroundLeavesDetector(PredictedReflection p, double r2) {
        int cx = (int) Math.floor(p.xPx()), cy = (int) Math.floor(p.yPx());
        for (int j = -half; j <= half; j++) {
            int y = cy + j;
            for (int i = -half; i <= half; i++) {
                int x = cx + i;
                if (x >= 0 && x < width && y >= 0 && y < height) continue;
                double dx = x + 0.5 - p.xPx(), dy = y + 0.5 - p.yPx();
                if (dx * dx + dy * dy <= r2) return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface BoxVisitor {
        void visit(int x, int y, double dx, double dy, int boxIndex);
    }

    /** Visits the on-detector pixels of a reflection's box; dx, dy from the prediction to the pixel centre. */
    private void forBox(PredictedReflection p, BoxVisitor v) {
        int cx = (int) Math.floor(p.xPx()), cy = (int) Math.floor(p.yPx());
        for (int j = -half; j <= half; j++) {
            int y = cy + j;
            if (y < 0 || y >= height) continue;
            for (int i = -half; i <= half; i++) {
                int x = cx + i;
                if (x < 0 || x >= width) continue;
                v.visit(x, y, x + 0.5 - p.xPx(), y + 0.5 - p.yPx(), (j + half) * side + (i + half));
            }
        }
    }

    /** Mean of the values after iteratively dropping those above mean + 3√mean (Poisson outliers: other spots); {mean, var of mean}. */
    static double[] robustMean(double[] values, int n) {
        if (n == 0) return new double[] {0, 1};
        double[] v = Arrays.copyOf(values, n);
        int m = n;
        double mean = 0;
        for (int round = 0; round < 4; round++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += v[i];
            mean = s / m;
            double cut = mean + 3 * Math.sqrt(Math.max(mean, 1));
            int k = 0;
            for (int i = 0; i < m; i++) if (v[i] <= cut) v[k++] = v[i];
            if (k == m || k < 3) break;
            m = k;
        }
        return new double[] {mean, Math.max(mean, 1) / m};
    }
}
