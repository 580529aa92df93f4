package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DispersionThresholdTest {

    /**
     * Independent oracle: DIALS's DispersionThreshold::compute_threshold written out literally
     * (local.h, gain-free form, window sums by brute force over the clipped window).
     */
    static int[] dialsLiteral(int[] src, int w, int h, long cutoff, SpotFinderSettings s) {
        List<Integer> strong = new ArrayList<>();
        int kx = s.kernelHalfWidthX();
        int ky = s.kernelHalfWidthY();
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double m = 0;
                double x = 0;
                double y = 0;
                for (int jj = Math.max(0, j - ky); jj <= Math.min(h - 1, j + ky); jj++) {
                    for (int ii = Math.max(0, i - kx); ii <= Math.min(w - 1, i + kx); ii++) {
                        int v = src[jj * w + ii];
                        if (v >= 0 && v < cutoff && v < (1 << 24)) {
                            m += 1;
                            x += v;
                            y += (double) v * v;
                        }
                    }
                }
                int v = src[j * w + i];
                boolean mask = v >= 0 && v < cutoff;
                if (mask && m >= s.minCountInWindow() && x >= 0 && v > s.globalThreshold()) {
                    double a = m * y - x * x - x * (m - 1);
                    double b = m * v - x;
                    double c = x * s.sigmaBackground() * Math.sqrt(2 * (m - 1));
                    double d = s.sigmaStrong() * Math.sqrt(x * m);
                    if (a > c && b > d) {
                        strong.add(j * w + i);
                    }
                }
            }
        }
        return strong.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void runningWindowSumsGiveExactlyDialsStrongPixelsOnANoisyFrameWithGapsAndOverloads() {
        int w = 97;
        int h = 71;
        long cutoff = 5000;
        SplittableRandom rng = new SplittableRandom(7);
        double[] expected = SyntheticFrames.expected(w, h, 3.0, SyntheticFrames.gridOfSpots(w, h, 12, 30, 3000, 1.0, rng), 1.0);
        int[] px = SyntheticFrames.expectedToCounts(expected, rng);
        for (int x = 0; x < w; x++) {
            px[30 * w + x] = -1;                 // a module gap row
        }
        for (int y = 0; y < h; y++) {
            px[y * w + 50] = -2;                 // a bad column
        }
        px[10 * w + 10] = 6000;                  // overloads
        px[11 * w + 60] = 5000;
        px[40 * w + 3] = 200;                    // a hot pixel at the edge
        SpotFinderSettings s = SpotFinderSettings.dialsDefaults();
        StrongPixels strong = new DispersionThreshold(s).strongPixels(px, w, h, cutoff);
        int[] oracle = dialsLiteral(px, w, h, cutoff, s);
        assertThat(oracle.length).as("the frame must have strong pixels to compare").isGreaterThan(50);
        assertThat(strong.indices()).containsExactly(oracle);
        assertThat(strong.indices()).doesNotContain(10 * w + 10, 11 * w + 60, 30 * w + 5);
    }

    @Test
    void gainAndLargerKernelAgreeWithTheLiteralFormulaToo() {
        int w = 64;
        int h = 48;
        SplittableRandom rng = new SplittableRandom(11);
        double[] expected = SyntheticFrames.expected(w, h, 20.0, SyntheticFrames.gridOfSpots(w, h, 10, 100, 2000, 1.2, rng), 1.0);
        int[] px = SyntheticFrames.expectedToCounts(expected, rng);
        SpotFinderSettings s = new SpotFinderSettings(5, 2, 4.0, 2.5, 0, 0, 1.0, 1, 100, 0, 0.002);
        assertThat(new DispersionThreshold(s).strongPixels(px, w, h, 1 << 20).indices())
                .containsExactly(dialsLiteral(px, w, h, 1 << 20, s));
        // Doubling the gain halves the Poisson expectation of the variance: fewer pixels pass.
        int withGain2 = new DispersionThreshold(s.withGain(2.0)).strongPixels(px, w, h, 1 << 20).count();
        assertThat(withGain2).isLessThan(new DispersionThreshold(s).strongPixels(px, w, h, 1 << 20).count());
    }

    @Test
    void flatPoissonBackgroundHasAlmostNoStrongPixels() {
        // With sigma_strong 3 and sigma_background 6 both tests pass by chance for well under
        // 0.1% of pure-Poisson pixels (one-sided 3-sigma alone is 0.13%).
        int w = 400;
        int h = 400;
        SplittableRandom rng = new SplittableRandom(3);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = SyntheticFrames.poisson(rng, 8.0);
        }
        int strong = new DispersionThreshold(SpotFinderSettings.dialsDefaults()).strongPixels(px, w, h, 1 << 20).count();
        assertThat(strong).isLessThan(w * h / 1000);
    }
}
