package org.mxflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Shoebox integration on hand-made frames: Gaussian spots of known total counts on a flat
 * background, spread over frames by a known rocking curve; Poisson noise from a seeded generator.
 */
class ShoeboxIntegratorTest {

    static final int W = 200, H = 200;

    /** Expected counts of a 2D Gaussian spot (σ px) of {@code total} counts, centred at (x, y). */
    static void addSpot(double[] img, double x, double y, double sigma, double total) {
        for (int j = (int) y - 8; j <= (int) y + 8; j++)
            for (int i = (int) x - 8; i <= (int) x + 8; i++) {
                double dx = i + 0.5 - x, dy = j + 0.5 - y;
                img[j * W + i] += total * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma);
            }
    }

    static PredictedReflection refl(int h, double x, double y, double z) {
        return new PredictedReflection(h, 0, 0, x, y, z, 0, 3.0, 1, 1, 1, 0.4, 1, 0);
    }

    @Test
    void summationRecoversTheTrueCountsOfStrongAndWeakSpotsWithinTheirSigma() {
        // 25 spots on a 5x5 grid, totals from 50 to 50000 counts, each on frames 2-4 with fractions 0.16/0.68/0.16
        List<PredictedReflection> pred = new ArrayList<>();
        double[] totals = new double[25];
        for (int i = 0; i < 25; i++) {
            pred.add(refl(i, 30.3 + 35 * (i % 5), 30.7 + 35 * (i / 5), 2.5));
            totals[i] = 50 * Math.pow(1000, i / 24.0);
        }
        IntegrationSettings s = IntegrationSettings.forSpotSigma(1.2);
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, s, W, H, 1_000_000);
        double[] frac = {0, 0.16, 0.68, 0.16, 0};
        SplittableRandom rnd = new SplittableRandom(3);
        for (int f = 1; f <= 5; f++) {
            double[] img = new double[W * H];
            java.util.Arrays.fill(img, 5.0);
            for (int i = 0; i < 25; i++) addSpot(img, pred.get(i).xPx(), pred.get(i).yPx(), 1.2, totals[i] * frac[f - 1]);
            int[] px = new int[W * H];
            for (int p = 0; p < px.length; p++) px[p] = poisson(rnd, img[p]);
            integ.add(integ.measureFrame(f, px));
        }
        List<IntegratedReflection> out = integ.finish();
        assertThat(out).hasSize(25);
        double chi2 = 0;
        for (IntegratedReflection r : out) {
            double truth = totals[r.predicted().h()];
            // the circular foreground (radius 4.1 px = 3.4σ) holds 1 − exp(−r²/2σ²) = 99.7 % of a Gaussian
            double inFg = truth * (1 - Math.exp(-s.foregroundRadiusPx() * s.foregroundRadiusPx() / (2 * 1.44)));
            chi2 += Math.pow((r.summation() - inFg) / r.summationSigma(), 2);
            assertThat(Math.abs(r.summation() - inFg)).as("spot of %.0f counts", truth).isLessThan(4 * r.summationSigma());
            assertThat(r.flags() & (IntegrationFlags.OVERLOAD | IntegrationFlags.UNTRUSTED | IntegrationFlags.OVERLAP)).isZero();
        }
        // the σ is honest: χ²/n near 1 (Poisson + background-mean variance)
        assertThat(chi2 / 25).isBetween(0.3, 2.5);
    }

    @Test
    void overloadGapAndOverlapAreFlagged() {
        List<PredictedReflection> pred = List.of(refl(0, 50.5, 50.5, 0.5), refl(1, 120.5, 50.5, 0.5), refl(2, 150.5, 150.5, 0.5),
                refl(3, 153.5, 150.5, 0.5));
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, IntegrationSettings.forSpotSigma(1.0), W, H, 1000);
        int[] px = new int[W * H];
        java.util.Arrays.fill(px, 3);
        px[50 * W + 50] = 5000;          // over the cutoff 1000
        px[50 * W + 121] = -1;           // a gap pixel in the foreground of reflection 1
        integ.add(integ.measureFrame(1, px));
        List<IntegratedReflection> out = integ.finish();
        assertThat(out.get(0).flags() & IntegrationFlags.OVERLOAD).isNotZero();
        assertThat(out.get(1).flags() & IntegrationFlags.UNTRUSTED).isNotZero();
        assertThat(out.get(2).flags() & IntegrationFlags.OVERLAP).isNotZero();
        assertThat(out.get(3).flags() & IntegrationFlags.OVERLAP).isNotZero();
        assertThat(IntegrationFlags.isRejected(out.get(0).flags())).isTrue();
        // flat background of 3: nothing left after subtraction
        assertThat(out.get(2).summation()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aSpotCutByTheDetectorEdgeIsUntrusted() {
        // foreground radius 3·1.2 + 0.5 = 4.1 px: a spot at y = 1.2 loses the rows y < 0, one at y = 10 keeps all
        List<PredictedReflection> pred = List.of(refl(0, 60.5, 1.2, 0.5), refl(1, 120.5, 10.5, 0.5), refl(2, 198.7, 100.5, 0.5));
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, IntegrationSettings.forSpotSigma(1.2), W, H, 1_000_000);
        int[] px = new int[W * H];
        java.util.Arrays.fill(px, 2);
        integ.add(integ.measureFrame(1, px));
        List<IntegratedReflection> out = integ.finish();
        assertThat(out.get(0).flags() & IntegrationFlags.UNTRUSTED).isNotZero();
        assertThat(out.get(1).flags() & IntegrationFlags.UNTRUSTED).isZero();
        assertThat(out.get(2).flags() & IntegrationFlags.UNTRUSTED).isNotZero();
    }

    @Test
    void profileFittingMeasuresWeakSpotsMorePreciselyThanSummation() {
        // 40 strong spots (20000 counts) teach the profile; 200 weak ones of 60 counts on a background of
        // 4 counts/px over 3 frames: summation carries the variance of ~53 foreground px × 3 frames of
        // background (≈ 640 counts²), the fit weights the pixels by the profile and should do clearly better
        List<PredictedReflection> pred = new ArrayList<>();
        for (int i = 0; i < 240; i++) pred.add(refl(i, 8.3 + 12 * (i % 16), 8.7 + 12 * (i / 16), 2.5));
        IntegrationSettings s = IntegrationSettings.forSpotSigma(1.2);
        ShoeboxIntegrator integ = new ShoeboxIntegrator(pred, s, W, H, 1_000_000);
        double[] frac = {0, 0.16, 0.68, 0.16, 0};
        SplittableRandom rnd = new SplittableRandom(5);
        for (int f = 1; f <= 5; f++) {
            double[] img = new double[W * H];
            java.util.Arrays.fill(img, 4.0);
            for (int i = 0; i < 240; i++) addSpot(img, pred.get(i).xPx(), pred.get(i).yPx(), 1.2, (i < 40 ? 20000 : 60) * frac[f - 1]);
            int[] px = new int[W * H];
            for (int p = 0; p < px.length; p++) px[p] = poisson(rnd, img[p]);
            integ.add(integ.measureFrame(f, px));
        }
        double sumSq = 0, fitSq = 0, fitMean = 0;
        int n = 0;
        for (IntegratedReflection r : integ.finish()) {
            if (r.predicted().h() < 40) continue;
            assertThat(r.flags() & IntegrationFlags.PROFILE_FITTED).isNotZero();
            sumSq += Math.pow(r.summation() - 60, 2);
            fitSq += Math.pow(r.intensity() - 60, 2);
            fitMean += r.intensity();
            n++;
        }
        assertThat(n).isEqualTo(200);
        assertThat(Math.sqrt(fitSq / n)).isLessThan(0.8 * Math.sqrt(sumSq / n));
        // unbiased: the mean of 200 fits within ~3 standard errors of the true 60 counts
        assertThat(fitMean / n).isBetween(60 - 3 * Math.sqrt(fitSq / n / n) - 1, 60 + 3 * Math.sqrt(fitSq / n / n) + 1);
    }

    @Test
    void partialityIsTheGaussianFractionInsideTheSweep() {
        // half a Gaussian inside when the centroid sits on the edge; erf(1/√2) = 0.6827 within ±1σ
        assertThat(ReflectionPrediction.fraction(10, 0.2, 10, 20)).isCloseTo(0.5, within(1e-6));
        assertThat(ReflectionPrediction.fraction(10, 0.2, 9.8, 10.2)).isCloseTo(0.682689, within(1e-6));
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
