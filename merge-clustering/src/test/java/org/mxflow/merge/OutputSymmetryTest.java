package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.mtz.MtzFile;
import org.mxflow.mtz.MtzReader;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * KAMO's "symmetry for output" (kamo-conventions 4.10.6) on simulated wedges with known truth:
 * intensities of a P212121 crystal (Wilson-distributed over the P222 ASU, zero on the axial
 * absences h00, 0k0, 00l with odd index, plus counting noise as a detector records them), six 10°
 * wedges labelled P222 as a short-wedge engine may leave them.
 */
class OutputSymmetryTest {

    @Test
    void p212121DataLabelledP222AreWrittenAsP212121ByEveryRun(@TempDir Path tmp) throws Exception {
        SpaceGroup p222 = SpaceGroups.byNumber(16), p212121 = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        Map<MillerIndex, Double> truth = new HashMap<>(SimulatedWedges.truth(p222, cell, 3.0, 20, 3));
        truth.replaceAll((h, v) -> p212121.isSystematicallyAbsent(h) ? 0.0 : v);
        Random r = new Random(11);
        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(),
                    6 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), 500 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/d/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, p222, w, 3.0, 1.0)));
        }
        MultiMerge.Outcome out = new MultiMerge(new MultiMerge.Settings(p222, Double.NaN, 3.0, null, Scaler.Settings.defaults()))
                .merge(ds, tmp.resolve("c"));

        for (MultiMerge.Run run : out.runs()) {
            Path dir = tmp.resolve("c/" + MergeDirectoryNames.runDirectoryName(run.number()));
            assertThat(run.outputGroup().number()).isEqualTo(19);
            MtzFile mtz = MtzReader.read(dir.resolve("ccp4/xscale.mtz"));
            assertThat(mtz.spaceGroupNumber()).isEqualTo(19);
            // The axial absences of P212121 are not among the merged reflections written.
            assertThat(run.merged()).noneMatch(m -> p212121.isSystematicallyAbsent(m.hkl()));
            assertThat(mtz.reflectionCount()).isEqualTo(run.merged().size());
            assertThat(XdsAsciiReader.read(dir.resolve("xscale.hkl")).header().spaceGroupNumber()).isEqualTo(19);
            assertThat(XdsAsciiReader.read(dir.resolve("xscale_merged.hkl")).header().spaceGroupNumber()).isEqualTo(19);
            assertThat(Files.readString(dir.resolve("pointless.log"))).contains("Laue group fixed: 222", "output space group: P 21 21 21 (19)");
            // Scaling itself ran in the label's group, as XSCALE did.
            assertThat(Files.readString(dir.resolve("XSCALE.INP"))).contains("SPACE_GROUP_NUMBER= 16");
        }
    }

    @Test
    void enantiomorphsKeepTheGivenLabel() {
        // P43212 data labelled P43212: P41212 has the same absences, the label stays.
        SpaceGroup p422 = SpaceGroups.byNumber(89), p43212 = SpaceGroups.byNumber(96);
        UnitCell cell = new UnitCell(79, 79, 38, 90, 90, 90);
        Map<MillerIndex, Double> truth = new HashMap<>(SimulatedWedges.truth(p422, cell, 2.5, 20, 3));
        truth.replaceAll((h, v) -> p43212.isSystematicallyAbsent(h) ? 0.0 : v);
        Random r = new Random(11);
        List<List<org.mxflow.reflection.Observation>> wedges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(),
                    6 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), 700 + i);
            wedges.add(SimulatedWedges.wedge(truth, p422, w, 2.5, 1.0).observations());
        }
        var res = org.mxflow.pointgroup.SpaceGroupDecision.screwAxes(wedges, cell, p43212);
        assertThat(res.spaceGroup().number()).isEqualTo(96);
        assertThat(res.enantiomorphs()).extracting(SpaceGroup::number).containsExactly(92, 96);
        assertThat(org.mxflow.pointgroup.SpaceGroupDecision.screwAxes(wedges, cell, p422).spaceGroup().number()).isEqualTo(92);
    }
}
