package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;

/**
 * The finder against simulated truth: Gaussian spots at known positions on a Poisson
 * background (see {@link SyntheticFrames}); a found spot matches a true one within 2 px.
 */
class SyntheticSpotFindingTest {

    private static final double MATCH_PX = 2.0;

    @Test
    void findsAtLeast95PercentOfSpotsWithIOverSigmaAbove10AndFewerThan2PercentFalse() {
        int w = 1024;
        int h = 1024;
        double background = 2.0;
        SplittableRandom rng = new SplittableRandom(2024);
        List<SyntheticFrames.TrueSpot> truth = SyntheticFrames.gridOfSpots(w, h, 24, 10, 5000, 1.0, rng);
        double[] expected = SyntheticFrames.expected(w, h, background, truth, 1.0);
        Frame frame = SyntheticFrames.frame(1, w, h, SyntheticFrames.expectedToCounts(expected, rng));

        List<Spot> found = new DispersionSpotFinder(SpotFinderSettings.dialsDefaults()).findOnStill(frame);

        long strongTrue = truth.stream().filter(t -> t.iOverSigma(background) > 10).count();
        long strongFound = truth.stream().filter(t -> t.iOverSigma(background) > 10)
                .filter(t -> nearest(found, t.x(), t.y()) <= MATCH_PX).count();
        long falseSpots = found.stream()
                .filter(s -> truth.stream().noneMatch(t -> Math.hypot(t.x() - s.centroidXPx(), t.y() - s.centroidYPx()) <= MATCH_PX))
                .count();
        assertThat(strongTrue).as("enough strong true spots for a percentage").isGreaterThan(500);
        assertThat((double) strongFound / strongTrue).isGreaterThanOrEqualTo(0.95);
        assertThat((double) falseSpots / found.size()).isLessThan(0.02);

        // Centroids of bright spots are close to truth: rms error well under a pixel.
        double sum2 = 0;
        int n = 0;
        for (SyntheticFrames.TrueSpot t : truth) {
            if (t.photons() > 1000) {
                sum2 += Math.pow(nearest(found, t.x(), t.y()), 2);
                n++;
            }
        }
        assertThat(Math.sqrt(sum2 / n)).isLessThan(0.15);
    }

    @Test
    void rotationSpotsSpreadOverThreeFramesAreJoinedIntoOneSpotEach() {
        int w = 512;
        int h = 512;
        SplittableRandom rng = new SplittableRandom(99);
        List<SyntheticFrames.TrueSpot> truth = SyntheticFrames.gridOfSpots(w, h, 32, 3000, 20000, 1.0, rng);
        // Each spot's photons fall 25% / 50% / 25% on frames 10, 11, 12: true z = 10.5 (frame 11 spans [10, 11]).
        double[] share = {0.25, 0.5, 0.25};
        List<FrameComponents> frames = new ArrayList<>();
        DispersionSpotFinder finder = new DispersionSpotFinder(SpotFinderSettings.dialsDefaults());
        ImageHeader header = SyntheticFrames.header(w, h);
        for (int f = 0; f < 3; f++) {
            double[] expected = SyntheticFrames.expected(w, h, 1.0, truth, share[f]);
            frames.add(finder.components(new Frame(10 + f, header, SyntheticFrames.expectedToCounts(expected, rng))));
        }
        List<Spot> spots = finder.spots(ConnectedComponents.joinAcrossFrames(frames), DiffractionGeometry.of(header), true);
        assertThat(spots).hasSize(truth.size());
        for (Spot s : spots) {
            assertThat(s.firstFrame()).isEqualTo(10);
            assertThat(s.lastFrame()).isEqualTo(12);
            assertThat(s.centroidZFrame()).isBetween(10.4, 10.6);
        }
    }

    private static double nearest(List<Spot> found, double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (Spot s : found) {
            best = Math.min(best, Math.hypot(s.centroidXPx() - x, s.centroidYPx() - y));
        }
        return best;
    }
}
