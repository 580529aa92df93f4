package org.mxflow.spots;

import java.util.Arrays;

/**
 * The dispersion strong-pixel test of XDS COLSPOT and DIALS ({@code DispersionThreshold} in
 * dials/algorithms/image/threshold/local.h), on the CPU.
 *
 * <p>For every trusted pixel with value v, over the trusted pixels of a (2kx+1)×(2ky+1) window
 * centred on it (clipped at the frame edge): n pixels, sum x, sum of squares y. With gain g
 * the pixel is strong when
 * <pre>
 *   n >= min_local,  x >= 0,  v > global_threshold,
 *   n·y − x² − g·x·(n−1)  >  g·x·σ_b·√(2(n−1))      (dispersion index above 1 + σ_b·√(2/(n−1)))
 *   n·v − x              >  σ_s·√(g·x·n)             (v above the local mean by σ_s sigmas)
 * </pre>
 * exactly DIALS's expressions (with g = 1 they reduce to its gain-free form). Pixels are trusted
 * when 0 ≤ v &lt; count cutoff; like DIALS, values ≥ 2²⁴ never enter the window sums.
 *
 * <p>Window sums come from running column sums, i.e. a summed-area table built one row at a
 * time: integer arithmetic, one pass, O(1) per pixel whatever the window size. Sums of values
 * fit an int (49 values below 2²⁴ in the default window; kernels up to 11×11 fit, larger ones
 * are refused). Every pixel first meets only the cheap σ_s test (one branch that background
 * almost never passes); the window's sum of squares is formed, in a long, for the few that do.
 */
public final class DispersionThreshold implements SpotFinderBackend {

    /** DIALS ignores larger values in the sums ("about 16m counts"). */
    private static final int BIG = 1 << 24;

    private final SpotFinderSettings settings;
    /** √(2(n−1)) for every possible window count n. */
    private final double[] sqrtTwoNMinusOne;
    private final int kernelX;
    private final int kernelY;
    private final int minCount;
    private final double gain;
    private final double nsigB;
    private final double nsigS2g;
    private final double threshold;

    public DispersionThreshold(SpotFinderSettings settings) {
        this.settings = settings;
        int window = (2 * settings.kernelHalfWidthX() + 1) * (2 * settings.kernelHalfWidthY() + 1);
        sqrtTwoNMinusOne = new double[window + 1];
        for (int n = 1; n <= window; n++) {
            sqrtTwoNMinusOne[n] = Math.sqrt(2.0 * (n - 1));
        }
        kernelX = settings.kernelHalfWidthX();
        kernelY = settings.kernelHalfWidthY();
        minCount = settings.minCountInWindow();
        gain = settings.gain();
        nsigB = settings.sigmaBackground();
        nsigS2g = settings.sigmaStrong() * settings.sigmaStrong() * settings.gain();
        threshold = settings.globalThreshold();
    }

    /**
     * DIALS's test for the pixel at (i, j), value v, with n trusted pixels summing to x in its
     * window, once it has passed the cheap σ_s pre-test. The window's sum of squares is formed
     * here from the pixels, because few pixels get this far: carrying it as a running sum would
     * cost every pixel.
     */
    private boolean isStrong(int[] pixels, int width, int height, int i, int j, int v, int n, int x,
                             int sumLimit, int trustLimit) {
        if (v < 0 || v >= trustLimit || n < minCount || v <= threshold) {
            return false;
        }
        double dn = n;
        double dx = x;
        double b = dn * v - dx;                       // excess over the local mean, times n
        if (b <= 0 || b * b <= nsigS2g * dx * dn) {   // b > σ_s·√(g·x·n), squared
            return false;
        }
        long y = 0;
        for (int jj = Math.max(0, j - kernelY); jj <= Math.min(height - 1, j + kernelY); jj++) {
            int row = jj * width;
            for (int ii = Math.max(0, i - kernelX); ii <= Math.min(width - 1, i + kernelX); ii++) {
                int w = pixels[row + ii];
                if (w >= 0 && w < sumLimit) {
                    y += (long) w * w;
                }
            }
        }
        double a = dn * (double) y - dx * dx - gain * dx * (dn - 1);
        return a > gain * dx * nsigB * sqrtTwoNMinusOne[n];
    }

