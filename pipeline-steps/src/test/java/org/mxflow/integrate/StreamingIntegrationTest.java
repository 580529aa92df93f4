package org.mxflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Streaming integration on a long hand-made sweep: 600 frames of 0.5° (300°), four Gaussian spots
 * centred on every frame (2400 reflections of known counts, rocking σ 0.4 frame). Shoeboxes must be
 * released as the sweep goes: the most held at once is set by the profile blocks (5° = 10 frames,
 * fitted once the next block is complete), not by the sweep length.
 */
class StreamingIntegrationTest {

    static final int W = 200, H = 200, FRAMES = 600, PER_FRAME = 4;

    @Test
    void shoeboxesAreReleasedAsTheSweepGoesAndTheCountsAreRight() {
        List<PredictedReflection> pred = new ArrayList<>();
        double[] totals = new double[FRAMES * PER_FRAME];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int j = 0; j < totals.length; j++) {
            int slot = j % 25;  // a position comes back every 6.25 frames, after its last shoebox has ended
            pred.add(new PredictedReflection(j, 0, 0, 22.3 + 38 * (slot % 5), 21.7 + 38 * (slot / 5), 0.5 + (double) j / PER_FRAME,
                    0, 3.0, 1, 1, 1, 0.4, 1, 0));
            totals[j] = 200 + 20000 * rnd.nextDouble();
        }
        IntegrationSettings s = IntegrationSettings.forSpotSigma(1.2, 0.5);
        assertThat(s.profileBlockFrames()).isEqualTo(10);
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, s, W, H, 1_000_000);
        int maxLiveSeen = 0;
        for (int f = 1; f <= FRAMES; f++) {
            double[] img = new double[W * H];
            Arrays.fill(img, 2.0);
            for (int j = Math.max(0, (f - 4) * PER_FRAME); j < Math.min(totals.length, (f + 3) * PER_FRAME); j++) {
                PredictedReflection p = pred.get(j);
                double frac = ReflectionPrediction.fraction(p.zFrame(), 0.4, f - 1, f);
                ShoeboxIntegratorTest.addSpot(img, p.xPx(), p.yPx(), 1.2, totals[j] * frac);
            }
            int[] px = new int[W * H];
            for (int q = 0; q < px.length; q++) px[q] = ShoeboxIntegratorTest.poisson(rnd, img[q]);
            integ.add(integ.measureFrame(f, px));
            maxLiveSeen = Math.max(maxLiveSeen, integ.liveShoeboxes());
        }
        List<IntegratedReflection> out = integ.finish();
        assertThat(out).hasSize(totals.length);
        assertThat(integ.liveShoeboxes()).isZero();
        // A block's shoeboxes wait until the next block is complete: blocks b, b+1 and the start of b+2
        // (10 + 10 + shoebox span of 4 frames) × 4 per frame = 96, plus the frame being added: ≤ 100.
        // Holding every shoebox until the end, as before, would peak at all 2400.
        assertThat(integ.peakLiveShoeboxes()).isGreaterThanOrEqualTo(maxLiveSeen).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(80);
        int within = 0;
        for (IntegratedReflection r : out) {
            double truth = totals[r.predicted().h()];
            // ±3σ of the rocking curve plus the foreground circle hold ≥ 99.4 % of the spot
            if (Math.abs(r.summation() - truth) < 4 * r.summationSigma() + 0.01 * truth) within++;
        }
        assertThat(within).isGreaterThanOrEqualTo(totals.length - 5);
    }

    @Test
    void framesOutOfOrderAreRefused() {
        List<PredictedReflection> pred = List.of(new PredictedReflection(1, 0, 0, 50.5, 50.5, 2.5, 0, 3.0, 1, 1, 1, 0.4, 1, 0));
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, IntegrationSettings.forSpotSigma(1.0), W, H, 1000);
        int[] px = new int[W * H];
        integ.add(integ.measureFrame(3, px));
        assertThatThrownBy(() -> integ.add(integ.measureFrame(2, px))).hasMessageContaining("frame 2 added after frame 3");
    }
}
