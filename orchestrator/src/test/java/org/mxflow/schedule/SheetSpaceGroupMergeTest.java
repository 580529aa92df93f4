package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.AutoMultiMerge;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.merge.MultiMerge;
import org.mxflow.merge.ReindexOperator;
import org.mxflow.mtz.MtzReader;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The sample sheet's space group is the output symmetry (KAMO: "A user space_group overrides"):
 * simulated truth of a P212121 crystal (Wilson intensities over the P222 ASU, the axial absences of
 * P212121 recorded as zero plus counting noise, org.mxflow.bench.SimulatedWedges), six 10° wedges
 * labelled P222 (16) as a short-wedge engine may leave them. Without a sheet the runs decide P212121
 * from the axial reflections (OutputSymmetryTest); with the sheet's group the decision never runs
 * (no pointless.log) and the sheet's group is what the MTZ carries, even when the sheet says P222.
 */
class SheetSpaceGroupMergeTest {

    static final SpaceGroup P222 = SpaceGroups.byNumber(16), P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);

    static List<String> units(Path root) throws Exception {
        Map<MillerIndex, Double> truth = new HashMap<>(SimulatedWedges.truth(P222, CELL, 3.0, 20, 3));
        truth.replaceAll((h, v) -> P212121.isSystematicallyAbsent(h) ? 0.0 : v);
        Random r = new Random(11);
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var w = new SimulatedWedges.Wedge(CELL, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(), 6 * r.nextDouble(), -0.01,
                    10, 0.05, Set.of(), ReindexOperator.identity(), 500 + i);
            XdsAsciiFile f = SimulatedWedges.wedge(truth, P222, w, 3.0, 1.0);
            String unit = "_kamoproc/PRO-0" + i + "/data00/w_1-20";
            Files.createDirectories(root.resolve(unit));
            XdsAsciiWriter.write(f, root.resolve(unit).resolve("XDS_ASCII.HKL"));
            units.add(unit);
        }
        return units;
    }

    static SampleMerge.Result merge(Path root, SpaceGroup sheet) throws Exception {
        String dir = "_kamoproc/" + MergeDirectoryNames.sampleDirectoryName(MergeDirectoryNames.Clustering.BLEND, 3.0, "pro");
        return SampleMerge.merge(root, dir, "blend", "pro", 3.0, units(root), sheet);
    }

    static void assertEveryRunWritten(SampleMerge.Result r, int expectedGroup) throws Exception {
        int runs = 0;
        for (AutoMultiMerge.Pass pass : r.outcome().passes()) {
            for (int k = 0; k < pass.outcomes().size(); k++) {
                MultiMerge.Outcome c = pass.outcomes().get(k);
                assertThat(c).isNotNull();
                for (MultiMerge.Run run : c.runs()) {
                    Path runDir = pass.directory().resolve(MergeDirectoryNames.clusterDirectoryName(pass.clusterNumbers().get(k)))
                            .resolve(MergeDirectoryNames.runDirectoryName(run.number()));
                    assertThat(run.outputGroup().number()).isEqualTo(expectedGroup);
                    assertThat(MtzReader.read(runDir.resolve("ccp4/xscale.mtz")).spaceGroupNumber()).isEqualTo(expectedGroup);
                    assertThat(Files.readString(runDir.resolve("XSCALE.INP"))).contains("SPACE_GROUP_NUMBER= " + expectedGroup);
                    runs++;
                }
            }
        }
        assertThat(runs).as(r.summary()).isPositive();
        try (Stream<Path> all = Files.walk(r.directory())) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("pointless.log"))).isEmpty();
        }
    }

    @Test
    void sheetP212121IsWrittenWithoutDecidingFromTheData(@TempDir Path root) throws Exception {
        SampleMerge.Result r = merge(root, P212121);
        assertEveryRunWritten(r, 19);
        assertThat(r.leftOut()).isEmpty();
        assertThat(r.summary()).contains("space group P 21 21 21 from the sample sheet", "6 dataset(s) relabelled to P 21 21 21");
        assertThat(Files.readString(r.directory().resolve("prep_merge.log"))).contains("symmetry= P 21 21 21 (19) given by the user");
    }

    @Test
    void sheetP222IsKeptAlthoughTheAxialReflectionsSayP212121(@TempDir Path root) throws Exception {
        assertEveryRunWritten(merge(root, P222), 16);
    }

    @Test
    void aWedgeOfAnotherPointGroupIsLeftOutWithTheSheetsGroupNamed() {
        Path top = Path.of("/beamtime");
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Map<String, Path> used = new java.util.TreeMap<>();
        // #75 P4 on a tetragonal cell fits P422 (#89) only as a subgroup on its lattice; #3 P2 on the same
        // cell is a subgroup too; #143 P3 is not (order 3 does not divide 8, other lattice).
        int[] labels = {89, 75, 3, 143};
        UnitCell tetragonal = new UnitCell(78.6, 78.6, 37.9, 90, 90, 90);
        for (int i = 0; i < labels.length; i++) {
            Path f = top.resolve("_kamoproc/P-0" + i + "/data00/w/XDS_ASCII.HKL");
            files.add(f);
            data.add(new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(false, true, labels[i], tetragonal, 1.0), List.of()));
            used.put("_kamoproc/P-0" + i + "/data00/w", f);
        }
        Map<String, String> leftOut = new java.util.TreeMap<>();
        int relabelled = SampleMerge.sheetSymmetry(files, data, used, leftOut, top, SpaceGroups.byNumber(89));
        assertThat(relabelled).isEqualTo(2);
        assertThat(data).extracting(d -> d.header().spaceGroupNumber()).containsExactly(89, 89, 89);
        assertThat(leftOut).containsOnlyKeys("_kamoproc/P-03/data00/w");
        assertThat(leftOut.get("_kamoproc/P-03/data00/w")).isEqualTo("space group P 3 cannot be merged in the sheet's P 4 2 2");
    }

    @Test
    void theMergeTriggerTakesTheUnitsSheetSpaceGroup() {
        assertThat(MergeTracker.sheetSpaceGroup("m", List.of(List.of("a", "P 21 21 21"), List.of("b", "P212121")))).isEqualTo(P212121);
        assertThat(MergeTracker.sheetSpaceGroup("m", List.of(Arrays.asList("a", (String) null)))).isNull();
        assertThat(MergeTracker.sheetSpaceGroup("m", List.of(List.of("a", "P 21 21 21"), List.of("b", "P 2 2 2")))).isNull();
    }
}
