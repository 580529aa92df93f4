package org.mxflow.spots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;

/**
 * Frames with known truth for the spot-finder tests: Poisson background plus Gaussian spots
 * whose expected counts are integrated over each pixel, then Poisson-sampled.
 */
final class SyntheticFrames {

    /** A true spot: centre in pixels (XDS convention, pixel centre at +0.5), photons, Gaussian sigma. */
    record TrueSpot(double x, double y, double photons, double sigmaPx) {
        /** I/σ(I) of a summation integration over a 3-sigma disc on a flat background. */
        double iOverSigma(double background) {
            double area = Math.PI * 9 * sigmaPx * sigmaPx;
            return photons / Math.sqrt(photons + 2 * area * background);
        }
    }

    /**
     * Expected counts of a width×height frame: a flat background plus the spots, each with its
     * photons times {@code photonShare} (the part of a spot that falls on this frame of a sweep).
     */
    static double[] expected(int width, int height, double background, List<TrueSpot> spots, double photonShare) {
        double[] expected = new double[width * height];
        Arrays.fill(expected, background);
        for (TrueSpot t : spots) {
            addSpot(expected, width, height, new TrueSpot(t.x(), t.y(), t.photons() * photonShare, t.sigmaPx()));
        }
        return expected;
    }

    static ImageHeader header(int width, int height) {
        return new ImageHeader("synthetic", width, height, 0.172, 0.172, 1.0, 200.0,
                width / 2.0, height / 2.0, 0, 0, 0.1, 1_000_000, 1);
    }

    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Expected counts in pixel [px, px+1) of a Gaussian centred at c with sigma s: erf differences. */
    static double pixelFraction(int px, double c, double s) {
        return 0.5 * (erf((px + 1 - c) / (s * Math.sqrt(2))) - erf((px - c) / (s * Math.sqrt(2))));
    }

    static double erf(double x) {   // Abramowitz–Stegun 7.1.26, |error| < 1.5e-7
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    static int[] expectedToCounts(double[] expected, SplittableRandom rng) {
        int[] px = new int[expected.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = poisson(rng, expected[i]);
        }
        return px;
    }

    static void addSpot(double[] expected, int width, int height, TrueSpot s) {
        int r = (int) Math.ceil(5 * s.sigmaPx()) + 1;
        for (int y = Math.max(0, (int) s.y() - r); y <= Math.min(height - 1, (int) s.y() + r); y++) {
            double fy = pixelFraction(y, s.y(), s.sigmaPx());
            for (int x = Math.max(0, (int) s.x() - r); x <= Math.min(width - 1, (int) s.x() + r); x++) {
                expected[y * width + x] += s.photons() * fy * pixelFraction(x, s.x(), s.sigmaPx());
            }
        }
    }

    /** Spots on a jittered grid, at least {@code spacing} pixels apart, with photons spread log-uniformly. */
    static List<TrueSpot> gridOfSpots(int width, int height, int spacing, double minPhotons, double maxPhotons,
                                      double sigmaPx, SplittableRandom rng) {
        List<TrueSpot> spots = new ArrayList<>();
        for (int y = spacing; y < height - spacing / 2; y += spacing) {
            for (int x = spacing; x < width - spacing / 2; x += spacing) {
                double photons = minPhotons * Math.pow(maxPhotons / minPhotons, rng.nextDouble());
                spots.add(new TrueSpot(x + rng.nextDouble() * 4 - 2, y + rng.nextDouble() * 4 - 2, photons, sigmaPx));
            }
        }
        return spots;
    }

    static Frame frame(int number, int width, int height, int[] pixels) {
        return new Frame(number, header(width, height), pixels);
    }
}
