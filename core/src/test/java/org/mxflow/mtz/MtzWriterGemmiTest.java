package org.mxflow.mtz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.stats.EquivalentsMerger;
import org.mxflow.stats.SyntheticUnmergedData;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.SpaceGroup;

/**
 * MTZ files written by MtzWriter (merged as AIMLESS writes them, unmerged with one batch
 * header per image as POINTLESS/AIMLESS read them, and a big-endian copy) are read by gemmi
 * with the columns, cell, space group, datasets, batches and values we wrote.
 *
 * <p>The files go to core/target/mtz-oracle/. When /usr/bin/python3 has gemmi, it reads them
 * live (scripts/oracles/mtz_check.py); otherwise the committed fixture
 * oracles/mtz_written_gemmi.json, made by the same script from files with the same SHA-256,
 * stands in (a changed writer fails until the fixture is remade as the script's doc says).
 */
class MtzWriterGemmiTest {

    static final Path OUT = Path.of("target/mtz-oracle");
    static final SpaceGroup SG = SyntheticUnmergedData.SPACE_GROUP;
    static XdsAsciiFile data;
    static List<MergedReflection> merged;
    static MtzFile mergedMtz, unmergedMtz;

    @BeforeAll
    static void write() throws Exception {
        data = SyntheticUnmergedData.generate();
        merged = EquivalentsMerger.merge(data.observations(), SG);
        MergedMtz.Names names = new MergedMtz.Names("mxflow", "crystal1", "native", 0.9795);
        mergedMtz = MergedMtz.of("mxflow synthetic P43212", merged, SG, SyntheticUnmergedData.CELL, names);
        UnmergedMtz.RotationScan scan = new UnmergedMtz.RotationScan(1, 360, 1, 0.0, 1.0, new double[] {1, 0, 0},
                new double[] {0, 0, 1}, 0.9795, 2463, 2527, 250.0);
        unmergedMtz = UnmergedMtz.of("mxflow synthetic unmerged", data.observations(), SG, SyntheticUnmergedData.CELL, scan, names);
        Files.createDirectories(OUT);
        MtzWriter.write(mergedMtz, OUT.resolve("merged_P43212.mtz"));
        MtzWriter.write(unmergedMtz, OUT.resolve("unmerged_P43212.mtz"));
        MtzWriter.write(mergedMtz, OUT.resolve("merged_P43212_big_endian.mtz"), ByteOrder.BIG_ENDIAN);
    }

    private static List<Path> files() {
        return List.of(OUT.resolve("merged_P43212.mtz"), OUT.resolve("unmerged_P43212.mtz"),
                OUT.resolve("merged_P43212_big_endian.mtz"));
    }

    /** gemmi's view, live or from the fixture (then only if the fixture was made from identical bytes). */
    private static List<JsonNode> gemmiSummaries;

    private static synchronized List<JsonNode> gemmi() throws Exception {
        if (gemmiSummaries == null) {
            gemmiSummaries = readGemmi();
        }
        return gemmiSummaries;
    }

    private static List<JsonNode> readGemmi() throws Exception {
        if (GemmiOracle.available()) {
            return GemmiOracle.summarize(files());
        }
        List<JsonNode> fixture = GemmiOracle.fixture("mtz_written_gemmi.json");
        for (int i = 0; i < files().size(); i++) {
            assertThat(sha256(Files.readAllBytes(files().get(i))))
                    .as("%s changed since oracles/mtz_written_gemmi.json was made; rerun scripts/oracles/mtz_check.py",
                            files().get(i))
                    .isEqualTo(fixture.get(i).get("sha256").asText());
        }
        return fixture;
    }

    @Test
    void mergedMtzIsReadByGemmiAsWritten() throws Exception {
        JsonNode g = gemmi().get(0);
        assertSameAsGemmi(mergedMtz, g);
        assertThat(g.get("spacegroup").asText()).isEqualTo("P 43 21 2");
        assertThat(g.get("ccp4").asInt()).isEqualTo(96);
        assertThat(g.get("nreflections").asInt()).isEqualTo(merged.size()).isGreaterThan(2500);
        assertThat(labels(g)).containsExactly("H", "K", "L", "IMEAN", "SIGIMEAN", "I(+)", "SIGI(+)", "I(-)", "SIGI(-)", "N(+)",
                "N(-)");
        assertThat(types(g)).isEqualTo("HHHJQKMKMII");
        // centric reflections have no I(-): the MTZ missing value, NaN
        long centric = merged.stream().filter(MergedReflection::centric).count();
        assertThat(centric).isGreaterThan(100);
        assertThat(g.get("columns").get(7).get("nan").asLong()).isGreaterThanOrEqualTo(centric);
        assertThat(g.get("datasets").get(1).get("dataset").asText()).isEqualTo("native");
        assertThat(g.get("datasets").get(1).get("wavelength").asDouble()).isCloseTo(0.9795, within(1e-5));
        assertThat(g.get("sort_order").get(0).asInt()).isEqualTo(1);
        // resolution gemmi takes from our RESO record: the synthetic data's range 2.4-30 Å
        assertThat(g.get("resolution_high").asDouble()).isBetween(2.4, 2.45);
    }

