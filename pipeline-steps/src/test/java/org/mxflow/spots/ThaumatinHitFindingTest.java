package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thaumatin grid scan (19 PILATUS3 6M frames, DLS; the crystal is hit on 1–15 and
 * missed on 16–19) against DIALS 3.12 {@code dials.find_spots threshold.algorithm=dispersion},
 * whose per-frame counts scripts/oracles/dials_thaumatin_spots.sh wrote to
 * src/test/resources/spots/dials_thaumatin_spot_counts.csv. Same algorithm and parameters, so
 * the counts should agree closely, not just in rank.
 */
class ThaumatinHitFindingTest {

    private static final Path SHARED = Path.of(System.getProperty("mxflow.shared", "../../shared"));

    @TempDir
    static Path out;
    static HitFinding.Result result;
    static Map<Integer, Integer> dials = new HashMap<>();
    static Map<Integer, Integer> dialsStrongPixels = new HashMap<>();

    @BeforeAll
    static void findSpotsOnceOnAllFrames() throws Exception {
        result = HitFinding.run(SHARED.resolve("data/real/thaumatin_grid"), out,
                SpotFinderSettings.dialsDefaults(), 2, 50.0, 3.0);
        List<String> lines = Files.readAllLines(Path.of(ThaumatinHitFindingTest.class
                .getResource("/spots/dials_thaumatin_spot_counts.csv").toURI()));
        for (String l : lines) {
            if (!l.startsWith("#") && !l.startsWith("frame")) {
                String[] f = l.split(",");
                dials.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
                dialsStrongPixels.put(Integer.parseInt(f[0]), Integer.parseInt(f[3]));
            }
        }
    }

    private int ours(int frame) {
        return result.scores().stream().filter(s -> s.frameNumber() == frame).findFirst().orElseThrow().spotCount();
    }

    @Test
    void framesThatMissTheCrystalHaveAtMostTwoSpots() {
        // DIALS finds 0, 1, 1, 1 on frames 16..19 (single hot spots); "empty" = at most 2.
        for (int f = 16; f <= 19; f++) {
            assertThat(ours(f)).as("frame %d", f).isLessThanOrEqualTo(2);
        }
        // while every frame that hits the crystal strongly (2..13) has hundreds
        for (int f = 2; f <= 13; f++) {
            assertThat(ours(f)).as("frame %d", f).isGreaterThan(300);
        }
    }

    @Test
    void perFrameCountsRankAndMatchDials() {
        double[] a = new double[19];
        double[] b = new double[19];
        for (int f = 1; f <= 19; f++) {
            a[f - 1] = ours(f);
            b[f - 1] = dials.get(f);
        }
        // Same dispersion algorithm as DIALS's, so the ranks must agree almost perfectly; 0.95
        // leaves room only for ties among the four empty frames.
        assertThat(spearman(a, b)).isGreaterThanOrEqualTo(0.95);
        // Counts within 10% of DIALS on every frame that sees the crystal ...
        for (int f = 1; f <= 15; f++) {
            assertThat(a[f - 1] / b[f - 1]).as("frame %d: mxflow %s vs DIALS %s", f, a[f - 1], b[f - 1])
                    .isBetween(0.9, 1.1);
        }
        // ... and in fact identical, strong pixels and spots, frame by frame: the same
        // algorithm, parameters, trusted-pixel rule and filters give the same answer.
        for (FrameSpots f : result.frames()) {
            assertThat(f.strongPixels()).as("strong pixels, frame %d", f.frameNumber())
                    .isEqualTo(dialsStrongPixels.get(f.frameNumber()));
            assertThat(f.spots()).as("spots, frame %d", f.frameNumber()).hasSize(dials.get(f.frameNumber()));
        }
    }

    @Test
    void everySpotDialsFindsOnFrameOneHasTheSameCentroidIntensityAndSize() throws Exception {
        List<String> rows = Files.readAllLines(Path.of(ThaumatinHitFindingTest.class
                .getResource("/spots/dials_thaumatin_frame1_spots.csv").toURI()));
        List<Spot> ours = result.frames().get(0).spots();
        assertThat(rows).hasSize(1 + ours.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double x = Double.parseDouble(f[0]);
            double y = Double.parseDouble(f[1]);
            Spot match = ours.stream()
                    .min((p, q) -> Double.compare(Math.hypot(p.centroidXPx() - x, p.centroidYPx() - y),
                            Math.hypot(q.centroidXPx() - x, q.centroidYPx() - y)))
                    .orElseThrow();
            assertThat(Math.hypot(match.centroidXPx() - x, match.centroidYPx() - y)).as(row).isLessThan(1e-3);
            assertThat(match.intensityCounts()).as(row).isEqualTo(Double.parseDouble(f[2]));
            assertThat(match.pixelCount()).as(row).isEqualTo(Integer.parseInt(f[3]));
        }
    }

    @Test
    void heatMapJsonAndTablesAreWrittenOnTheScanGrid() throws Exception {
        BufferedImage png = ImageIO.read(out.resolve("hitmap.png").toFile());
        assertThat(result.scan().grid().columns()).isEqualTo(5);   // 19 frames, no diffscan.log: 5 x 4
        assertThat(result.scan().grid().rows()).isEqualTo(4);
        assertThat(png.getWidth()).isGreaterThan(5 * 40);
        assertThat(png.getHeight()).isGreaterThanOrEqualTo(4 * 40);
        JsonNode json = new ObjectMapper().readTree(out.resolve("hitmap.json").toFile());
        assertThat(json.get("frames")).hasSize(19);
        assertThat(json.get("frames").get(2).get("frame").asInt()).isEqualTo(3);
        assertThat(json.get("frames").get(2).get("spots").asInt()).isEqualTo(ours(3));
        assertThat(Files.readAllLines(out.resolve("spots.tsv")))
                .hasSize(1 + result.scores().stream().mapToInt(HitScore::spotCount).sum());
        // The raw data directory is untouched: no spotfinder/ appeared beside the frames.
        assertThat(SHARED.resolve("data/real/thaumatin_grid/spotfinder")).doesNotExist();
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Ranks with ties given their average rank (Pearson on these is Spearman's rho). */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }
}
