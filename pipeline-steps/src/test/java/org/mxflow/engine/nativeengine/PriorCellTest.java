package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.indexing.BravaisLattice;
import org.mxflow.indexing.KnownSymmetry;
import org.mxflow.indexing.LatticeCharacterFit;
import org.mxflow.indexing.ReducedCell;

/**
 * KAMO's cell_prior.check as a plain function (relative length 5 %, angle 5°, kamo-conventions
 * §3.3 step 6): the reduced cell of a crystal relates to a prior when one of its lattice
 * characters gives the prior's lattice with a conventional cell within the tolerances.
 */
class PriorCellTest {

    private static List<LatticeCharacterFit> fits(UnitCell cell) {
        return LatticeCharacterFit.all(ReducedCell.of(CrystalModel.of(cell, Mat3.IDENTITY)));
    }

    @Test
    void aWedgesRoughLysozymeCellRelatesToTheSheetsP43212Cell() {
        KnownSymmetry sheet = KnownSymmetry.of("78.6 78.6 37.9 90 90 90", "P43212");
        // a 10° wedge's P1 cell: edges off by up to 2 %, angles by 1.5° (the reduced cell puts c first)
        var fit = PriorCell.related(fits(new UnitCell(79.9, 77.8, 38.3, 91.2, 88.5, 90.9)), sheet);
        assertThat(fit).isPresent();
        assertThat(fit.get().lattice()).isEqualTo(BravaisLattice.tP);
        // the conventional cell it gives is the tetragonal setting: c the short unique axis
        assertThat(fit.get().conventionalCell().c()).isCloseTo(38.3, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aCellTwentyPercentLongOnANeighbouringEdgeIsIncompatible() {
        // the simulated P212121 crystal against a sheet with a 20 % too long (as SheetSymmetryRunTest does)
        KnownSymmetry wrong = KnownSymmetry.of("62.76 63.5 71.9 90 90 90", "P212121");
        assertThat(PriorCell.related(fits(new UnitCell(52.3, 63.5, 71.9, 90, 90, 90)), wrong)).isEmpty();
        // 4.9 % long on a is still within KAMO's 5 %
        KnownSymmetry close = KnownSymmetry.of("54.86 63.5 71.9 90 90 90", "P212121");
        assertThat(PriorCell.related(fits(new UnitCell(52.3, 63.5, 71.9, 90, 90, 90)), close)).isPresent();
        // the right cell in another axis order (oP allows permutations)
        KnownSymmetry permuted = KnownSymmetry.of("63.5 71.9 52.3 90 90 90", "P212121");
        assertThat(PriorCell.related(fits(new UnitCell(52.3, 63.5, 71.9, 90, 90, 90)), permuted)).isPresent();
    }
}
