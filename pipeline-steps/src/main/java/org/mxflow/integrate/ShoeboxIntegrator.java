package org.mxflow.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 3D summation integration in shoeboxes with a per-frame local background, then profile
 * fitting of weak reflections with 2D profiles learned from strong neighbours (one profile per
 * region of a 3×3 grid over the detector, frame-summed as the shoebox is).
 *
 * <p>Use: {@link #measureFrame} on each frame (independent, any thread), then {@link #add}
 * each frame's result in frame order, then {@link #finish}. Sums run in frame order, so the
 * result does not depend on how many threads measured the frames.
 */
public final class ShoeboxIntegrator {

    private final List<PredictedReflection> predictions;
    private final IntegrationSettings settings;
    private final int width, height;
    private final long countCutoff;
    private final int half, side;
    private final int[] firstFrame, lastFrame;
    private final Accumulator[] acc;

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
        for (int i = 0; i < n; i++) {
            PredictedReflection p = predictions.get(i);
            double ext = Math.max(settings.nSigmaFrames() * p.sigmaZFrames(), 0.5);
            // frame f spans z ∈ [f−1, f]; take every frame that overlaps [z − ext, z + ext]
            firstFrame[i] = (int) Math.floor(p.zFrame() - ext) + 1;
            lastFrame[i] = (int) Math.ceil(p.zFrame() + ext);
        }
    }

    public List<PredictedReflection> predictions() { return predictions; }

    /** Indices of the reflections whose shoebox includes the frame, ascending. */
    public int[] activeOn(int frame) {
        int n = predictions.size();
        int[] tmp = new int[16];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (firstFrame[i] <= frame && frame <= lastFrame[i]) {
                if (m == tmp.length) tmp = Arrays.copyOf(tmp, 2 * m);
                tmp[m++] = i;
            }
        }
        return Arrays.copyOf(tmp, m);
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
            // pixels of the box that fall off the detector count as untrusted foreground only if inside the circle
            if (fg[1] < Math.PI * r2 * 0.5) flags[0] |= IntegrationFlags.UNTRUSTED;
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

    /** Adds one frame's measurement; frames must be added in ascending order for reproducible sums. */
    public void add(FrameMeasurement m) {
        for (FramePiece piece : m.pieces()) {
            Accumulator a = acc[piece.reflection()];
            if (a == null) {
                a = acc[piece.reflection()] = new Accumulator();
                a.box = new int[side * side];
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
    }

    /** Summation for all, profiles learned from strong reflections, profile fitting for weak ones. */
    public List<IntegratedReflection> finish() {
        int n = predictions.size();
        double[] iSum = new double[n], sSum = new double[n];
        for (int i = 0; i < n; i++) {
            Accumulator a = acc[i];
            if (a == null) continue;
            iSum[i] = a.counts - a.background;
            sSum[i] = Math.sqrt(Math.max(a.counts, 0) + a.backgroundVar);
        }
        double[][] profiles = learnProfiles(iSum, sSum);
        List<IntegratedReflection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Accumulator a = acc[i];
            PredictedReflection p = predictions.get(i);
            if (a == null) continue;
            double intensity = iSum[i], sigma = sSum[i];
            int flags = a.flags, corr = 0;
            double[] prof = profiles[region(p)];
            if (prof != null && !IntegrationFlags.isRejected(flags) && sSum[i] > 0) {
                double[] fit = fitProfile(prof, a, p, iSum[i], a.backgroundVar / Math.max(1.0, (double) a.fgPixels * a.fgPixels));
                corr = (int) Math.round(100 * Math.max(0, fit[2]));
                if (iSum[i] / sSum[i] < settings.weakIOverSigma() && Double.isFinite(fit[0]) && fit[1] > 0) {
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
            out.add(new IntegratedReflection(p, intensity, sigma, iSum[i], sSum[i], x, y, z, a.frames, corr, flags));
        }
        return out;
    }

    private int region(PredictedReflection p) {
        int rx = Math.min(2, Math.max(0, (int) (3 * p.xPx() / width)));
        int ry = Math.min(2, Math.max(0, (int) (3 * p.yPx() / height)));
        return 3 * ry + rx;
    }

    /** Mean normalised net profile over the foreground of strong, clean reflections; regions with < 10 use the global one. */
    private double[][] learnProfiles(double[] iSum, double[] sSum) {
        double[][] sums = new double[10][side * side];
        int[] counts = new int[10];
        for (int i = 0; i < predictions.size(); i++) {
            Accumulator a = acc[i];
            if (a == null || a.flags != 0 || !(sSum[i] > 0) || iSum[i] / sSum[i] < settings.strongIOverSigma()) continue;
            PredictedReflection p = predictions.get(i);
            int r = region(p);
            double[] net = netBox(a, p);
            double total = 0;
            for (double v : net) total += v;
            if (!(total > 0)) continue;
            for (int j = 0; j < net.length; j++) {
                sums[r][j] += net[j] / total;
                sums[9][j] += net[j] / total;
            }
            counts[r]++;
            counts[9]++;
        }
        double[][] out = new double[9][];
        if (counts[9] < 10) return out;
        double[] global = normalise(sums[9]);
        for (int r = 0; r < 9; r++) out[r] = counts[r] >= 10 ? normalise(sums[r]) : global;
        return out;
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
