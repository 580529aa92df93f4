package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.xds.LatticeCharacterTable;

/** The P1 cell of kamo-conventions 4.3.2 on the real CORRECT.LP (../shared/data/real/xds, C2, lines 131–133 and 285). */
class TriclinicCellTest {

    static Path realFile() {
        return Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
    }

    @Test
    void theAPRowOfTheRealFileBecomesAllObtuseAsItsCharacter44Row() throws IOException {
        LatticeCharacterTable t = LatticeCharacterTable.read(realFile()).orElseThrow();
        // line 131 (character 31): 60.5 60.5 93.7 76.4 76.4 85.7; the angle farthest from 90 (76.4) is acute, so the
        // two smallest angles become 180 − 76.4 = 103.6: the cell XDS prints for character 44 on line 133.
        UnitCell p1 = TriclinicCell.allObtuse(t.firstTriclinic().orElseThrow().cell());
        assertThat(p1.toArray()).containsExactly(new double[] {60.5, 60.5, 93.7, 103.6, 103.6, 85.7}, within(1e-9));
        UnitCell row44 = t.rows().stream().filter(r -> r.character() == 44).findFirst().orElseThrow().cell();
        assertThat(p1.toArray()).containsExactly(row44.toArray(), within(1e-9));
    }

    @Test
    void anObtuseRowIsKeptAndAnAcuteOneChangesTwoAngles() {
        UnitCell obtuse = new UnitCell(50, 60, 70, 100, 95, 92);
        assertThat(TriclinicCell.allObtuse(obtuse)).isEqualTo(obtuse);
        // farthest from 90 is 70 (acute): the two smallest (70, 80) become 110, 100; 88 stays.
        assertThat(TriclinicCell.allObtuse(new UnitCell(50, 60, 70, 70, 88, 80)).toArray())
                .containsExactly(new double[] {50, 60, 70, 110, 88, 100}, within(1e-9));
    }

    @Test
    void theRealHeaderCellReducedIsTheSameLatticeAsTheAPRow() throws IOException {
        // line 285: the C2 cell CORRECT used; made primitive and Niggli-reduced it is the aP row to the table's 0.1 precision.
        UnitCell c2 = new UnitCell(88.68, 82.26, 93.70, 90, 108.65, 90);
        TriclinicCell.Reduction r = TriclinicCell.reduce(c2, 'C');
        assertThat(r.cell().toArray()).containsExactly(new double[] {60.48, 60.48, 93.70, 76.44, 76.44, 85.70}, within(0.01));
        UnitCell ap = TriclinicCell.allObtuse(LatticeCharacterTable.read(realFile()).orElseThrow().firstTriclinic().orElseThrow().cell());
        assertThat(CellGraph.basisChange(ap, r.cell())).isPresent();
        assertThat(CellGraph.graph(java.util.List.of(ap, r.cell())).groups()).hasSize(1);
    }
}
