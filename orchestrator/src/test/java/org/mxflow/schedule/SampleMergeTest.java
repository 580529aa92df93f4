package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;

/** The common space group a sample is merged in (space-group numbers and point groups from International Tables A). */
class SampleMergeTest {

    @Test
    void screwAxisDisagreementsAreRelabelledAndOtherPointGroupsLeftOut() {
        Path top = Path.of("/beamtime");
        UnitCell tetragonal = new UnitCell(78.6, 78.6, 37.9, 90, 90, 90);
        // #89 P422, #92 P41212 (x2): all point group 422, primitive; #5 C2 is another point group and lattice.
        int[] groups = {89, 92, 92, 5};
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Map<String, Path> used = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            Path f = top.resolve("_kamoproc/P-0" + i + "/data00/w/XDS_ASCII.HKL");
            files.add(f);
            UnitCell cell = groups[i] == 5 ? new UnitCell(100, 50, 40, 90, 105, 90) : tetragonal;
            data.add(new XdsAsciiFile(XdsAsciiHeader.of(false, true, groups[i], cell, 1.0), List.of()));
            used.put("_kamoproc/P-0" + i + "/data00/w", f);
        }
        Map<String, String> leftOut = new TreeMap<>();

        int relabelled = SampleMerge.commonSpaceGroup(files, data, used, leftOut, top);

