package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourcesTest {

    @Test
    void oneThaumatinFrameOpensTheWholeGridOf19() throws IOException {
        try (ImageSource src = ImageSources.open(RealData.file("thaumatin_grid/thau_3_2_0007.cbf.bz2"))) {
            assertThat(src).isInstanceOf(CbfSeries.class);
            assertThat(((CbfSeries) src).template()).endsWith("thau_3_2_????.cbf");
            assertThat(src.firstFrame()).isEqualTo(1);
            assertThat(src.lastFrame()).isEqualTo(19);
            assertThat(src.header().frameCount()).isEqualTo(19);
            // thau_3_2_0001.cbf header: Wavelength 0.96859 A, Detector_distance 0.35100 m
            assertThat(src.header().wavelengthA()).isEqualTo(0.96859);
            assertThat(src.header().distanceMm()).isEqualTo(351.0);
        }
    }

    @Test
    void templateFindsPlainAndWrappedFramesWithTheirOwnStartAngles(@TempDir Path dir) throws IOException {
        Frame base = CbfWriterTest.sampleFrame();
        for (int n = 1; n <= 4; n++) {
            ImageHeader h = base.header();
            ImageHeader hn = new ImageHeader(h.detector(), h.width(), h.height(), h.pixelSizeXMm(), h.pixelSizeYMm(),
                    h.wavelengthA(), h.distanceMm(), h.beamXPx(), h.beamYPx(), 10.0 + 0.25 * (n - 1), 0.25,
                    h.exposureS(), h.countCutoff(), 1);
            String name = String.format("cry00_%05d.cbf%s", n, n % 2 == 0 ? ".gz" : "");
            CbfWriter.write(dir.resolve(name), new Frame(n, hn, base.pixels()));
        }
        CbfWriter.write(dir.resolve("cry00_001.cbf"), base);      // other digit width: another series
        CbfWriter.write(dir.resolve("cry01_00001.cbf"), base);    // other prefix
        try (ImageSource src = ImageSources.open(dir.resolve("cry00_?????.cbf"))) {
            assertThat(src.firstFrame()).isEqualTo(1);
            assertThat(src.lastFrame()).isEqualTo(4);
            assertThat(src.header().oscStartDeg()).isEqualTo(10.0);
            assertThat(src.read(3).header().oscStartDeg()).isCloseTo(10.5, within(1e-9));
            assertThat(src.read(4).pixels()).isEqualTo(base.pixels());
            assertThat(src.read(4).number()).isEqualTo(4);
            assertThatThrownBy(() -> src.read(5)).hasMessageContaining("frame 5 is missing");
        }
        assertThatThrownBy(() -> ImageSources.open(dir.resolve("nothing_????.cbf")))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("no frames match");
    }

    @Test
    void curvedPilatus12MIsRefusedNotMisread() {
        assertThatThrownBy(() -> ImageSources.open(RealData.file("single_frames/DLS_I23_P12M_thau_00001.cbf.gz")))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("DLS_I23_P12M_thau_00001.cbf.gz")
                .hasMessageContaining("PILATUS 12M")
                .hasMessageContaining("multi-panel");
    }

    @Test
    void eigerMasterIsRecognisedByItsSignature() throws IOException {
        try (ImageSource src = ImageSources.open(EigerImageSourceTest.fixture("lz4_master.h5"))) {
            assertThat(src).isInstanceOf(EigerImageSource.class);
            assertThat(src.lastFrame()).isEqualTo(6);
            assertThat(src.header().width()).isEqualTo(37);
        }
    }

    @Test
    void missingFileAndDirectoryAreClearErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> ImageSources.open(dir.resolve("none_0001.cbf"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ImageSources.open(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void trustedMaskCountsThePilatusGapsAndBadPixels() throws IOException {
        // Counts from scripts/oracles/cbf_stats.py (fabio): gap 526101 pixels == -1, bad 1213 pixels <= -2.
        Frame f = CbfReader.read(RealData.file("single_frames/DLS_I03_smargon_0001.cbf.gz"));
        TrustedMask m = TrustedMask.of(f);
        assertThat(m.untrustedCount()).isEqualTo(526101 + 1213);
        assertThat(m.isTrusted(1000, 1000)).isTrue();
        assertThat(m.isTrusted(487, 0)).as("first inter-module gap column of a PILATUS 6M").isFalse();
    }
}
