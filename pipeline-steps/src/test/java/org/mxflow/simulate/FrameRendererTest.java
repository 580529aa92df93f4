package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameRendererTest {

    /** PILATUS 1M layout: 2 x 5 modules of 487 x 195 with 7/17 px gaps. */
    private static final Detector P1M = Detector.pilatus1M(150);

    /**
     * Photon counting: a flat mean of 3 counts gives Poisson counts, mean 3 and variance 3
     * (σ of the mean over ~950k pixels is 0.002); a mean of 400 (normal approximation) gives
     * variance 400 within 1%.
     */
    @Test
    void countsArePoissonWithTheModelMean() {
        for (double lambda : new double[] {3.0, 400.0}) {
            double[] bg = new double[P1M.nx() * P1M.ny()];
            Arrays.fill(bg, lambda);
            int[] px = new FrameRenderer(P1M, bg).record(bg, new SplittableRandom(5));
            double sum = 0, sum2 = 0;
            int n = 0;
            for (int v : px) {
                if (v >= 0) {
                    sum += v;
                    sum2 += (double) v * v;
                    n++;
                }
            }
            double mean = sum / n, var = sum2 / n - mean * mean;
            assertThat(mean).isCloseTo(lambda, within(lambda * 0.003 + 0.01));
            assertThat(var).isCloseTo(lambda, within(lambda * 0.01 + 0.02));
        }
    }

    /** 10 modules' worth of pixels: 981·1043 - 10·487·195 = 73,533 gap pixels at -1, as on a real PILATUS 1M. */
    @Test
    void gapsAreMinusOneAndOverloadsAreClippedAtTheCutoff() {
        double[] bg = new double[P1M.nx() * P1M.ny()];
        double[] mean = bg.clone();
        FrameRenderer.addSpot(mean, P1M.nx(), P1M.ny(), 100.5, 100.5, 0.6, 5e6);
        int[] px = new FrameRenderer(P1M, bg).record(mean, new SplittableRandom(1));
        assertThat(Arrays.stream(px).filter(v -> v == -1).count()).isEqualTo(981L * 1043 - 10L * 487 * 195);
        assertThat(px[100 * P1M.nx() + 100]).isEqualTo(P1M.countCutoff());
        assertThat(Arrays.stream(px).max().orElseThrow()).isEqualTo(115897);
        assertThat(px[P1M.nx() * 196 + 10]).isEqualTo(-1); // slow row 196 lies in the first 17-px gap
        assertThat(px[P1M.nx() * 10 + 490]).isEqualTo(-1); // fast column 490 lies in the 7-px gap
    }

    /** A spot integrated over pixels keeps its total and its centroid (here 0.3 px off a pixel centre). */
    @Test
    void spotProfileConservesCountsAndCentroid() {
        double[] img = new double[64 * 64];
        FrameRenderer.addSpot(img, 64, 64, 20.8, 30.2, 1.3, 1000);
        double s = 0, sx = 0, sy = 0;
        for (int i = 0; i < img.length; i++) {
            s += img[i];
            sx += img[i] * (i % 64 + 0.5);
            sy += img[i] * (i / 64 + 0.5);
        }
        assertThat(s).isCloseTo(1000, within(0.2));
        assertThat(sx / s).isCloseTo(20.8, within(1e-3));
        assertThat(sy / s).isCloseTo(30.2, within(1e-3));
    }
}