        assertThat(relabelled).isEqualTo(1);
        assertThat(data).extracting(d -> d.header().spaceGroupNumber()).containsExactly(92, 92, 92);
        assertThat(files).hasSize(3).doesNotContain(top.resolve("_kamoproc/P-03/data00/w/XDS_ASCII.HKL"));
        assertThat(leftOut).containsOnlyKeys("_kamoproc/P-03/data00/w");
        // Its cell (100, 50, 40, β 105°) is in another cell-graph group than the tetragonal three.
        assertThat(leftOut.get("_kamoproc/P-03/data00/w")).contains("cell group 2 of 2", "not group 1 (3 datasets");
        assertThat(used).hasSize(3);
    }

    @Test
    void wedgesWhoseLabelsDisagreeGetTheSpaceGroupTheirIntensitiesShow() {
        // Simulated truth (org.mxflow.bench.SimulatedWedges): a P212121 crystal, intensities over the P222
        // ASU with the axial absences of P212121 recorded as zero plus noise. Six 10° wedges labelled as a
        // short-wedge engine may leave them: P222 (16) three times, P2221 (17) twice, P21212 (18) once.
        // The vote alone would give P222; SpaceGroupDecision on the axial reflections gives P212121 (19).
        org.mxflow.symmetry.SpaceGroup p222 = org.mxflow.symmetry.SpaceGroups.byNumber(16);
        org.mxflow.symmetry.SpaceGroup p212121 = org.mxflow.symmetry.SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        Map<org.mxflow.reflection.MillerIndex, Double> truth =
                new java.util.HashMap<>(org.mxflow.bench.SimulatedWedges.truth(p222, cell, 3.0, 20, 3));
        truth.replaceAll((h, v) -> p212121.isSystematicallyAbsent(h) ? 0.0 : v);
        int[] labels = {16, 17, 16, 18, 16, 17};
        Path top = Path.of("/beamtime");
        java.util.Random r = new java.util.Random(11);
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Map<String, Path> used = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            var w = new org.mxflow.bench.SimulatedWedges.Wedge(cell, 360 * r.nextDouble(), 20, 0.5, 0.3 + 0.9 * r.nextDouble(),
                    6 * r.nextDouble(), -0.01, 10, 0.05, java.util.Set.of(), org.mxflow.merge.ReindexOperator.identity(), 500 + i);
            XdsAsciiFile f = org.mxflow.bench.SimulatedWedges.wedge(truth, p222, w, 3.0, 1.0);
            data.add(new XdsAsciiFile(f.header().withSpaceGroup(labels[i], cell), f.observations()));
            Path p = top.resolve("_kamoproc/P-0" + i + "/data00/w/XDS_ASCII.HKL");
            files.add(p);
            used.put("_kamoproc/P-0" + i + "/data00/w", p);
        }
        Map<String, String> leftOut = new TreeMap<>();

        int relabelled = SampleMerge.commonSpaceGroup(files, data, used, leftOut, top);

        assertThat(data).extracting(d -> d.header().spaceGroupNumber()).containsOnly(19);
        assertThat(relabelled).isEqualTo(6);
        assertThat(leftOut).isEmpty();
    }

    @Test
    void wedgesInTwoUnrelatedCellsFormTwoGroupsAndOnlyTheLargerIsMerged() {
        // Group 1: four P212121 wedges of 60×70×80 Å, one of them indexed with a and b swapped (70×60×80,
        // labelled P212121 too: same cell after the change of basis b,a,-c). Group 2: three C2 wedges of an
        // unrelated form (100×50×60, β 105°), the more frequent label among the inputs would not matter.
        Path top = Path.of("/beamtime");
        UnitCell[] cells = {new UnitCell(60, 70, 80, 90, 90, 90), new UnitCell(100, 50, 60, 90, 105, 90),
            new UnitCell(60.5, 70.3, 79.6, 90, 90, 90), new UnitCell(100.4, 50.2, 60.1, 90, 104.8, 90),
            new UnitCell(70.2, 60.1, 80.2, 90, 90, 90), new UnitCell(99.8, 49.9, 59.8, 90, 105.1, 90),
            new UnitCell(59.8, 69.9, 80.4, 90, 90, 90)};
        int[] groups = {19, 5, 19, 5, 19, 5, 19};
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Map<String, Path> used = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            Path f = top.resolve("_kamoproc/P-0" + i + "/data00/w/XDS_ASCII.HKL");
            files.add(f);
            data.add(new XdsAsciiFile(XdsAsciiHeader.of(false, true, groups[i], cells[i], 1.0), List.of()));
            used.put("_kamoproc/P-0" + i + "/data00/w", f);
        }
        Map<String, String> leftOut = new TreeMap<>();

        int relabelled = SampleMerge.commonSpaceGroup(files, data, used, leftOut, top);

        assertThat(relabelled).isZero();
        assertThat(files).extracting(p -> p.getParent().getParent().getParent().getFileName().toString())
                .containsExactly("P-00", "P-02", "P-04", "P-06");
        assertThat(data).extracting(d -> d.header().spaceGroupNumber()).containsOnly(19);
        assertThat(leftOut).containsOnlyKeys("_kamoproc/P-01/data00/w", "_kamoproc/P-03/data00/w", "_kamoproc/P-05/data00/w");
        assertThat(leftOut.values()).allSatisfy(v -> assertThat(v).contains("cell group 2 of 2 (3 datasets", "not group 1 (4 datasets"));
        assertThat(used).containsOnlyKeys("_kamoproc/P-00/data00/w", "_kamoproc/P-02/data00/w", "_kamoproc/P-04/data00/w",
                "_kamoproc/P-06/data00/w");
    }

    @Test
    void aWedgeLeftInASubgroupJoinsOnlyWhenItsCellFitsTheConsensusLattice() {
        Path top = Path.of("/beamtime");
        UnitCell tetragonal = new UnitCell(78.6, 78.6, 37.9, 90, 90, 90);
        // Two P41212 wedges; a P121 (#3) wedge indexed in the same tetragonal cell (its 10° could not show the
        // 4-fold); a P121 wedge whose cell is monoclinic (beta 105°) cannot be tetragonal and stays out.
        int[] groups = {92, 92, 3, 3};
        UnitCell[] cells = {tetragonal, tetragonal, tetragonal, new UnitCell(78.6, 78.6, 37.9, 90, 105, 90)};
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        Map<String, Path> used = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            Path f = top.resolve("_kamoproc/P-0" + i + "/data00/w/XDS_ASCII.HKL");
            files.add(f);
            data.add(new XdsAsciiFile(XdsAsciiHeader.of(false, true, groups[i], cells[i], 1.0), List.of()));
            used.put("_kamoproc/P-0" + i + "/data00/w", f);
        }
        Map<String, String> leftOut = new TreeMap<>();

        int relabelled = SampleMerge.commonSpaceGroup(files, data, used, leftOut, top);

        assertThat(relabelled).isEqualTo(1);
        assertThat(data).extracting(d -> d.header().spaceGroupNumber()).containsExactly(92, 92, 92);
        assertThat(leftOut).containsOnlyKeys("_kamoproc/P-03/data00/w");
    }
}
