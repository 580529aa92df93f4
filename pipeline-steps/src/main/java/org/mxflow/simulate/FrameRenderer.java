package org.mxflow.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders rotation frames: background, the partial of every reflection within the frame's φ
 * range drawn as a 2D Gaussian spot (integrated exactly over each pixel), Poisson noise,
 * module gaps (-1) and overloads clipped at the count cutoff.
 */
public final class FrameRenderer {

    private final Detector detector;
    private final double[] background;
    private final double[] expMinusBackground;
    private final boolean[] gap;

    /** @param background mean background counts per pixel for one frame (see {@link BackgroundModel}) */
    public FrameRenderer(Detector detector, double[] background) {
        this.detector = detector;
        this.background = background.clone();
        this.expMinusBackground = new double[background.length];
        this.gap = new boolean[background.length];
        for (int i = 0; i < background.length; i++) {
            expMinusBackground[i] = Math.exp(-background[i]);
            gap[i] = detector.isGap(i % detector.nx(), i / detector.nx());
        }
    }

    /**
     * The noise-free expected counts of one frame covering [startDeg, endDeg]. The reflections
     * must be sorted by φ (as {@link ReflectionPredictor} returns them). For a still (start ==
     * end) the mosaic blocks within ±stillWidthDeg/2 of the angle diffract.
     */
    public double[] expectedCounts(List<PredictedReflection> reflections, double startDeg, double endDeg,
                                   double stillWidthDeg, double intensityFactor) {
        double a = startDeg, b = endDeg;
        if (b <= a) {
            a = startDeg - stillWidthDeg / 2;
            b = startDeg + stillWidthDeg / 2;
        }
        double[] mean = background.clone();
        int nx = detector.nx(), ny = detector.ny();
        for (PredictedReflection r : reflections) {
            double margin = 5 * r.sigmaPhiDeg();
            if (r.phiDeg() < a - margin || r.phiDeg() > b + margin) {
                continue;
            }
            double counts = intensityFactor * r.fullCounts() * Partiality.fraction(r.phiDeg(), r.sigmaPhiDeg(), a, b);
            if (counts < 1e-3) {
                continue;
            }
            addSpot(mean, nx, ny, r.xPx(), r.yPx(), r.sigmaSpotPx(), counts);
        }
        return mean;
    }

    /** Adds a Gaussian spot of total `counts` centred at continuous (x, y), integrated over each pixel. */
    static void addSpot(double[] image, int nx, int ny, double x, double y, double sigma, double counts) {
        int half = (int) Math.ceil(4 * sigma);
        int x0 = Math.max(0, (int) Math.floor(x) - half), x1 = Math.min(nx - 1, (int) Math.floor(x) + half);
        int y0 = Math.max(0, (int) Math.floor(y) - half), y1 = Math.min(ny - 1, (int) Math.floor(y) + half);
        if (x0 > x1 || y0 > y1) {
            return;
        }
        double k = 1 / (Math.sqrt(2) * sigma);
        double[] wx = new double[x1 - x0 + 1];
        for (int i = x0; i <= x1; i++) {
            wx[i - x0] = 0.5 * (Partiality.erf((i + 1 - x) * k) - Partiality.erf((i - x) * k));
        }
        for (int j = y0; j <= y1; j++) {
            double wy = counts * 0.5 * (Partiality.erf((j + 1 - y) * k) - Partiality.erf((j - y) * k));
            int row = j * nx;
            for (int i = x0; i <= x1; i++) {
                image[row + i] += wy * wx[i - x0];
            }
        }
    }

    /** Draws the counts a PILATUS would record for the given expected counts. */
    public int[] record(double[] expected, SplittableRandom rng) {
        int[] out = new int[expected.length];
        int cutoff = detector.countCutoff();
        for (int i = 0; i < expected.length; i++) {
            if (gap[i]) {
                out[i] = -1;
                continue;
            }
            double m = expected[i];
            int c = m == background[i] && m < 40
                    ? PoissonNoise.sampleSmall(m, expMinusBackground[i], rng)
                    : PoissonNoise.sample(m, rng);
            out[i] = Math.min(c, cutoff);
        }
        return out;
    }
}
