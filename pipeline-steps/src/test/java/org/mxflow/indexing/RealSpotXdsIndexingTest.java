package org.mxflow.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.XdsInputFile;

/**
 * The real strong-spot list SPOT.XDS and XDS.INP of DIALS' centroid_test_data (PILATUS 6M,
 * 0.2° frames, three wedges across ~90°). The crystal is tetragonal: xia2's own regression test
 * (xia2/xia2 tests/Modules/Indexer/test_DIALS_indexer.py) asserts that dials indexes this
 * sweep as tP with cell 42.20 42.20 39.68 90 90 90; the XDS.INP beside it carries
 * 42.45 42.45 39.80 in space group 89.
 */
class RealSpotXdsIndexingTest {

    static Path real(String name) {
        return Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/xds", name);
    }

    @Test
    void realPilatusSweepIndexesAsTetragonalPWithThePublishedCell() throws Exception {
        List<ObservedSpot> spots = SpotXdsReader.read(real("SPOT.XDS"));
        assertThat(spots).hasSize(742);
        XdsInputFile.Contents inp = XdsInputFile.read(real("XDS.INP"));
        IndexingOutcome out = new Indexer(Indexer.Settings.defaults()).index(spots, inp.experiment(), Optional.empty());
        assertThat(out).isInstanceOf(IndexingOutcome.Indexed.class);
        IndexingOutcome.Indexed ok = (IndexingOutcome.Indexed) out;
        System.out.println("SPOT.XDS: " + ok.summary());
        assertThat(ok.chosen().lattice()).isEqualTo(BravaisLattice.tP);
        UnitCell cell = ok.crystal().unitCell();
        // within 1 % of xia2/dials' 42.20 42.20 39.68
        assertThat(cell.a()).isCloseTo(42.20, within(0.42));
        assertThat(cell.c()).isCloseTo(39.68, within(0.40));
        assertThat(ok.indexedFraction()).isGreaterThan(0.8);
        // The ORGX/ORGY of this XDS.INP do not fit its SPOT.XDS (a least-squares fit of the file's own
        // h k l columns gives ORGX≈1235, ORGY≈1279: the two values swapped), so indexing only succeeds
        // after the beam-centre search. Static refinement with the axis then reaches ~1.35 px / 0.32° (measured; 1.74 px before the axis was refined).
        assertThat(ok.attempt()).contains("beam centre searched");
        assertThat(ok.experiment().detector().orgXPx()).isCloseTo(1235.3, within(8.0));
        assertThat(Math.hypot(ok.rmsdXPx(), ok.rmsdYPx())).isLessThan(2.5);
        assertThat(ok.rmsdPhiDeg()).isLessThan(0.5);
    }

    @Test
    void realSweepWithTheSampleSheetCellUsesIt() throws Exception {
        List<ObservedSpot> spots = SpotXdsReader.read(real("SPOT.XDS"));
        XdsInputFile.Contents inp = XdsInputFile.read(real("XDS.INP"));
        IndexingOutcome out = new Indexer(Indexer.Settings.defaults()).index(spots, inp.experiment(),
                Optional.of(new KnownSymmetry(inp.unitCell().orElseThrow(), BravaisLattice.tP)));
        assertThat(out).isInstanceOf(IndexingOutcome.Indexed.class);
        assertThat(((IndexingOutcome.Indexed) out).chosen().lattice()).isEqualTo(BravaisLattice.tP);
        // an orthorhombic sample-sheet lattice with a wrong cell is refused with a clear reason
        IndexingOutcome wrong = new Indexer(Indexer.Settings.defaults()).index(spots, inp.experiment(),
                Optional.of(KnownSymmetry.of("60 70 80 90 90 90", "P212121")));
        assertThat(wrong).isInstanceOf(IndexingOutcome.Failed.class);
        assertThat(((IndexingOutcome.Failed) wrong).reason()).contains("does not match the given oP cell");
    }

    @Test
    void brokenSpotFileIsNamedWithItsLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("SPOT.XDS");
        java.nio.file.Files.writeString(f, "1 2 3 4\n5 x 6 7\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpotXdsReader.read(f))
                .hasMessageContaining("SPOT.XDS line 2");
    }
}
