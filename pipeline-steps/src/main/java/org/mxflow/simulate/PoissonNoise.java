package org.mxflow.simulate;

import java.util.SplittableRandom;

/** Photon counting noise: Poisson draws, by inversion for small means and a normal approximation above 40. */
public final class PoissonNoise {

    private PoissonNoise() {
    }

    public static int sample(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 40) {
            return sampleSmall(mean, Math.exp(-mean), rng);
        }
        double v = mean + Math.sqrt(mean) * gaussian(rng) + 0.5;
        return v < 0 ? 0 : (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Inversion with exp(-mean) given, so a caller that repeats the same mean can precompute it. */
    static int sampleSmall(double mean, double expMinusMean, SplittableRandom rng) {
        double u = rng.nextDouble();
        double p = expMinusMean, cdf = p;
        int k = 0;
        while (u > cdf && k < 200) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    static double gaussian(SplittableRandom rng) {
        // Marsaglia polar method; one of the pair is thrown away to keep the sampler stateless.
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
