package org.mxflow.reflection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SpaceGroups;

/**
 * XDS_ASCII.HKL reading and writing, checked against a real CORRECT file and against cctbx's
 * independent reader (iotbx.xds.read_ascii) through src/test/resources/oracles/xds_ascii_cctbx.json,
 * made by {@code /usr/bin/python3 scripts/oracles/xds_ascii.py}. Files: src/test/resources/xds/README.md.
 */
class XdsAsciiRoundTripTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = XdsAsciiRoundTripTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static JsonNode cctbx(String file) throws IOException {
        try (InputStream in = XdsAsciiRoundTripTest.class.getResourceAsStream("/oracles/xds_ascii_cctbx.json")) {
            return new ObjectMapper().readTree(in).get(file);
        }
    }

    private static String write(XdsAsciiFile f) throws IOException {
        StringWriter w = new StringWriter();
        XdsAsciiWriter.write(f, w);
        return w.toString();
    }

    /** 300 reproducible observations in P 43 21 2 (java.util.Random's algorithm is fixed by its spec). */
    static XdsAsciiFile syntheticFile() {
        Random rnd = new Random(20261121L);
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            MillerIndex hkl = new MillerIndex(rnd.nextInt(61) - 30, rnd.nextInt(61) - 30, rnd.nextInt(31) - 15);
            double intensity = Math.pow(10, rnd.nextDouble() * 6 - 1) * (rnd.nextInt(10) == 0 ? -1 : 1);
            double sigma = Math.sqrt(Math.abs(intensity)) + 0.5;
            if (i == 7) {
                sigma = -sigma; // a misfit, as CORRECT marks them
            }
            obs.add(new Observation(hkl, intensity, sigma, rnd.nextDouble() * 4000, rnd.nextDouble() * 4000,
                    1 + rnd.nextDouble() * 3599, 0.005 + rnd.nextDouble(), 60 + rnd.nextInt(41), rnd.nextInt(200) - 99,
                    rnd.nextDouble() * 360 - 180));
        }
        XdsAsciiHeader header = XdsAsciiHeader.of(false, false, 96, new UnitCell(78.9, 78.9, 37.05, 90, 90, 90), 0.9);
        return new XdsAsciiFile(header, obs);
    }

    @Test
    void realCorrectFileIsReadWithItsHeaderAndRecords() throws IOException {
        XdsAsciiFile f = XdsAsciiReader.read(new StringReader(resource("/xds/XDS_ASCII_CORRECT_sample.HKL")), "sample");
        XdsAsciiHeader h = f.header();
        // values as printed in the real file
        assertThat(h.merged()).isFalse();
        assertThat(h.friedelsLaw()).isTrue();
        assertThat(h.spaceGroupNumber()).isEqualTo(89);
        assertThat(h.unitCell().c()).isEqualTo(150.137);
        assertThat(h.wavelengthA()).isEqualTo(0.9763);
        assertThat(h.keyword("DETECTOR_DISTANCE")).hasValue("268.292");
        assertThat(h.keyword("NY")).hasValue("2527");
        assertThat(h.keyword("ORGY")).hasValue("1263.77");
        assertThat(h.doubles("ROTATION_AXIS").orElseThrow()).containsExactly(0.999999, -0.001347, -0.000967);
        assertThat(f.observations()).hasSize(13);
        Observation o = f.observations().get(9);   //      0     0    -8  2.716E+04 -9.096E+02  1277.0  1329.9    753.0 0.03932 100  62   25.24
        assertThat(o.hkl()).isEqualTo(new MillerIndex(0, 0, -8));
        assertThat(o.intensity()).isEqualTo(27160.0);
        assertThat(o.isMisfit()).isTrue();
        assertThat(o.zdFrame()).isEqualTo(753.0);
        assertThat(o.rlp()).isEqualTo(0.03932);
        assertThat(o.peakPercent()).isEqualTo(100);
        assertThat(o.corrPercent()).isEqualTo(62);
        assertThat(o.psiDeg()).isEqualTo(25.24);
        assertThat(SpaceGroups.fromXdsNumber(h.spaceGroupNumber()).orElseThrow().xhm()).isEqualTo("P 4 2 2");
    }

    @Test
    void rewritingTheRealCorrectFileReproducesItByteForByte() throws IOException {
        String text = resource("/xds/XDS_ASCII_CORRECT_sample.HKL");
        assertThat(write(XdsAsciiReader.read(new StringReader(text), "sample"))).isEqualTo(text);
    }

    @Test
    void readerAgreesWithCctbxOnTheRealFile() throws IOException {
        XdsAsciiFile f = XdsAsciiReader.read(new StringReader(resource("/xds/XDS_ASCII_CORRECT_sample.HKL")), "sample");
        assertAgreesWithCctbx(f, cctbx("XDS_ASCII_CORRECT_sample.HKL"));
    }

    @Test
    void writerStillWritesTheFileCctbxRead() throws IOException {
        String written = write(syntheticFile());
        // kept for inspection (and for refreshing the committed file if the format ever changes on purpose)
        Files.writeString(Path.of("target", "written_by_mxflow.HKL"), written, StandardCharsets.ISO_8859_1);
        assertThat(written).isEqualTo(resource("/xds/written_by_mxflow.HKL"));
    }

    @Test
    void cctbxReadsWhatTheWriterWroteAsTheWriterMeantIt() throws IOException {
        XdsAsciiFile original = syntheticFile();
        JsonNode c = cctbx("written_by_mxflow.HKL");
        assertThat(c.get("n").asInt()).isEqualTo(original.observations().size());
        assertThat(c.get("spaceGroupNumber").asInt()).isEqualTo(96);
        assertThat(c.get("anomalous").asBoolean()).isTrue(); // FRIEDEL'S_LAW=FALSE
        assertThat(c.get("wavelength").asDouble()).isEqualTo(0.9);
        for (int i = 0; i < original.observations().size(); i++) {
            Observation o = original.observations().get(i);
            JsonNode r = c.get("records").get(i);
            assertThat(r.get(0).asInt()).isEqualTo(o.hkl().h());
            assertThat(r.get(1).asInt()).isEqualTo(o.hkl().k());
            assertThat(r.get(2).asInt()).isEqualTo(o.hkl().l());
            // E11.3 keeps 4 significant digits
            assertThat(r.get(3).asDouble()).isCloseTo(o.intensity(), within(Math.abs(o.intensity()) * 5e-4));
            assertThat(r.get(4).asDouble()).isCloseTo(o.sigma(), within(Math.abs(o.sigma()) * 5e-4));
            assertThat(r.get(5).asDouble()).isCloseTo(o.zdFrame(), within(0.05 + 1e-9));
        }
        XdsAsciiFile back = XdsAsciiReader.read(new StringReader(write(original)), "written");
        assertAgreesWithCctbx(back, c);
    }

    private static void assertAgreesWithCctbx(XdsAsciiFile f, JsonNode c) {
        double[] cell = f.header().unitCell().toArray();
        for (int i = 0; i < 6; i++) {
            assertThat(cell[i]).isCloseTo(c.get("cell").get(i).asDouble(), within(1e-9));
        }
        assertThat(f.header().spaceGroupNumber()).isEqualTo(c.get("spaceGroupNumber").asInt());
        assertThat(f.observations()).hasSize(c.get("n").asInt());
        for (int i = 0; i < f.observations().size(); i++) {
            Observation o = f.observations().get(i);
            JsonNode r = c.get("records").get(i);
            assertThat(new MillerIndex(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt())).isEqualTo(o.hkl());
            assertThat(o.intensity()).isEqualTo(r.get(3).asDouble());
            assertThat(o.sigma()).isEqualTo(r.get(4).asDouble());
            assertThat(o.zdFrame()).isEqualTo(r.get(5).asDouble());
        }
    }

    @Test
    void mergedFilesHaveFiveItemsAndRoundTrip() throws IOException {
        XdsAsciiFile merged = new XdsAsciiFile(
                XdsAsciiHeader.of(true, true, 19, new UnitCell(40, 50, 60, 90, 90, 90), Double.NaN),
                List.of(Observation.merged(new MillerIndex(1, 2, 3), 1234.5, 23.4),
                        Observation.merged(new MillerIndex(0, 0, 4), -2.5, 1.25)));
        String text = write(merged);
        assertThat(text).startsWith("!FORMAT=XDS_ASCII    MERGE=TRUE    FRIEDEL'S_LAW=TRUE\n")
                .contains("!NUMBER_OF_ITEMS_IN_EACH_DATA_RECORD=5\n")
                .contains("     1     2     3  1.235E+03  2.340E+01\n")
                .doesNotContain("ITEM_XD")
                .endsWith("!END_OF_DATA\n");
        XdsAsciiFile back = XdsAsciiReader.read(new StringReader(text), "merged");
        assertThat(back.header().merged()).isTrue();
        assertThat(back.observations().get(1).intensity()).isEqualTo(-2.5);
        assertThat(Double.isNaN(back.observations().get(1).xdPx())).isTrue();
    }

    @Test
    void minimalFakeXdsAsciiFromTheXdsWikiIsRead() throws IOException {
        // the REFERENCE_DATA_SET example of the XDS wiki: no items declared, free format
        String text = "!FORMAT=XDS_ASCII\n!END_OF_HEADER\n   1   0   4  48445. 983.361\n   1   0   5 2124.59 283.825\n!END_OF_DATA\n";
        XdsAsciiFile f = XdsAsciiReader.read(new StringReader(text), "fake");
        assertThat(f.observations()).hasSize(2);
        assertThat(f.observations().get(1).intensity()).isEqualTo(2124.59);
        assertThat(f.header().spaceGroupNumber()).isZero();
    }

    @Test
    void badFilesAreRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
        String text = resource("/xds/XDS_ASCII_CORRECT_sample.HKL");
        Path truncated = dir.resolve("XDS_ASCII.HKL");
        Files.writeString(truncated, text.replace("!END_OF_DATA\n", ""), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> XdsAsciiReader.read(truncated))
                .isInstanceOf(XdsAsciiFormatException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("line 60").hasMessageContaining("END_OF_DATA");
        String shortRecord = text.replace("  1183.7  1222.7    787.6 0.02949 100 -31  -27.50", "  1183.7");
        assertThatThrownBy(() -> XdsAsciiReader.read(new StringReader(shortRecord), "x.HKL"))
                .hasMessage("x.HKL line 54: expected 12 items, found 6");
        assertThatThrownBy(() -> XdsAsciiReader.read(new StringReader("!OUTPUT_FILE=INTEGRATE.HKL\n"), "INTEGRATE.HKL"))
                .hasMessageContaining("INTEGRATE.HKL line 1: not an XDS_ASCII file");
        String badNumber = text.replace("     0     0     5  4.891E-02", "     0     0     5  4.891X-02");
        assertThatThrownBy(() -> XdsAsciiReader.read(new StringReader(badNumber), "y.HKL"))
                .hasMessageStartingWith("y.HKL line 52: not a number");
    }

    @Test
    void fileWriteLeavesNoTemporaryBehind(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("XDS_ASCII.HKL");
        XdsAsciiWriter.write(syntheticFile(), out);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("XDS_ASCII.HKL");
        assertThat(XdsAsciiReader.read(out).observations()).hasSize(300);
    }
}
