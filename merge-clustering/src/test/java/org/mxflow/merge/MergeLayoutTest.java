package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.MergeDirectoryNames.Clustering;

class MergeLayoutTest {

    @Test
    void halfCornerResolutionOfTheRealPilatus2mGeometry() {
        // CORRECT.LP (shared/data/real/xds): NX=1475 NY=1679 QX=QY=0.172 mm, ORGX=738.71 ORGY=831.20,
        // DETECTOR_DISTANCE=159.434 mm, λ=0.9184 Å. By hand (python math): rx = 736.29·0.172 = 126.642 mm,
        // ry = 831.20·0.172 = 142.966 mm; edge 1.39418 Å, corner 1.08360 Å, half-corner 1.20277 Å.
        HalfCornerResolution g = HalfCornerResolution.fromDetector(0.9184, 159.434, 1475, 1679, 0.172, 0.172, 738.71, 831.20);
        assertThat(g.edgeRadiusMm()).isCloseTo(126.64188, within(1e-9));
        assertThat(g.edgeResolutionA()).isCloseTo(1.394183945, within(1e-8));
        assertThat(g.cornerResolutionA()).isCloseTo(1.083603898, within(1e-8));
        assertThat(g.startResolutionA()).isCloseTo(1.202765341, within(1e-8));
        assertThat(g.startResolutionA()).isBetween(g.cornerResolutionA(), g.edgeResolutionA());
    }

    @Test
    void zooDistanceForARequestedEdgeResolution() {
        // Centred 300 mm square detector, λ = 1 Å, 2.0 Å requested at the edge: L = 150/tan(2·asin(0.25))
        // = 271.109 mm; r_hc = 150·(1 + √2)/2 = 1.207·r_edge -> d_start = 1.72305 Å.
        HalfCornerResolution g = new HalfCornerResolution(1.0, 1, 150, 150 * Math.sqrt(2)).withDistanceForEdgeResolution(2.0);
        assertThat(g.distanceMm()).isCloseTo(271.10883, within(1e-4));
        assertThat(g.edgeResolutionA()).isCloseTo(2.0, within(1e-12));
        assertThat(g.startResolutionA()).isCloseTo(1.72305, within(1e-5));
    }

    @Test
    void beamOffTheDetectorIsRefused() {
        assertThatThrownBy(() -> HalfCornerResolution.fromDetector(1, 200, 100, 100, 0.1, 0.1, 150, 50))
                .hasMessageContaining("beam centre (150.0, 50.0) px is not on the 100x100 detector");
    }

    @Test
    void mergeDirectoryNamesAreKamos() {
        // SPring-8 examples (kamo-conventions 4.2/4.12): merge_blend_2.2S_complex1, merge_cc_2.5S_sample1,
        // blend_3.03A_final, cluster_0079, run_03.
        assertThat(MergeDirectoryNames.sampleDirectoryName(Clustering.BLEND, 2.2, "complex1")).isEqualTo("merge_blend_2.2S_complex1");
        assertThat(MergeDirectoryNames.sampleDirectoryName(Clustering.CC, 2.5, "sample1")).isEqualTo("merge_cc_2.5S_sample1");
        assertThat(MergeDirectoryNames.sampleDirectoryName(Clustering.BLEND, 1.2027653, "x")).isEqualTo("merge_blend_1.2S_x");
        assertThat(MergeDirectoryNames.passDirectoryName(Clustering.BLEND, 3.03, true)).isEqualTo("blend_3.03A_final");
        assertThat(MergeDirectoryNames.passDirectoryName(Clustering.CC, 2.2, false)).isEqualTo("cc_2.20A");
        // Python's %.2f of 2.125 is 2.12 (exact binary tie, half-even); Java's %.2f would give 2.13.
        assertThat(MergeDirectoryNames.passDirectoryName(Clustering.CC, 2.125, false)).isEqualTo("cc_2.12A");
        assertThat(MergeDirectoryNames.clusterDirectoryName(79)).isEqualTo("cluster_0079");
        assertThat(MergeDirectoryNames.runDirectoryName(3)).isEqualTo("run_03");
        assertThat(Clustering.CC.workDirectory()).isEqualTo("cc_clustering");
    }

    @Test
    void sampleNamesAreSanitisedAndNeverEscapeTheOutputTree(@TempDir Path root) {
        assertThat(MergeDirectoryNames.sanitiseSampleName("lyso 1/a>b<c*d\\e?f%g:h")).isEqualTo("lyso_1-a-b-c-d-e-f-g-h");
        assertThat(MergeDirectoryNames.sanitiseSampleName("../../etc")).isEqualTo("..-..-etc");
        assertThat(MergeDirectoryNames.sanitiseSampleName("a\nb\u0000c")).isEqualTo("a-b-c");
        for (String evil : List.of("../../etc/passwd", "/abs/path", "a/../../b", "$(rm -rf ~)", "C:\\x")) {
            Path dir = MergeDirectoryNames.sampleDirectory(root, Clustering.BLEND, 2.2, evil);
            assertThat(dir.getParent()).as(evil).isEqualTo(root.toAbsolutePath().normalize());
            assertThat(dir.getFileName().toString()).startsWith("merge_blend_2.2S_");
        }
        assertThatThrownBy(() -> MergeDirectoryNames.sanitiseSampleName("")).hasMessageContaining("cannot name a merge directory");
        assertThatThrownBy(() -> MergeDirectoryNames.sampleDirectory(root, Clustering.CC, 2.2, ".."))
                .hasMessageContaining("sample name '..' cannot name a merge directory");
    }

    @Test
    void cellFilterExcludesTheOutlierByTukeyFencesOf25Iqr(@TempDir Path dir) throws Exception {
        // a = 78.0 78.1 78.2 78.3 78.4 85.0: numpy Q1 = 78.125, Q3 = 78.375, IQR = 0.25 -> fences
        // [77.5, 79.0]; 85.0 is out. Other parameters equal for all (IQR 0, every value on the fence: kept).
        double[] a = {78.1, 85.0, 78.0, 78.3, 78.2, 78.4};
        List<MergeListFiles.DatasetCell> ds = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            ds.add(new MergeListFiles.DatasetCell(Path.of("/data/s" + (6 - i) + "/XDS_ASCII.HKL"), new UnitCell(a[i], a[i], 37.2, 90, 90, 90)));
        }
        assertThat(CellOutlierFilter.quantile(new double[] {78.0, 78.1, 78.2, 78.3, 78.4, 85.0}, 0.25)).isCloseTo(78.125, within(1e-12));
        List<MergeListFiles.DatasetCell> kept = MergeListFiles.writeFiltered(dir, ds, new CellOutlierFilter());
        assertThat(kept).hasSize(5);
        assertThat(Files.readString(dir.resolve("excluded.lst"))).isEqualTo("/data/s5/XDS_ASCII.HKL\n");
        assertThat(Files.readAllLines(dir.resolve("formerge.lst"))).hasSize(5).doesNotContain("/data/s5/XDS_ASCII.HKL");
        List<String> cells = Files.readAllLines(dir.resolve("cells.dat"));
        assertThat(cells).hasSize(7); // cells.dat keeps every dataset
        assertThat(cells.get(0)).isEqualTo("file a b c al be ga");
        assertThat(cells.get(2)).isEqualTo("/data/s5/XDS_ASCII.HKL  85.000  85.000  37.200  90.000  90.000  90.000");
        // Two datasets: never filtered.
        assertThat(new CellOutlierFilter().outliers(List.of(new UnitCell(10, 10, 10, 90, 90, 90), new UnitCell(99, 99, 99, 90, 90, 90)))).isEmpty();
    }
}