    @Test
    void unmergedMtzHasAsuIndicesIsymAndOneBatchPerImage() throws Exception {
        JsonNode g = gemmi().get(1);
        assertSameAsGemmi(unmergedMtz, g);
        assertThat(labels(g)).containsExactlyElementsOf(UnmergedMtz.LABELS);
        assertThat(types(g)).isEqualTo("HHHYBJQRRRR");
        long usable = data.observations().stream().filter(o -> o.sigma() > 0).count();
        assertThat(g.get("nreflections").asLong()).isEqualTo(usable);
        assertThat(g.get("nbatches").asInt()).isEqualTo(360);
        JsonNode first = g.get("batches").get(0), last = g.get("batches").get(1);
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(last.get("number").asInt()).isEqualTo(360);
        assertThat(first.get("floats").get(MtzBatch.F_PHI_START).asDouble()).isEqualTo(0.0);
        assertThat(last.get("floats").get(MtzBatch.F_PHI_END).asDouble()).isEqualTo(360.0);
        assertThat(first.get("floats").get(MtzBatch.F_WAVELENGTH).asDouble()).isCloseTo(0.9795, within(1e-6));
        assertThat(first.get("ints").get(MtzBatch.I_NDET).asInt()).isEqualTo(1);
        assertThat(first.get("axes").get(0).asText()).isEqualTo("PHI");
        // gemmi's switch_to_original_hkl() undoes our ISYM: mapping its original index back gives our row's index and ISYM
        JsonNode orig = g.get("original_hkl_first_rows");
        for (int r = 0; r < orig.size(); r++) {
            MillerIndex o = new MillerIndex(orig.get(r).get(0).asInt(), orig.get(r).get(1).asInt(), orig.get(r).get(2).asInt());
            AsuIndex a = SG.reciprocalAsu().toAsu(o);
            assertThat(new float[] {a.hkl().h(), a.hkl().k(), a.hkl().l(), a.isym()}).containsExactly(
                    unmergedMtz.value(r, 0), unmergedMtz.value(r, 1), unmergedMtz.value(r, 2), unmergedMtz.value(r, 3));
        }
    }

    @Test
    void bigEndianFileReadsTheSameInGemmiAndInMtzReader() throws Exception {
        JsonNode g = gemmi().get(2);
        assertSameAsGemmi(mergedMtz, g);
        MtzFile back = MtzReader.read(OUT.resolve("merged_P43212_big_endian.mtz"));
        assertThat(back.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(back.data()).containsExactly(mergedMtz.data());
    }

    @Test
    void writeThenReadGivesTheSameContentAndIdenticalBytes() throws Exception {
        MtzFile back = MtzReader.read(OUT.resolve("unmerged_P43212.mtz"));
        assertThat(back.data()).containsExactly(unmergedMtz.data());
        assertThat(back.batches()).containsExactlyElementsOf(unmergedMtz.batches());
        assertThat(back.symOps()).containsExactlyElementsOf(unmergedMtz.symOps());
        assertThat(back.datasets()).containsExactlyElementsOf(unmergedMtz.datasets());
        assertThat(MtzWriter.toBytes(back, ByteOrder.LITTLE_ENDIAN)).isEqualTo(Files.readAllBytes(OUT.resolve("unmerged_P43212.mtz")));
    }

    @Test
    void damagedFilesGiveErrorsNamingTheFile(@TempDir Path tmp) throws Exception {
        byte[] good = Files.readAllBytes(OUT.resolve("merged_P43212.mtz"));
        Path cut = tmp.resolve("cut.mtz");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> MtzReader.read(cut)).isInstanceOf(MtzFormatException.class).hasMessageContaining("cut.mtz")
                .hasMessageContaining("header position");
        Path notMtz = tmp.resolve("x.mtz");
        Files.writeString(notMtz, "hello world, this is not an MTZ file at all, but it is longer than 80 bytes .........");
        assertThatThrownBy(() -> MtzReader.read(notMtz)).hasMessageContaining("x.mtz").hasMessageContaining("not an MTZ file");
        byte[] bad = good.clone();
        String text = new String(bad, java.nio.charset.StandardCharsets.ISO_8859_1);
        int ncol = text.indexOf("NCOL");
        byte[] rec = String.format("%-80s", "NCOL       12         2901        0").getBytes();
        System.arraycopy(rec, 0, bad, ncol, 80);
        Path wrong = tmp.resolve("wrong.mtz");
        Files.write(wrong, bad);
        assertThatThrownBy(() -> MtzReader.read(wrong)).hasMessageContaining("wrong.mtz").hasMessageContaining("NCOL says 12");
    }

