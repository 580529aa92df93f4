package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.BitShuffleFilter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EIGER fixtures written by h5py with the Debian bitshuffle and LZ4 plug-ins
 * (scripts/oracles/make_eiger_fixture.py); expected.json is what h5py read back.
 * The real DECTRIS master comes from ../shared/data/real (values as h5py shows them).
 */
class EigerImageSourceTest {

    static Path fixture(String name) {
        try {
            return Path.of(EigerImageSourceTest.class.getResource("/eiger/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String prefix) throws IOException {
        return new ObjectMapper().readTree(fixture("expected.json").toFile()).get(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bslz4", "lz4"})
    void framesDecodeToWhatH5pyReads(String prefix) throws IOException {
        JsonNode e = expected(prefix);
        try (EigerImageSource src = EigerImageSource.open(fixture(prefix + "_master.h5"))) {
            assertThat(src.firstFrame()).isEqualTo(1);
            assertThat(src.lastFrame()).isEqualTo(6);
            assertThat(src.header().frameCount()).isEqualTo(6);
            for (int n = 1; n <= 6; n++) {
                Frame f = src.read(n);
                long sum = 0;
                for (int v : f.pixels()) {
                    if (v >= 0) {
                        sum += v;
                    }
                }
                assertThat(sum).as("frame %d sum of unmasked pixels", n).isEqualTo(e.get("frameSums").get(n - 1).asLong());
                assertThat(f.at(20, 20)).isEqualTo(e.get("pixel_20_20").get(n - 1).asInt());
                // The last pixel lies in bitshuffle's partial last block: jhdf 0.13's own filter gets it wrong.
                assertThat(f.at(f.width() - 1, f.height() - 1)).isEqualTo(e.get("lastPixel").get(n - 1).asInt());
                assertThat(f.header().oscStartDeg()).as("omega[%d] as h5py wrote it (float32)", n - 1)
                        .isEqualTo(Double.parseDouble(Float.toString((float) (12.0 + 0.1 * (n - 1)))));
            }
            PixelStatistics s = PixelStatistics.of(src.read(1));
            JsonNode st = e.get("stats_frame1");
            assertThat(s.minValid()).isEqualTo(st.get("min").asInt());
            assertThat(s.maxValid()).isEqualTo(st.get("max").asInt());
            assertThat(s.meanValid()).isCloseTo(st.get("mean").asDouble(), within(1e-12));
            assertThat(s.validPixels()).isEqualTo(st.get("valid").asLong());
            assertThat(s.gapPixels()).isEqualTo(st.get("gap").asLong());
            assertThat(s.badPixels()).isEqualTo(st.get("bad").asLong());
            assertThat(s.overloadPixels()).isEqualTo(st.get("overload").asLong());
            // The pixel mask (gap column + dead + hot pixels) is the trusted-pixel mask.
            assertThat(TrustedMask.of(src.read(2)).untrustedCount())
                    .isEqualTo(st.get("gap").asInt() + st.get("bad").asInt());
        }
    }

    @Test
    void masterMetadataIsReadAsWritten() throws IOException {
        try (EigerImageSource src = EigerImageSource.open(fixture("bslz4_master.h5"))) {
            ImageHeader h = src.header();
            assertThat(h.detector()).isEqualTo("Dectris EIGER2 fixture");
            assertThat(h.width()).isEqualTo(97);
            assertThat(h.height()).isEqualTo(53);
            assertThat(h.pixelSizeXMm()).isEqualTo(0.075);
            assertThat(h.distanceMm()).isEqualTo(120.5);
            assertThat(h.beamXPx()).isEqualTo(48.25);
            assertThat(h.beamYPx()).isEqualTo(26.5);
            assertThat(h.wavelengthA()).isEqualTo(0.97918);
            assertThat(h.oscStartDeg()).isEqualTo(12.0);
            assertThat(h.oscWidthDeg()).isEqualTo(0.1);
            assertThat(h.exposureS()).isCloseTo(0.0099, within(1e-9));
            assertThat(h.countCutoff()).isEqualTo(1_000_000);
            assertThat(src.scanAxis()).isEqualTo("omega");
        }
    }

    @Test
    void jhdfsOwnBitshuffleFilterMisdecodesThePartialBlockWhichOursGetsRight() throws Exception {
        try (HdfFile h5 = new HdfFile(fixture("bslz4_data_000001.h5"))) {
            ChunkedDataset ds = (ChunkedDataset) h5.getDatasetByPath("/entry/data/data");
            ByteBuffer rawBuf = ds.getRawChunkBuffer(new int[] {0, 0, 0});
            byte[] raw = new byte[rawBuf.remaining()];
            rawBuf.get(raw);
            int[] filterData = ds.getFilters().get(0).getFilterData();
            byte[] ours = new FastBitshuffleLz4Filter().decode(raw, filterData);
            byte[] theirs = new BitShuffleFilter().decode(raw, filterData);
            assertThat(ours).hasSize(97 * 53 * 4);
            assertThat(ds.getDecompressedChunk(new int[] {0, 0, 0})).as("the service file makes jhdf use ours").isEqualTo(ours);
            // First two full 2048-element blocks agree; the partial block differs.
            assertThat(Arrays.copyOf(theirs, 4096 * 4)).isEqualTo(Arrays.copyOf(ours, 4096 * 4));
            assertThat(theirs).isNotEqualTo(ours);
        }
    }

    @Test
    void danglingExternalLinkNamesTheMissingDataFile() {
        Path master = RealData.file("single_frames/dectris_eiger_master.h5");
        assertThatThrownBy(() -> EigerImageSource.open(master))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("dectris_eiger_data_000001.h5")
                .hasMessageContaining("missing")
                .hasMessageContaining("/entry/data/data_000001");
    }

    @Test
    void realDectrisMasterHeaderIsReadWithoutItsDataFile() throws IOException {
        // Values as h5py prints them from dectris_eiger_master.h5 (float32 in the file).
        ImageHeader h = EigerImageSource.readHeader(RealData.file("single_frames/dectris_eiger_master.h5"));
        assertThat(h.detector()).isEqualTo("Dectris Eiger 9M");
        assertThat(h.width()).isEqualTo(3110);
        assertThat(h.height()).isEqualTo(3269);
        assertThat(h.pixelSizeXMm()).isEqualTo(0.075);
        assertThat(h.wavelengthA()).isCloseTo(0.9801122, within(1e-6));
        assertThat(h.distanceMm()).isEqualTo(134.255);
        assertThat(h.beamXPx()).isCloseTo(1607.415, within(1e-3));
        assertThat(h.beamYPx()).isCloseTo(1586.4314, within(1e-3));
        assertThat(h.oscStartDeg()).isEqualTo(0.0);
        assertThat(h.oscWidthDeg()).isEqualTo(0.5);
        assertThat(h.exposureS()).isCloseTo(0.00499, within(1e-8));
        assertThat(h.countCutoff()).isEqualTo(12440);
        assertThat(h.frameCount()).isEqualTo(1);
    }

    @Test
    void missingMetadataNamesTheDataset(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("x_master.h5");
        Files.write(garbage, "this is not HDF5".getBytes());
        assertThatThrownBy(() -> EigerImageSource.open(garbage))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("x_master.h5");
    }
}
