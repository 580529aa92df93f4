package org.mxflow.stats;

import java.util.Arrays;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Amplitudes from merged intensities by French &amp; Wilson (1978): the posterior mean ⟨F⟩ and
 * standard deviation σ(F) of the true amplitude given the measured I, σ(I) and a Wilson prior on
 * the true intensity (exponential for acentric reflections, half-Gaussian in F for centric ones)
 * whose mean is ε·Σ(d). Negative and weak intensities thus give small positive F instead of none.
 *
 * <p>The procedure follows cctbx's {@code french_wilson_scale}: Σ(d) is the mean intensity in up
 * to 60 resolution bins of equal reciprocal volume (fewer until every used bin holds 40), linearly
 * interpolated in d between the bins' centres; reflections with I/σ &lt; −3.7 or h &lt; −4 are
 * rejected; for h ≥ 3 (acentric) or h ≥ 4 (centric) the same closed forms are used. Two
 * differences, both deliberate: the moments below those limits are integrated numerically
 * rather than interpolated in the 1978 tables (whose centric ⟨F⟩ column is up to 1.4 % low near
 * h = −4), and Σ is the mean of I/ε with ε the reflection's point-group multiplicity, as the theory
 * and CTRUNCATE have it (cctbx ignores ε; an ε of 1 everywhere reproduces cctbx's prior).
 */
public final class FrenchWilson {

    /** Most resolution bins for the Wilson prior (cctbx's max_bins). */
    public static final int MAX_BINS = 60;
    /** Fewest reflections in any used bin (cctbx's min_bin_size). */
    public static final int MIN_BIN_SIZE = 40;
    /** Reflections whose h (the posterior's centre in σ units) is below this are rejected. */
    public static final double MIN_H = -4.0;
    /** Reflections with I/σ below this are rejected (cctbx: MIN_H + 0.3). */
    public static final double MIN_I_OVER_SIGMA = MIN_H + 0.3;

    private static final int SIMPSON_INTERVALS = 512;

    private FrenchWilson() {}

    /**
     * A posterior amplitude in the units of √I; both NaN when the reflection is rejected.
     *
     * @param f    ⟨F⟩
     * @param sigF posterior standard deviation of F
     */
    public record Amplitude(double f, double sigF) {
        static final Amplitude REJECTED = new Amplitude(Double.NaN, Double.NaN);

        public boolean rejected() {
            return Double.isNaN(f);
        }
    }

    /**
     * ⟨F⟩ and σ(F) of one reflection.
     *
     * @param intensity  merged I
     * @param sigma      its σ
     * @param priorMean  the prior mean intensity of this reflection, ε·Σ(d)
     * @param centric    centric reflection (real structure factor)
     */
    public static Amplitude posterior(double intensity, double sigma, double priorMean, boolean centric) {
        if (!Double.isFinite(intensity) || !(priorMean > 0) || Double.isNaN(sigma) || sigma < 0) {
            return Amplitude.REJECTED;
        }
        if (sigma == 0) {
            // an exact intensity needs no prior (cctbx keeps such reflections the same way)
            return intensity > 0 ? new Amplitude(Math.sqrt(intensity), 0) : Amplitude.REJECTED;
        }
        double iOverSigma = intensity / sigma;
        double h = iOverSigma - sigma / (centric ? 2 * priorMean : priorMean);
        if (iOverSigma < MIN_I_OVER_SIGMA || h < MIN_H) {
            return Amplitude.REJECTED;
        }
        double rootSigma = Math.sqrt(sigma);
        if (centric) {
            if (h >= 4) {
                // French & Wilson's asymptotic series, with the x^6 term cctbx adds
                double h2 = 1 / (h * h), h4 = h2 * h2, h6 = h2 * h4;
                double f = Math.sqrt(h) * (1 - 3.0 / 8 * h2 - 87.0 / 128 * h4 - 2889.0 / 1024 * h6);
                double s = Math.sqrt(h * (1.0 / 4 * h2 + 15.0 / 32 * h4 + 273.0 / 128 * h6));
                return new Amplitude(f * rootSigma, s * rootSigma);
            }
            // posterior in u = √(J/σ): exp(−(u²−h)²/2) du
            double[] m = moments(h, 0);
            double f = m[1] / m[0];
            return new Amplitude(f * rootSigma, Math.sqrt(Math.max(0, m[2] / m[0] - f * f)) * rootSigma);
        }
        if (h >= 3) {
            double j = h * sigma;
            double f = Math.sqrt(j);
            return new Amplitude(f, 0.5 * sigma / f);
        }
        // posterior in u = √(J/σ): u·exp(−(u²−h)²/2) du (exponential prior times the Gaussian likelihood)
        double[] m = moments(h, 1);
        double f = m[1] / m[0];
        return new Amplitude(f * rootSigma, Math.sqrt(Math.max(0, m[2] / m[0] - f * f)) * rootSigma);
    }

    /** ∫₀^∞ u^(p+k) exp(−(u²−h)²/2) du for k = 0, 1, 2 by Simpson's rule (the integrand is smooth and vanishes beyond u² = h + 10). */
    private static double[] moments(double h, int p) {
        double upper = Math.sqrt(Math.max(h, 0) + 10);
        double step = upper / SIMPSON_INTERVALS;
        double[] m = new double[3];
        for (int i = 0; i <= SIMPSON_INTERVALS; i++) {
            double u = i * step;
            double t = u * u - h;
            double w = (i == 0 || i == SIMPSON_INTERVALS) ? 1 : (i % 2 == 1 ? 4 : 2);
            double g = w * Math.exp(-0.5 * t * t) * (p == 1 ? u : 1);
            m[0] += g;
            m[1] += g * u;
            m[2] += g * u * u;
        }
        return m; // the common factor step/3 cancels in the ratios
    }

    /**
     * The Wilson prior of each reflection, ε·Σ(d): Σ is the mean of I/ε in cctbx's resolution bins
     * (equal volume in reciprocal space between the data's extremes, at most {@link #MAX_BINS}, fewer
     * until every used bin holds {@link #MIN_BIN_SIZE}; a single bin when there are too few
     * reflections), interpolated linearly in d between the centres of neighbouring bins (the mean
     * of each bin's largest and smallest d) and constant beyond the outermost centres.
     *
     * @param dA        d-spacing of each reflection, Å
     * @param intensity merged I of each reflection (NaN values are left out of the means)
     * @param epsilon   ε of each reflection (1 for general reflections)
     */
    public static double[] wilsonPrior(double[] dA, double[] intensity, int[] epsilon) {
        int n = dA.length;
        if (intensity.length != n || epsilon.length != n) {
            throw new IllegalArgumentException("d, I and epsilon need one value per reflection (" + n + ")");
        }
        double sMin = Double.POSITIVE_INFINITY, sMax = 0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(intensity[i])) continue;
            double s = 1 / (dA[i] * dA[i]);
            sMin = Math.min(sMin, s);
            sMax = Math.max(sMax, s);
            used++;
        }
        double[] prior = new double[n];
        if (used == 0) {
            Arrays.fill(prior, Double.NaN);
            return prior;
        }
        int[] bin = new int[n];
        int bins = MAX_BINS;
        while (true) {
            assignBins(dA, intensity, sMin, sMax, bins, bin);
            int[] count = new int[bins];
            for (int i = 0; i < n; i++) if (bin[i] >= 0) count[bin[i]]++;
            boolean ok = true;
            for (int c : count) if (c > 0 && c < MIN_BIN_SIZE) ok = false;
            if (ok || bins == 1) break;
            bins--;
        }
        double[] sum = new double[bins], dHi = new double[bins], dLo = new double[bins];
        int[] count = new int[bins];
        Arrays.fill(dLo, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int b = bin[i];
            if (b < 0) continue;
            sum[b] += intensity[i] / epsilon[i];
            count[b]++;
            dHi[b] = Math.max(dHi[b], dA[i]);
            dLo[b] = Math.min(dLo[b], dA[i]);
        }
        double[] mean = new double[bins], centre = new double[bins];
        for (int b = 0; b < bins; b++) {
            mean[b] = count[b] > 0 ? sum[b] / count[b] : Double.NaN;
            centre[b] = (dHi[b] + dLo[b]) / 2;
        }
        for (int i = 0; i < n; i++) {
            int b = bin[i];
            if (b < 0) {
                prior[i] = Double.NaN;
                continue;
            }
            double d = dA[i], sigma = mean[b];
            // bins run from low to high resolution: b−1 has the larger d
            int other = d > centre[b] ? b - 1 : d < centre[b] ? b + 1 : -1;
            if (other >= 0 && other < bins && count[other] > 0) {
                double d1 = Math.max(centre[b], centre[other]), d2 = Math.min(centre[b], centre[other]);
                double m1 = d1 == centre[b] ? mean[b] : mean[other], m2 = d1 == centre[b] ? mean[other] : mean[b];
                double t = (d1 - d) / (d1 - d2);
                sigma = (1 - t) * m1 + t * m2;
            }
            prior[i] = epsilon[i] * sigma;
        }
        return prior;
    }

    /** Bin of each reflection (−1 for NaN intensities): equal steps in (1/d)³ as cctbx's binner, limits widened by 1e-6 of the range. */
    private static void assignBins(double[] dA, double[] intensity, double sMin, double sMax, int bins, int[] bin) {
        double tol = (sMax - sMin) * 1e-6;
        double lo = Math.pow(sMin - tol, 1.5), hi = Math.pow(sMax + tol, 1.5);
        double step = (hi - lo) / bins;
        for (int i = 0; i < dA.length; i++) {
            if (Double.isNaN(intensity[i])) {
                bin[i] = -1;
                continue;
            }
            double v = Math.pow(1 / (dA[i] * dA[i]), 1.5);
            bin[i] = step > 0 ? Math.max(0, Math.min(bins - 1, (int) ((v - lo) / step))) : 0;
        }
    }

    /**
     * Amplitudes of merged reflections, one entry per reflection in the given order (NaN where
     * rejected or not measured). F(±) use the same prior as F; DANO = F(+) − F(−) and
     * SIGDANO = √(σF(+)² + σF(−)²) where both are known; centric reflections have F(+) only.
     *
     * @param rejected reflections whose F was rejected (I/σ &lt; −3.7 or h &lt; −4)
     */
    public record MergedAmplitudes(double[] f, double[] sigF, double[] fPlus, double[] sigFPlus, double[] fMinus,
                                   double[] sigFMinus, double[] dano, double[] sigDano, int rejected) {

        /** True when some acentric reflection has both Bijvoet amplitudes (anomalous columns are worth writing). */
        public boolean anomalous() {
            for (double v : dano) if (!Double.isNaN(v)) return true;
            return false;
        }
    }

    /** French–Wilson amplitudes of merged reflections (ε and centric flags from the space group). */
    public static MergedAmplitudes amplitudes(List<MergedReflection> reflections, SpaceGroup sg, UnitCell cell) {
        int n = reflections.size();
        double[] gStar = cell.reciprocalMetric();
        double[] d = new double[n], mean = new double[n];
        int[] eps = new int[n];
        boolean[] centric = new boolean[n];
        for (int i = 0; i < n; i++) {
            MergedReflection r = reflections.get(i);
            d[i] = 1 / Math.sqrt(UnitCell.oneOverDSquared(gStar, r.hkl().h(), r.hkl().k(), r.hkl().l()));
            mean[i] = r.iMean();
            eps[i] = sg.operations().epsilonWithoutCentring(r.hkl());
            centric[i] = sg.isCentric(r.hkl());
        }
        double[] prior = wilsonPrior(d, mean, eps);
        double[][] out = new double[8][n];
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            MergedReflection r = reflections.get(i);
            Amplitude a = posterior(r.iMean(), r.sigIMean(), prior[i], centric[i]);
            if (a.rejected() && !Double.isNaN(r.iMean())) rejected++;
            Amplitude p = posterior(r.iPlus(), r.sigIPlus(), prior[i], centric[i]);
            Amplitude m = centric[i] ? Amplitude.REJECTED : posterior(r.iMinus(), r.sigIMinus(), prior[i], false);
            out[0][i] = a.f();
            out[1][i] = a.sigF();
            out[2][i] = p.f();
            out[3][i] = p.sigF();
            out[4][i] = m.f();
            out[5][i] = m.sigF();
            out[6][i] = p.f() - m.f();
            out[7][i] = Math.hypot(p.sigF(), m.sigF());
        }
        return new MergedAmplitudes(out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], rejected);
    }
}