    static List<String> labels(JsonNode g) {
        List<String> l = new ArrayList<>();
        g.get("columns").forEach(c -> l.add(c.get("label").asText()));
        return l;
    }

    static String types(JsonNode g) {
        StringBuilder sb = new StringBuilder();
        g.get("columns").forEach(c -> sb.append(c.get("type").asText()));
        return sb.toString();
    }

    /** Asserts our MtzFile holds what gemmi read: symmetry, cell, datasets, columns, sums, NaNs, first and last rows. */
    static void assertSameAsGemmi(MtzFile mtz, JsonNode g) {
        assertThat(mtz.title()).isEqualTo(g.get("title").asText());
        assertThat(mtz.reflectionCount()).isEqualTo(g.get("nreflections").asInt());
        assertThat(mtz.batches()).hasSize(g.get("nbatches").asInt());
        double[] cell = mtz.cell().toArray();
        for (int i = 0; i < 6; i++) {
            assertThat(cell[i]).isCloseTo(g.get("cell").get(i).asDouble(), within(1e-4));
        }
        assertThat(mtz.spaceGroup().orElseThrow().ccp4Number()).isEqualTo(g.get("ccp4").asInt());
        assertThat(mtz.spaceGroup().orElseThrow().hermannMauguin()).isEqualTo(g.get("spacegroup").asText());
        assertThat(mtz.datasets()).hasSize(g.get("datasets").size());
        for (int i = 0; i < mtz.datasets().size(); i++) {
            MtzDataset d = mtz.datasets().get(i);
            JsonNode gd = g.get("datasets").get(i);
            assertThat(d.id()).isEqualTo(gd.get("id").asInt());
            assertThat(List.of(d.project(), d.crystal(), d.dataset())).containsExactly(gd.get("project").asText(),
                    gd.get("crystal").asText(), gd.get("dataset").asText());
            assertThat(d.wavelengthA()).isCloseTo(gd.get("wavelength").asDouble(), within(1e-6));
        }
        assertThat(mtz.columns()).hasSize(g.get("columns").size());
        for (int c = 0; c < mtz.columns().size(); c++) {
            MtzColumn col = mtz.columns().get(c);
            JsonNode gc = g.get("columns").get(c);
            assertThat(col.label()).isEqualTo(gc.get("label").asText());
            assertThat(String.valueOf(col.type())).isEqualTo(gc.get("type").asText());
            assertThat(col.datasetId()).isEqualTo(gc.get("dataset").asInt());
            double sum = 0;
            long nan = 0;
            for (float v : mtz.columnValues(col.label())) {
                if (Float.isNaN(v)) {
                    nan++;
                } else {
                    sum += v;
                }
            }
            assertThat(nan).as("NaN count of %s", col.label()).isEqualTo(gc.get("nan").asLong());
            assertThat(sum).as("sum of %s", col.label()).isCloseTo(gc.get("sum").asDouble(),
                    within(1e-9 * Math.max(1, Math.abs(sum)) + 1e-6));
            if (!Double.isNaN(col.min())) {
                // a file we read: its header range; a file we wrote: gemmi saw the range we computed
                assertThat(col.min()).isCloseTo(gc.get("min").asDouble(), within(1e-5 * Math.max(1, Math.abs(col.min()))));
                assertThat(col.max()).isCloseTo(gc.get("max").asDouble(), within(1e-5 * Math.max(1, Math.abs(col.max()))));
            }
        }
        for (JsonNode row : g.get("rows")) {
            int r = row.get("row").asInt();
            for (int c = 0; c < mtz.columns().size(); c++) {
                JsonNode v = row.get("values").get(c);
                if (v.isNull()) {
                    assertThat(mtz.value(r, c)).isNaN();
                } else {
                    assertThat((double) mtz.value(r, c)).isEqualTo(v.asDouble());
                }
            }
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
