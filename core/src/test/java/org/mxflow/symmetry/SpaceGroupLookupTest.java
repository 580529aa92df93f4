package org.mxflow.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Symbol lookup as users and programs spell space groups, and the XDS/CCP4 conversions. */
class SpaceGroupLookupTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "P212121;19", "P 21 21 21;19", "P2(1)2(1)2(1);19", "p 21 21 21;19",
        "C2;5", "C 1 2 1;5", "C121;5", "P21;4", "P 1 21 1;4", "P21/c;14", "P 1 21/c 1;14",
        "P4(3)2(1)2;96", "P43212;96", "P 43 21 2;96", "P41212;92", "P3121;152", "P3112;151", "P6522;179",
        "I213;199", "F432;209", "I4132;214", "P4232;208", "96;96"})
    void forgivingSymbolsFindTheGroup(String symbol, int number) {
        SpaceGroup sg = SpaceGroups.bySymbol(symbol);
        assertThat(sg.number()).isEqualTo(number);
        assertThat(sg.isStandardSetting()).isTrue();
    }

    @Test
    void rhombohedralGroupsDefaultToHexagonalAxesAsInXdsAndCcp4() {
        SpaceGroup h3 = SpaceGroups.bySymbol("H3");
        assertThat(SpaceGroups.bySymbol("R3:H")).isSameAs(h3);
        assertThat(SpaceGroups.bySymbol("R 3")).isSameAs(h3);
        assertThat(SpaceGroups.byNumber(146)).isSameAs(h3);
        // hexagonal axes: 3 centring vectors (0,0,0), (2/3,1/3,1/3), (1/3,2/3,2/3), 9 operations
        assertThat(h3.operations().order()).isEqualTo(9);
        assertThat(h3.latticeType()).isEqualTo(LatticeType.hR);
        SpaceGroup r3 = SpaceGroups.bySymbol("R3:R");
        assertThat(r3.ccp4Number()).isEqualTo(1146);
        assertThat(r3.operations().order()).isEqualTo(3);
        assertThat(r3.latticeType()).isEqualTo(LatticeType.hR);
        assertThat(SpaceGroups.bySymbol("H32").number()).isEqualTo(155);
        assertThat(SpaceGroups.bySymbol("R32").xhm()).isEqualTo("R 3 2:H");
    }

    @Test
    void xdsNumbersMeanTheStandardSetting() {
        assertThat(SpaceGroups.xdsNumber(SpaceGroups.bySymbol("P 43 21 2"))).isEqualTo(96);
        assertThat(SpaceGroups.xdsNumber(SpaceGroups.bySymbol("H 3"))).isEqualTo(146);
        assertThat(SpaceGroups.fromXdsNumber(0)).isEmpty();
        assertThat(SpaceGroups.fromXdsNumber(146).orElseThrow().ccp4Symbol()).isEqualTo("H 3");
        assertThatThrownBy(() -> SpaceGroups.xdsNumber(SpaceGroups.bySymbol("R 3:R")))
                .hasMessageContaining("XDS SPACE_GROUP_NUMBER=146 means R 3:H");
        assertThatThrownBy(() -> SpaceGroups.byNumber(231)).hasMessageContaining("1-230, got 231");
        assertThatThrownBy(() -> SpaceGroups.bySymbol("P 43 21 3")).hasMessage("unknown space group symbol 'P 43 21 3'");
    }

    @Test
    void mtzSyminfFieldsForCommonProteinGroups() {
        assertThat(SpaceGroups.mtzPointGroup(SpaceGroups.bySymbol("P43212"))).isEqualTo("PG422");
        assertThat(SpaceGroups.mtzPointGroup(SpaceGroups.bySymbol("C2"))).isEqualTo("PG2");
        assertThat(SpaceGroups.mtzPointGroup(SpaceGroups.bySymbol("H32"))).isEqualTo("PG32");
        assertThat(SpaceGroups.mtzLatticeLetter(SpaceGroups.bySymbol("H32"))).isEqualTo('H');
    }

    @Test
    void compactSpellingsOfDifferentStandardGroupsNeverCollide() {
        Map<String, Integer> seen = new HashMap<>();
        for (SpaceGroup sg : SpaceGroups.all()) {
            if (!sg.isStandardSetting()) {
                continue;
            }
            for (String s : new String[] {sg.hermannMauguin(), sg.shortName(), sg.ccp4Symbol()}) {
                String key = s.replace(" ", "").toUpperCase();
                Integer prev = seen.putIfAbsent(key, sg.number());
                assertThat(prev == null || prev == sg.number()).as(key).isTrue();
                assertThat(SpaceGroups.bySymbol(s)).isSameAs(sg);
            }
        }
    }

    @Test
    void the65SohnckeGroupsAreThoseAProteinCanCrystalliseIn() {
        // 65 Sohncke types among the 230 (International Tables A, section 3.1.3)
        assertThat(SpaceGroups.all().stream().filter(SpaceGroup::isStandardSetting).filter(SpaceGroup::isSohncke).count())
                .isEqualTo(65);
        // and each of the 14 Bravais lattices occurs
        assertThat(SpaceGroups.all().stream().map(SpaceGroup::latticeType).distinct().count()).isEqualTo(14);
    }
}
