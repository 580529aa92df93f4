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
        assertThat(leftOut.get("_kamoproc/P-03/data00/w")).contains("C 1 2 1", "P 422");
        assertThat(used).hasSize(3);
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
