package org.mxflow.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lattice-character table of the real CORRECT.LP (../shared/data/real/xds, lines 128–174). */
class LatticeCharacterTableTest {

    static Path realFile() {
        return Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
    }

    @Test
    void realTableHas44RowsAndItsFirstTriclinicRowIsCharacter31() throws IOException {
        LatticeCharacterTable t = LatticeCharacterTable.read(realFile()).orElseThrow();
        assertThat(t.rows()).hasSize(44); // lines 131-174
        // line 131: " *  31        aP          0.0      60.5   60.5   93.7  76.4  76.4  85.7 ..."
        LatticeCharacterTable.Row ap = t.firstTriclinic().orElseThrow();
        assertThat(ap.character()).isEqualTo(31);
        assertThat(ap.marked()).isTrue();
        assertThat(ap.qualityOfFit()).isEqualTo(0.0);
        assertThat(ap.cell().toArray()).containsExactly(60.5, 60.5, 93.7, 76.4, 76.4, 85.7);
        // line 132: the mC row of the chosen C2 lattice; line 174: the last row, character 24 hR.
        assertThat(t.rows().get(1).cell().toArray()).containsExactly(88.6, 82.2, 93.7, 90.0, 108.6, 90.0);
        assertThat(t.rows().get(43).character()).isEqualTo(24);
        assertThat(t.rows().get(43).bravais()).isEqualTo("hR");
        assertThat(t.rows().get(43).marked()).isFalse();
    }

    @Test
    void aFileWithoutTheTableGivesNothingAndABadRowNamesTheLine() throws IOException {
        assertThat(LatticeCharacterTable.parse("x", List.of("no table here"))).isEmpty();
        List<String> bad = List.of("  LATTICE-  BRAVAIS-   QUALITY  UNIT CELL CONSTANTS (ANGSTROEM & DEGREES)    REINDEXING TRANSFORMATION",
                " CHARACTER  LATTICE     OF FIT      a      b      c   alpha  beta gamma", "",
                " *  31        aP          0.0      60.5   6x.5   93.7  76.4  76.4  85.7    1  1  0  0  1 -1  0  0  0  0 -2  0");
        assertThatThrownBy(() -> LatticeCharacterTable.parse("CORRECT.LP", bad)).hasMessageContaining("CORRECT.LP line 4")
                .hasMessageContaining("6x.5");
    }
}
