package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real frames from ../shared/data/real against scripts/oracles/cbf_stats.py, which reads the
 * same files with fabio 0.14 (pixels, PILATUS header text) and dxtbx (imgCIF geometry of the
 * full CBF) and wrote src/test/resources/oracles/cbf_stats.json.
 */
class CbfReaderTest {

    /** Frames decoded fully here; the other thaumatin frames are checked by header (bz2 costs ~1 s each). */
    private static final Set<String> FULLY_DECODED = Set.of(
            "single_frames/DLS_I03_smargon_0001.cbf.gz",
            "single_frames/DLS_I23_P12M_thau_00001.cbf.gz",
            "single_frames/dlsnxs2cbf_therm_0001.cbf.gz",
            "thaumatin_grid/thau_3_2_0001.cbf.bz2",
            "thaumatin_grid/thau_3_2_0008.cbf.bz2",
            "thaumatin_grid/thau_3_2_0019.cbf.bz2");

    static Stream<JsonNode> realFrames() {
        List<JsonNode> all = new ArrayList<>();
        RealData.fixture("cbf_stats.json").forEach(all::add);
        return all.stream();
    }

    @Test
    void oracleCoversEveryRealCbf() {
        assertThat(realFrames().count()).isEqualTo(3 + 19);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFrames")
    void headerValuesAreThoseWrittenInTheFile(JsonNode expected) throws IOException {
        CbfReader.CbfHeader h = CbfReader.readHeader(RealData.file(expected.get("file").asText()));
        ImageHeader img = h.image();
        assertThat(img.width()).isEqualTo(expected.get("width").asInt());
        assertThat(img.height()).isEqualTo(expected.get("height").asInt());
        JsonNode p = expected.get("pilatusHeader");
        JsonNode geometry = expected.has("dxtbx") ? expected.get("dxtbx") : p;
        assertThat(img.detector()).isEqualTo(p.get("detector").asText());
        assertThat(img.pixelSizeXMm()).isCloseTo(p.get("pixelSizeXMm").asDouble(), within(1e-9));
        assertThat(img.pixelSizeYMm()).isCloseTo(p.get("pixelSizeYMm").asDouble(), within(1e-9));
        assertThat(img.wavelengthA()).isCloseTo(geometry.get("wavelengthA").asDouble(), within(1e-9));
        assertThat(img.distanceMm()).isCloseTo(geometry.get("distanceMm").asDouble(), within(1e-6));
        assertThat(img.beamXPx()).isCloseTo(geometry.get("beamXPx").asDouble(), within(1e-6));
        assertThat(img.beamYPx()).isCloseTo(geometry.get("beamYPx").asDouble(), within(1e-6));
        assertThat(img.oscStartDeg()).isCloseTo(geometry.get("oscStartDeg").asDouble(), within(1e-9));
        assertThat(img.oscWidthDeg()).isCloseTo(geometry.get("oscWidthDeg").asDouble(), within(1e-9));
        assertThat(img.exposureS()).isCloseTo(p.get("exposureS").asDouble(), within(1e-9));
        assertThat(img.countCutoff()).isEqualTo(p.get("countCutoff").asLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFrames")
    void pixelStatisticsAgreeWithFabio(JsonNode expected) throws IOException {
        String name = expected.get("file").asText();
        if (!FULLY_DECODED.contains(name)) {
            return;
        }
        Frame frame = CbfReader.read(RealData.file(name));
        PixelStatistics s = PixelStatistics.of(frame);
        JsonNode e = expected.get("stats");
        long sumAll = 0;
        for (int v : frame.pixels()) {
            sumAll += v;
        }
        assertThat(sumAll).isEqualTo(e.get("sumAll").asLong());
        assertThat(s.minValid()).isEqualTo(e.get("min").asInt());
        assertThat(s.maxValid()).isEqualTo(e.get("max").asInt());
        assertThat(s.meanValid()).isCloseTo(e.get("mean").asDouble(), within(1e-12));
        assertThat(s.sumValid()).isEqualTo(e.get("sumValid").asLong());
        assertThat(s.validPixels()).isEqualTo(e.get("valid").asLong());
        assertThat(s.gapPixels()).isEqualTo(e.get("gap").asLong());
        assertThat(s.badPixels()).isEqualTo(e.get("bad").asLong());
        assertThat(s.overloadPixels()).isEqualTo(e.get("overload").asLong());
        assertThat(frame.at(1000, 1000)).isEqualTo(e.get("at_1000_1000").asInt());
    }

    @Test
    void fullCbfBeamCentreFollowsTheImgCifAxisChainNotTheRoundedPilatusLine() throws IOException {
        // DLS I03: ELEMENT_Y offset (-211.44, 206.48) mm over 0.172 mm pixels; the PILATUS line says 1200.48.
        ImageHeader h = CbfReader.readHeader(RealData.file("single_frames/DLS_I03_smargon_0001.cbf.gz")).image();
        assertThat(h.beamXPx()).isCloseTo(211.44 / 0.172, within(1e-9));
        assertThat(h.beamYPx()).isCloseTo(206.48 / 0.172, within(1e-9));
        assertThat(h.distanceMm()).isCloseTo(291.47, within(1e-9));
    }

    @Test
    void frameNumberComesFromTheDigitsBeforeTheExtension() {
        assertThat(CbfReader.frameNumber(RealData.file("thaumatin_grid/thau_3_2_0019.cbf.bz2"))).isEqualTo(19);
        assertThat(CbfReader.frameNumber(java.nio.file.Path.of("x/cry00_00123.cbf"))).isEqualTo(123);
    }
}
