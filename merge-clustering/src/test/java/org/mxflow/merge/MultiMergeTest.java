package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.CcHalf;
import org.mxflow.mtz.MtzFile;
import org.mxflow.mtz.MtzReader;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class MultiMergeTest {

    static final SpaceGroup P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);

    /**
     * Fourteen 10° wedges of one crystal form; wedge 3 has frames 6-8 replaced by unrelated
     * intensities, wedge 9 a 25 % error its σ does not declare (the others 5 %), wedge 12 a
     * B factor 30 Å² above the others (0-4 Å²).
     */
    static List<MultiMerge.Dataset> cluster(Map<MillerIndex, Double> truth) {
        List<MultiMerge.Dataset> out = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(CELL, 0, 20, 0.5, 0.5 + 0.05 * i, i == 12 ? 30 : 2.0 * (i % 3),
                    -0.005, 10, i == 9 ? 0.25 : 0.05, i == 3 ? Set.of(6, 7, 8) : Set.of(), ReindexOperator.identity(), 300 + i);
            XdsAsciiFile f = SimulatedWedges.wedge(truth, P212121, w, 2.8, 1.0);
            out.add(new MultiMerge.Dataset(Path.of("/data/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL", f));
        }
        return out;
    }

    @Test
    void badFramesAreCutInRun02AndTheNoisyDatasetIsRemovedInRun03(@TempDir Path tmp) throws Exception {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, 2.8, 20, 11);
        List<MultiMerge.Dataset> data = cluster(truth);
        MultiMerge mm = new MultiMerge(new MultiMerge.Settings(P212121, Double.NaN, 2.8, null, Scaler.Settings.defaults()));
        MultiMerge.Outcome out = mm.merge(data, tmp.resolve("cluster_0013"));

        assertThat(out.runs().size()).isEqualTo(3);
        // run_02: wedge 3 trimmed to the 17 good frames, from the original input.
        Path trimmed = tmp.resolve("cluster_0013/files/w3/XDS_ASCII.HKL");
        assertThat(trimmed).exists();
        XdsAsciiFile t = XdsAsciiReader.read(trimmed);
        assertThat(t.observations()).allSatisfy(o -> assertThat((int) Math.floor(o.zdFrame()) + 1).isNotIn(6, 7, 8));
        assertThat(t.observations().size()).isGreaterThan(data.get(3).data().observations().size() * 12 / 20);
        assertThat(Files.readString(tmp.resolve("cluster_0013/run_01/cc_frames.dat"))).startsWith("file name frame n.all n.common cc\n");
        // Removed: the noisy wedge 9 (its frames correlate worst, or its error model b ≈ 0.25² = 0.06
        // against 0.05² = 0.0025 stands out) and, in run_03, wedge 12 for its B.
        assertThat(out.removed().keySet()).containsExactly(9, 12);
        assertThat(out.removed().get(9)).isIn("allbadframe", "bad_em.ab");
        assertThat(out.removed().get(12)).contains("bad_B");
        assertThat(out.finalRun().members().size()).isEqualTo(12);

        // Final merged intensities against the truth.
        List<MergedReflection> merged = out.finalRun().merged();
        double[] x = new double[merged.size()], y = new double[merged.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = merged.get(i).iMean();
            y[i] = truth.get(merged.get(i).hkl());
        }
        double cc = org.mxflow.stats.Correlation.pearson(x, y);
        assertThat(cc).isGreaterThan(0.99);
        assertThat(out.finalRun().wilsonBA2()).isBetween(16.0, 26.0); // truth 20 Å² + bmin reference (B 0)

        // The MTZ reads back with the merged values.
        MtzFile mtz = MtzReader.read(tmp.resolve("cluster_0013/run_03/ccp4/xscale.mtz"));
        assertThat(mtz.reflectionCount()).isEqualTo(merged.size());
        assertThat(mtz.spaceGroupNumber()).isEqualTo(19);
        float[] imean = mtz.columnValues("IMEAN");
        assertThat((double) imean[0]).isCloseTo(merged.get(0).iMean(), org.assertj.core.data.Offset.offset(Math.abs(merged.get(0).iMean()) * 1e-6 + 1e-3));
        for (String f : List.of("XSCALE.INP", "XSCALE.INP.1", "XSCALE.LP", "XSCALE.LP.1", "xscale.hkl", "xscale_merged.hkl", "xscale.cif")) {
            assertThat(tmp.resolve("cluster_0013/run_03/" + f)).exists();
        }
        assertThat(Files.readString(tmp.resolve("cluster_0013/run_03/XSCALE.INP"))).contains(" INPUT_FILE=*");
        // XSCALE.LP: the K/B and error-model tables and the statistics table in XDS columns (total row last).
        String lp = Files.readString(tmp.resolve("cluster_0013/run_03/XSCALE.LP"));
        assertThat(lp).contains("     K        B           DATA SET NAME", "a        b          ISa    ISa0   INPUT DATA SET",
                "SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION");
        assertThat(lp.lines().filter(l -> l.startsWith("    total")).findFirst().orElseThrow().substring(9, 21).trim())
                .isEqualTo(Long.toString(out.finalRun().statistics().total().observed()));
        // xscale.hkl reads back as XDS_ASCII with the scaled observations.
        XdsAsciiFile x3 = XdsAsciiReader.read(tmp.resolve("cluster_0013/run_03/xscale.hkl"));
        assertThat(x3.observations().size()).isEqualTo(out.finalRun().scaling().observations().size());
        assertThat(Files.readString(tmp.resolve("cluster_0013/merge.log"))).contains("w12/XDS_ASCII.HKL bad_B", "final: run_03");
    }
}
