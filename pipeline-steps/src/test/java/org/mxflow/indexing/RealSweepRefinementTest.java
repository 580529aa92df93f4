package org.mxflow.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxflow.geometry.GeometryRefiner;
import org.mxflow.geometry.ScanVaryingRefiner;
import org.mxflow.geometry.XdsInputFile;

/**
 * Refinement on the real SPOT.XDS of DIALS' centroid test data (PILATUS 6M, 0.2° frames, three
 * wedges across 91°, indexed as tP by the indexer). Measured here: static refinement with beam,
 * distance and origin but a fixed axis 1.73 px / 0.316°; with the two axis tilts 1.31 px / 0.313°;
 * scan-varying (5 knots over 91°) 1.18 px / 0.287°.
 */
class RealSweepRefinementTest {

    @Test
    void axisAndScanVaryingRefinementLowerTheRealRmsd() throws Exception {
        List<ObservedSpot> spots = SpotXdsReader.read(RealSpotXdsIndexingTest.real("SPOT.XDS"));
        XdsInputFile.Contents inp = XdsInputFile.read(RealSpotXdsIndexingTest.real("XDS.INP"));
        IndexingOutcome.Indexed ix = (IndexingOutcome.Indexed) new Indexer(Indexer.Settings.defaults()).index(spots, inp.experiment(), Optional.empty());
        // "before": the header's axis and beam, the indexer's detector
        GeometryRefiner.Result fixedAxis = new GeometryRefiner(new GeometryRefiner.Settings('t', 0.5, 0.05, 40, 4.0, true, true, false))
                .refine(inp.experiment().withDetector(ix.experiment().detector()), ix.crystal(), ix.indexed());
        GeometryRefiner.Result withAxis = new GeometryRefiner(new GeometryRefiner.Settings('t', 0.5, 0.05, 40, 4.0, true, true, true))
                .refine(ix.experiment(), ix.crystal(), ix.indexed());
        ScanVaryingRefiner.Result sv = new ScanVaryingRefiner(ScanVaryingRefiner.Settings.forFamily('t'))
                .refine(withAxis.experiment(), withAxis.crystal(), withAxis.used(), 1, 455);
        double before = Math.hypot(fixedAxis.rmsdXPx(), fixedAxis.rmsdYPx());
        double axis = Math.hypot(withAxis.rmsdXPx(), withAxis.rmsdYPx());
        double varying = Math.hypot(sv.rmsdXPx(), sv.rmsdYPx());
        System.out.printf("real centroid SPOT.XDS: fixed axis %.3f px %.4f deg; axis refined %.3f px %.4f deg (axis %s); scan-varying %.3f px %.4f deg%n",
                before, fixedAxis.rmsdPhiDeg(), axis, withAxis.rmsdPhiDeg(), withAxis.experiment().goniometer().rotationAxis(), varying, sv.rmsdPhiDeg());
        assertThat(axis).isLessThan(0.85 * before);
        assertThat(withAxis.rmsdPhiDeg()).isLessThanOrEqualTo(fixedAxis.rmsdPhiDeg() * 1.01);
        // the refined axis stays within a degree of the nominal +x
        assertThat(withAxis.experiment().goniometer().rotationAxis().x()).isGreaterThan(Math.cos(Math.toRadians(1)));
        assertThat(varying).isLessThan(axis);
        assertThat(sv.rmsdPhiDeg()).isLessThan(withAxis.rmsdPhiDeg());
        assertThat(sv.used().size()).isGreaterThan(700);
    }
}
