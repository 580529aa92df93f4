package org.mxflow.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdsInputFileTest {

    static Path realXdsInp() {
        return Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/xds/XDS.INP");
    }

    @Test
    void readsTheGeometryOfTheRealPilatusSweep() throws Exception {
        // values as written in dials/data-files centroid_test_data XDS.INP
        XdsInputFile.Contents c = XdsInputFile.read(realXdsInp());
        Experiment e = c.experiment();
        assertThat(e.beam().wavelengthA()).isEqualTo(0.9795);
        assertThat(e.detector().orgXPx()).isEqualTo(1279.1);
        assertThat(e.detector().orgYPx()).isEqualTo(1235.3);
        assertThat(e.detector().distanceMm()).isEqualTo(190.18);
        assertThat(e.detector().pixelSizeXMm()).isEqualTo(0.172);
        assertThat(e.detector().nx()).isEqualTo(2463);
        assertThat(e.goniometer().phiWidthDeg()).isEqualTo(0.2);
        assertThat(e.goniometer().firstFrame()).isEqualTo(1);
        assertThat(e.goniometer().rotationAxis()).isEqualTo(new Vec3(1, 0, 0));
        assertThat(c.unitCell()).isPresent();
        assertThat(c.unitCell().get().a()).isCloseTo(42.45, within(1e-9));
        assertThat(c.spaceGroupNumber()).isEqualTo(89);
    }

    @Test
    void missingWavelengthIsNamed() {
        assertThatThrownBy(() -> XdsInputFile.parse(List.of("ORGX=1 ORGY=2 DETECTOR_DISTANCE=100 QX=0.1 QY=0.1 OSCILLATION_RANGE=0.1"), "x/XDS.INP"))
                .hasMessageContaining("x/XDS.INP").hasMessageContaining("X-RAY_WAVELENGTH");
    }
}
