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
 * time: integer arithmetic, one pass, O(1) per pixel whatever the window size.
 */
public final class DispersionThreshold implements SpotFinderBackend {

    /** DIALS ignores larger values in the sums ("about 16m counts"). */
    private static final int BIG = 1 << 24;

    private final SpotFinderSettings settings;
    /** √(2(n−1)) for every possible window count n. */
    private final double[] sqrtTwoNMinusOne;

    public DispersionThreshold(SpotFinderSettings settings) {
        this.settings = settings;
        int window = (2 * settings.kernelHalfWidthX() + 1) * (2 * settings.kernelHalfWidthY() + 1);
        sqrtTwoNMinusOne = new double[window + 1];
        for (int n = 1; n <= window; n++) {
            sqrtTwoNMinusOne[n] = Math.sqrt(2.0 * (n - 1));
        }
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
        final int minCount = settings.minCountInWindow();
        final double g = settings.gain();
        final double nsigB = settings.sigmaBackground();
        final double nsigS2g = settings.sigmaStrong() * settings.sigmaStrong() * g;
        final double threshold = settings.globalThreshold();
        // The largest value that is both trusted and small enough to enter the sums.
        final int sumLimit = (int) Math.min(countCutoff, BIG);
        final int trustLimit = (int) Math.min(countCutoff, Integer.MAX_VALUE);

        int[] colN = new int[width];
        long[] colX = new long[width];
        long[] colY = new long[width];
        int[] out = new int[1024];
        int found = 0;

        // Prime the column sums with rows 0..ky-1; row j+ky is added as row j is reached.
        for (int r = 0; r < Math.min(ky, height); r++) {
            addRow(pixels, r * width, width, sumLimit, colN, colX, colY, 1);
        }
        for (int j = 0; j < height; j++) {
            if (j + ky < height) {
                addRow(pixels, (j + ky) * width, width, sumLimit, colN, colX, colY, 1);
            }
            if (j - ky - 1 >= 0) {
                addRow(pixels, (j - ky - 1) * width, width, sumLimit, colN, colX, colY, -1);
            }
            // Running sums along the row over columns [i-kx, i+kx].
            int n = 0;
            long x = 0;
            long y = 0;
            for (int i = 0; i < Math.min(kx, width); i++) {
                n += colN[i];
                x += colX[i];
                y += colY[i];
            }
            final int rowStart = j * width;
            for (int i = 0; i < width; i++) {
                int add = i + kx;
                if (add < width) {
                    n += colN[add];
                    x += colX[add];
                    y += colY[add];
                }
                int drop = i - kx - 1;
                if (drop >= 0) {
                    n -= colN[drop];
                    x -= colX[drop];
                    y -= colY[drop];
                }
                int v = pixels[rowStart + i];
                if (v < 0 || v >= trustLimit || n < minCount || v <= threshold) {
                    continue;
                }
                double dn = n;
                double dx = x;
                double b = dn * v - dx;                       // excess over the local mean, times n
                if (b <= 0 || b * b <= nsigS2g * dx * dn) {
                    continue;
                }
                double a = dn * (double) y - dx * dx - g * dx * (dn - 1);
                double c = g * dx * nsigB * sqrtTwoNMinusOne[n];
                if (a > c) {
                    if (found == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[found++] = rowStart + i;
                }
            }
        }
        return new StrongPixels(width, height, Arrays.copyOf(out, found));
    }

    private static void addRow(int[] pixels, int start, int width, int sumLimit,
                               int[] colN, long[] colX, long[] colY, int sign) {
        for (int i = 0; i < width; i++) {
            int v = pixels[start + i];
            if (v >= 0 && v < sumLimit) {
                colN[i] += sign;
                colX[i] += sign * (long) v;
                colY[i] += sign * (long) v * v;
            }
        }
    }
}
