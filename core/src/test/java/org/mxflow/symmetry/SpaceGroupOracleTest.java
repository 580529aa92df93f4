package org.mxflow.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mxflow.reflection.MillerIndex;

/**
 * Every space group checked against gemmi 0.5.7, the independent implementation.
 * Fixture: src/test/resources/oracles/spacegroups.json, written by
 * {@code /usr/bin/python3 scripts/oracles/spacegroups.py} (see that script for the encoding).
 */
class SpaceGroupOracleTest {

    private static JsonNode oracle;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SpaceGroupOracleTest.class.getResourceAsStream("/oracles/spacegroups.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
    }

    static Stream<Integer> groupIndices() throws IOException {
        if (oracle == null) {
            load();
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < oracle.get("groups").size(); i++) {
            idx.add(i);
        }
        return idx.stream();
    }

    private static SpaceGroup ours(JsonNode g) {
        return SpaceGroups.byCcp4Number(g.get("ccp4").asInt() != 0 ? g.get("ccp4").asInt() : g.get("number").asInt());
    }

    @Test
    void theOracleCoversAll230GroupsPlusTheSevenRhombohedralSettings() {
        Set<Integer> numbers = new HashSet<>();
        oracle.get("groups").forEach(g -> numbers.add(g.get("number").asInt()));
        assertThat(numbers).hasSize(230);
        assertThat(oracle.get("groups").size()).isEqualTo(237);
        assertThat(SpaceGroups.all()).hasSize(237);
    }

    @ParameterizedTest
    @MethodSource("groupIndices")
    void symbolsAndClassificationAgreeWithGemmi(int i) {
        JsonNode g = oracle.get("groups").get(i);
        SpaceGroup sg = ours(g);
        assertThat(sg.number()).isEqualTo(g.get("number").asInt());
        assertThat(sg.xhm()).isEqualTo(g.get("xhm").asText());
        assertThat(sg.hall()).isEqualTo(g.get("hall").asText());
        assertThat(sg.shortName()).isEqualTo(g.get("short").asText());
        assertThat(sg.pointGroup().symbol()).isEqualTo(g.get("pointGroup").asText());
        assertThat(sg.laueClass().symbol()).isEqualTo(g.get("laue").asText());
        assertThat(sg.crystalSystem().label()).isEqualTo(g.get("crystalSystem").asText());
        assertThat(sg.isCentrosymmetric()).isEqualTo(g.get("centrosymmetric").asBoolean());
        assertThat(sg.isSohncke()).isEqualTo(g.get("sohncke").asBoolean());
        // gemmi's lattice letter: P for R groups in rhombohedral axes, else the H-M letter
        char gemmiCentring = g.get("centringType").asText().charAt(0);
        assertThat(sg.setting().equals("R") ? 'P' : sg.centringLetter()).isEqualTo(gemmiCentring);
        // symbol lookup finds the group again from each of gemmi's spellings
        assertThat(SpaceGroups.bySymbol(g.get("xhm").asText())).isSameAs(sg);
        if (!sg.setting().equals("R")) {
            assertThat(SpaceGroups.bySymbol(g.get("hm").asText())).isSameAs(sg);
            assertThat(SpaceGroups.bySymbol(g.get("short").asText())).isSameAs(sg);
        }
        // MTZ SYMINF as gemmi writes it: nsym nprim lattice number 'symbol' PGxxx
        String[] syminf = g.get("syminf").asText().split("'");
        String[] head = syminf[0].trim().split("\\s+");
        assertThat(Integer.parseInt(head[1])).isEqualTo(sg.operations().order());
        assertThat(Integer.parseInt(head[2])).isEqualTo(sg.operations().symOps().size());
        assertThat(head[3].charAt(0)).isEqualTo(SpaceGroups.mtzLatticeLetter(sg));
        assertThat(Integer.parseInt(head[4])).isEqualTo(sg.ccp4Number());
        assertThat(syminf[1]).isEqualTo(sg.ccp4Symbol());
        assertThat(syminf[2].trim()).isEqualTo(SpaceGroups.mtzPointGroup(sg));
    }

    @ParameterizedTest
    @MethodSource("groupIndices")
    void hallSymbolGeneratesGemmisOperators(int i) {
        JsonNode g = oracle.get("groups").get(i);
        SpaceGroup sg = ours(g);
        Set<SymOp> expected = new HashSet<>();
        List<int[]> cen = new ArrayList<>();
        g.get("centring").forEach(c -> cen.add(new int[] {c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt()}));
        for (JsonNode t : g.get("ops")) {
            SymOp op = SymOp.parse(t.asText());
            // our triplet formatting matches gemmi's
            assertThat(op.triplet()).isEqualTo(t.asText());
            for (int[] c : cen) {
                expected.add(op.translated(c));
            }
        }
        assertThat(sg.operations().symOps()).hasSize(g.get("ops").size());
        assertThat(sg.operations().centringVectors()).hasSize(cen.size());
        assertThat(new HashSet<>(sg.operations().allOps())).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("groupIndices")
    void absencesCentricsEpsilonAndAsuOnTheHklGridAgreeWithGemmi(int i) {
        JsonNode g = oracle.get("groups").get(i);
        SpaceGroup sg = ours(g);
        ReciprocalAsu asu = sg.reciprocalAsu();
        String grid = g.get("grid").asText();
        String eps = g.get("epsilon").asText();
        int max = oracle.get("gridMax").asInt();
        int n = 0;
        for (int h = -max; h <= max; h++) {
            for (int k = -max; k <= max; k++) {
                for (int l = -max; l <= max; l++, n++) {
                    MillerIndex hkl = new MillerIndex(h, k, l);
                    int f = Character.digit(grid.charAt(n), 16);
                    String where = sg.xhm() + " " + hkl;
                    assertThat(sg.isSystematicallyAbsent(hkl)).as("absent " + where).isEqualTo((f & 1) != 0);
                    assertThat(sg.isCentric(hkl)).as("centric " + where).isEqualTo((f & 2) != 0);
                    assertThat(asu.isInAsu(hkl)).as("in ASU " + where).isEqualTo((f & 4) != 0);
                    if (!hkl.isOrigin()) {
                        assertThat(sg.operations().epsilonWithoutCentring(hkl)).as("epsilon " + where)
                                .isEqualTo(Character.digit(eps.charAt(n), 36));
                    }
                }
            }
        }
        assertThat(n).isEqualTo(grid.length());
    }

    @ParameterizedTest
    @MethodSource("groupIndices")
    void randomReflectionsMapToGemmisAsuRepresentative(int i) {
        JsonNode g = oracle.get("groups").get(i);
        SpaceGroup sg = ours(g);
        ReciprocalAsu asu = sg.reciprocalAsu();
        for (JsonNode s : g.get("samples")) {
            MillerIndex hkl = new MillerIndex(s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt());
            MillerIndex rep = new MillerIndex(s.get(3).asInt(), s.get(4).asInt(), s.get(5).asInt());
            AsuIndex a = asu.toAsu(hkl);
            assertThat(a.hkl()).as(sg.xhm() + " " + hkl).isEqualTo(rep);
            // the reported operator really takes hkl there
            MillerIndex viaOp = sg.operations().symOps().get(a.operatorIndex()).applyToHkl(hkl);
            assertThat(a.friedelFlipped() ? viaOp.negate() : viaOp).isEqualTo(rep);
            assertThat(sg.epsilon(hkl)).isEqualTo(s.get(6).asInt());
        }
    }
}