    private static int[] append(int[] out, int at, int index) {
        if (at == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[at] = index;
        return out;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public StrongPixels strongPixels(int[] pixels, int width, int height, long countCutoff) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + width + "x" + height + " frame");
        }
        final int kx = settings.kernelHalfWidthX();
        final int ky = settings.kernelHalfWidthY();
        // The largest value that is both trusted and small enough to enter the sums.
        final int sumLimit = (int) Math.min(countCutoff, BIG);
        final int trustLimit = (int) Math.min(countCutoff, Integer.MAX_VALUE);
        if ((long) (2 * kx + 1) * (2 * ky + 1) * sumLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel " + kx + "," + ky + " too large for int window sums");
        }

        int[] colN = new int[width];
        int[] colX = new int[width];
        int[] out = new int[1024];
        int found = 0;
        final double preTest = nsigS2g;

        // Prime the column sums with rows 0..ky-1; row j+ky is added as row j is reached.
        for (int r = 0; r < Math.min(ky, height); r++) {
            addRow(pixels, r * width, width, sumLimit, colN, colX, 1);
        }
        for (int j = 0; j < height; j++) {
            int enter = j + ky < height ? (j + ky) * width : -1;
            int leave = j - ky - 1 >= 0 ? (j - ky - 1) * width : -1;
            if (enter >= 0 && leave >= 0) {
                slideRows(pixels, enter, leave, width, sumLimit, colN, colX);
            } else if (enter >= 0) {
                addRow(pixels, enter, width, sumLimit, colN, colX, 1);
            } else if (leave >= 0) {
                addRow(pixels, leave, width, sumLimit, colN, colX, -1);
            }
            // Running sums along the row over columns [i-kx, i+kx], clipped at both ends; in
            // between the window only slides, so the middle loop has no edge tests.
            int n = 0;
            int x = 0;
            for (int i = 0; i < Math.min(kx, width); i++) {
                n += colN[i];
                x += colX[i];
            }
            final int rowStart = j * width;
            int middleStart = Math.min(kx + 1, width);
            int middleEnd = Math.max(middleStart, width - kx);
            for (int i = 0; i < middleStart; i++) {
                if (i + kx < width) {
                    n += colN[i + kx];
                    x += colX[i + kx];
                }
                if (isStrong(pixels, width, height, i, j, pixels[rowStart + i], n, x, sumLimit, trustLimit)) {
                    out = append(out, found++, rowStart + i);
                }
            }
            for (int i = middleStart; i < middleEnd; i++) {
                n += colN[i + kx] - colN[i - kx - 1];
                x += colX[i + kx] - colX[i - kx - 1];
                int v = pixels[rowStart + i];
                // Common path: only the σ_s test, which background almost never passes (an
                // untrusted negative value fails it too); the full test runs for the rest.
                double b = (double) n * v - x;
                if (b * Math.abs(b) > preTest * x * (double) n
                        && isStrong(pixels, width, height, i, j, v, n, x, sumLimit, trustLimit)) {
                    out = append(out, found++, rowStart + i);
                }
            }
            for (int i = middleEnd; i < width; i++) {
                if (i + kx < width) {
                    n += colN[i + kx];
                    x += colX[i + kx];
                }
                if (i - kx - 1 >= 0) {
                    n -= colN[i - kx - 1];
                    x -= colX[i - kx - 1];
                }
                if (isStrong(pixels, width, height, i, j, pixels[rowStart + i], n, x, sumLimit, trustLimit)) {
                    out = append(out, found++, rowStart + i);
                }
            }
        }
        return new StrongPixels(width, height, Arrays.copyOf(out, found));
    }

    /** Adds row {@code enter} to the column sums and removes row {@code leave}, in one sweep. */
    private static void slideRows(int[] pixels, int enter, int leave, int width, int sumLimit,
                                  int[] colN, int[] colX) {
        for (int i = 0; i < width; i++) {
            int a = pixels[enter + i];
            int r = pixels[leave + i];
            // 1 when 0 <= value < sumLimit (both a and sumLimit-1-a non-negative), else 0: pure
            // integer arithmetic, so the JIT can vectorise this loop.
            int okA = ~(a | (sumLimit - 1 - a)) >>> 31;
            int okR = ~(r | (sumLimit - 1 - r)) >>> 31;
            colN[i] += okA - okR;
            colX[i] += (a & -okA) - (r & -okR);
        }
    }

    private static void addRow(int[] pixels, int start, int width, int sumLimit,
                               int[] colN, int[] colX, int sign) {
        for (int i = 0; i < width; i++) {
            int v = pixels[start + i];
            if (v >= 0 && v < sumLimit) {
                colN[i] += sign;
                colX[i] += sign * v;
            }
        }
    }
}
