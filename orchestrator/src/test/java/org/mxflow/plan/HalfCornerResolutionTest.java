package org.mxflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mxflow.image.ImageHeader;

/** The half-corner formula of kamo-conventions §4.7; expected values computed by hand (Python math). */
class HalfCornerResolutionTest {

    static ImageHeader pilatus6m(double distanceMm) {
        return new ImageHeader("PILATUS 6M", 2463, 2527, 0.172, 0.172, 1.0, distanceMm, 1231.5, 1263.5, 0, 0.1, 0.02, 1048500, 1);
    }

    @Test
    void pilatus6mAt250mmStartsAt1point283A() {
        assertThat(HalfCornerResolution.dStartA(pilatus6m(250))).isCloseTo(1.2832719539706894, within(1e-9));
    }

    @Test
    void zooGeometryForTwoAngstromsAtTheEdgeStartsBeyondTwoAngstroms() {
        double edge = 1231.5 * 0.172;
        double l = HalfCornerResolution.cameraLengthMm(1.0, 2.0, edge);
        assertThat(l).isCloseTo(382.8382069992492, within(1e-9));
        assertThat(HalfCornerResolution.dStartA(pilatus6m(l))).isCloseTo(1.713082657534786, within(1e-9));
    }

    @Test
    void headerWithoutDetectorSizeGivesNoStart() {
        assertThat(HalfCornerResolution.dStartA(new ImageHeader("x", 0, 0, 0.075, 0.075, 1, 150, 0, 0, 0, 0.1, 0.01, 1, 1))).isNaN();
    }

    @Test
    void fromTheSheetAloneASquareCentredDetectorIsAssumed() {
        assertThat(HalfCornerResolution.dStartFromRequestA(1.0, 2.0)).isCloseTo(1.7230491340292844, within(1e-12));
        assertThat(HalfCornerResolution.dStartFromRequestA(0.9, 1.8)).isCloseTo(1.550744220626356, within(1e-12));
        assertThat(HalfCornerResolution.dStartFromRequestA(1.0, Double.NaN)).isNaN();
    }
}
