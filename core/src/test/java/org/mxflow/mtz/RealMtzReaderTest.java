package org.mxflow.mtz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MtzReader reads the real MTZ files written by CCP4 programs (REFMAC; AIMLESS-style merged
 * output from xia2/dials.merge; ../shared/data/real/mtz) as gemmi 0.5.7 reads them: the
 * committed fixture oracles/mtz_real_gemmi.json was made by scripts/oracles/mtz_check.py on
 * the same files (its SHA-256 is checked, so a changed file cannot pass against an old fixture).
 */
class RealMtzReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"lysozyme_ED_refmac_final.mtz", "x4wide_scaled.mtz"})
    void realMtzReadsAsGemmiReadsIt(String name) throws Exception {
        Path path = GemmiOracle.shared().resolve("data/real/mtz").resolve(name);
        JsonNode g = GemmiOracle.fixture("mtz_real_gemmi.json").stream().filter(n -> n.get("file").asText().equals(name))
                .findFirst().orElseThrow();
        assertThat(MtzWriterGemmiTest.sha256(java.nio.file.Files.readAllBytes(path))).isEqualTo(g.get("sha256").asText());
        MtzFile mtz = MtzReader.read(path);
        MtzWriterGemmiTest.assertSameAsGemmi(mtz, g);
        // what gemmi's RESO record says, and our 1/d² range computed from the data
        double[] reso = mtz.inverseDSquaredRange();
        assertThat(1 / Math.sqrt(reso[1])).isCloseTo(g.get("resolution_high").asDouble(), within(1e-4));
        assertThat(1 / Math.sqrt(reso[0])).isCloseTo(g.get("resolution_low").asDouble(), within(1e-3));
        assertThat(mtz.history()).containsExactlyElementsOf(asTexts(g.get("history")));
        assertThat(mtz.spaceGroup()).isPresent();
        assertThat(mtz.spaceGroup().get().ccp4Number()).isEqualTo(g.get("ccp4").asInt());
    }

    private static List<String> asTexts(JsonNode arr) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
