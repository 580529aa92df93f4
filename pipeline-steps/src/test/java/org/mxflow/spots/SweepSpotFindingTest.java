package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;

/**
 * The engine's spot-finding step on CBF files of a sweep: spots spread 25/50/25 % over frames
 * 10, 11, 12 (known truth, see {@link SyntheticFrames}) come back as one SPOT.XDS line each,
 * at the true x, y and z = 10.5 (frame 11 spans [10, 11]).
 */
class SweepSpotFindingTest {

    @TempDir
    Path tmp;

    @Test
    void spotXdsHoldsOneLinePerReflectionAtItsTruePositionAndFrame() throws Exception {
        int w = 300;
        int h = 260;
        SplittableRandom rng = new SplittableRandom(17);
        List<SyntheticFrames.TrueSpot> truth = SyntheticFrames.gridOfSpots(w, h, 30, 2000, 20000, 1.0, rng);
        ImageHeader header = new ImageHeader("PILATUS test", w, h, 0.172, 0.172, 1.0, 200.0, 150.0, 130.0,
                0, 0.1, 0.1, 1_000_000, 1);
        double[] share = {0.25, 0.5, 0.25};
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            double[] expected = SyntheticFrames.expected(w, h, 1.0, truth, share[f]);
            Path file = tmp.resolve(String.format("sweep_%05d.cbf", 10 + f));
            CbfWriter.write(file, new Frame(10 + f, header, SyntheticFrames.expectedToCounts(expected, rng)));
            files.add(file);
        }
        SweepSpotFinding.Result r = SweepSpotFinding.run(files, tmp.resolve("work"), SpotFinderSettings.dialsDefaults(), 2);

        List<SpotXdsEntry> back = SpotXdsReader.read(r.spotXds());
        assertThat(back).hasSize(truth.size());
        for (SyntheticFrames.TrueSpot t : truth) {
            SpotXdsEntry e = back.stream()
                    .min((p, q) -> Double.compare(Math.hypot(p.xPx() - t.x(), p.yPx() - t.y()),
                            Math.hypot(q.xPx() - t.x(), q.yPx() - t.y())))
                    .orElseThrow();
            assertThat(Math.hypot(e.xPx() - t.x(), e.yPx() - t.y())).isLessThan(0.2);
            assertThat(e.zFrame()).isBetween(10.4, 10.6);
        }
        assertThat(Files.readAllLines(r.spotTable())).hasSize(truth.size() + 1).first().isEqualTo(SpotTableWriter.HEADER);
    }
}
