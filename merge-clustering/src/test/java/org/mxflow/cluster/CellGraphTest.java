package org.mxflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;

/** KAMO's cell graph (kamo-conventions 4.3.3) on cells whose relations are known by construction. */
class CellGraphTest {

    @Test
    void cellsRelatedByAChangeOfBasisAreOneGroupAndAnUnrelatedFormIsAnother() {
        UnitCell p = new UnitCell(60, 70, 80, 90, 90, 90);
        // The same lattice with a and b swapped, and in the obtuse setting of a monoclinic-looking choice
        // (a, b, a+c gives |a+c| = 100 Å, β = 126.9°): both need the basis search.
        UnitCell swapped = new UnitCell(70.5, 60.2, 79.8, 90, 90, 90);
        UnitCell aPlusC = new UnitCell(60, 70, 100, 90, 180 - Math.toDegrees(Math.atan2(80, 60)), 90);
        UnitCell other = new UnitCell(100, 50, 60, 90, 105, 90);
        UnitCell otherToo = new UnitCell(101, 50.4, 59.5, 90, 104, 90);
        UnitCell close = new UnitCell(65.9, 76.9, 87.9, 90, 90, 90); // 9.9 % longer: still within 10 %
        List<List<Integer>> g = CellGraph.groups(List.of(other, p, swapped, aPlusC, otherToo, close));
        assertThat(g).containsExactly(List.of(1, 2, 3, 5), List.of(0, 4));
        assertThat(CellGraph.similar(p, swapped)).isTrue();
        assertThat(CellGraph.similar(p, aPlusC)).isTrue();
        assertThat(CellGraph.similar(p, new UnitCell(67, 70, 80, 90, 90, 90))).isFalse(); // a 11.7 % longer
        assertThat(CellGraph.similar(p, new UnitCell(60, 70, 80, 90, 96, 90))).isFalse(); // β 6° off
    }
}
