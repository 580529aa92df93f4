package org.mxflow.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.RotationGeometry;
import org.mxflow.geometry.Vec3;
import org.mxflow.geometry.XdsInputFile;

/**
 * Degenerate bases in the indexer's basis refinement. The real SPOT.XDS of the centroid test data
 * with a wrong detector origin, as the beam-centre search tries one, made Indexer.refineBasis throw
 * "ArithmeticException: singular 3x3 matrix" (CrystalModel.ofRealBasis of a non-finite least-squares
 * basis; found by a search over 600 origins before the fix: 10 threw, this is the first). Now such a
 * candidate is rejected with a reason, and a flat candidate is refused before any fit.
 */
class DegenerateBasisTest {

    @Test
    void wrongOriginThatUsedToThrowGivesARejectionOrAProperBasis() throws Exception {
        List<ObservedSpot> spots = SpotXdsReader.read(RealSpotXdsIndexingTest.real("SPOT.XDS"));
        Experiment exp0 = XdsInputFile.read(RealSpotXdsIndexingTest.real("XDS.INP")).experiment();
        Experiment exp = exp0.withDetector(exp0.detector().withOrigin(1444.192675548974, 1069.535896334245));
        List<Vec3> r0 = new ArrayList<>();
        for (ObservedSpot s : spots) r0.add(RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame()));
        // the beam-centre search's quick FFT settings
        CrystalModel candidate = new FftIndexer(new FftIndexer.Settings(5, 300, 1500, 512, 30, 0.12)).findBasis(r0).orElseThrow();
        Indexer.BasisFit[] fit = new Indexer.BasisFit[1];
        assertThatCode(() -> fit[0] = Indexer.refineBasis(candidate, r0)).doesNotThrowAnyException();
        System.out.println("refineBasis at the wrong origin: " + (fit[0].ok() ? fit[0].crystal().unitCell().format() : fit[0].rejection()));
        if (fit[0].ok()) {
            Mat3 b = fit[0].crystal().realBasis();
            assertThat(Indexer.degeneracy(b.column(0), b.column(1), b.column(2))).isNull();
        } else {
            assertThat(fit[0].rejection()).containsAnyOf("coplanar", "one plane", "non-finite", "singular");
        }
        // and the whole indexer from that origin ends in an outcome, not an exception
        assertThatCode(() -> new Indexer(Indexer.Settings.defaults()).index(spots, exp, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void spotsInOnePlaneDoNotMakeABasis() {
        // every reflection of the zero layer l = 0 of a 50 × 60 × 70 Å cell: the vectors span only a plane
        CrystalModel c = CrystalModel.of(new UnitCell(50, 60, 70, 90, 90, 90), Mat3.rotation(new Vec3(1, 2, 3).normalized(), 0.7));
        List<Vec3> r0 = new ArrayList<>();
        for (int h = -6; h <= 6; h++) for (int k = -6; k <= 6; k++) if (h != 0 || k != 0) r0.add(c.reciprocalVector(h, k, 0));
        Indexer.BasisFit fit = Indexer.refineBasis(c, r0);
        assertThat(fit.ok()).isFalse();
        assertThat(fit.rejection()).contains("168 reciprocal vectors that index lie in one plane");
    }

    @Test
    void flatCandidateIsRefusedWithTheReason() {
        Vec3 a = new Vec3(40, 0, 0), b = new Vec3(0, 50, 0);
        // c within 0.1° of the a-b plane
        CrystalModel flat = CrystalModel.ofRealBasis(a, b, new Vec3(30, 30, 0.07));
        Indexer.BasisFit fit = Indexer.refineBasis(flat, List.of(new Vec3(0.1, 0, 0)));
        assertThat(fit.ok()).isFalse();
        assertThat(fit.rejection()).startsWith("candidate basis is nearly coplanar");
    }
}
