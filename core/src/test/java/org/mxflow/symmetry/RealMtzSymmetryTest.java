package org.mxflow.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The symmetry records of real MTZ files written by CCP4 programs (AIMLESS via xia2, REFMAC;
 * ../shared/data/real/mtz, from dials/data-files) agree with our tables: the SYMINF symbol
 * finds the same group number, the SYMM operators are exactly ours, the point group matches.
 */
class RealMtzSymmetryTest {

    @ParameterizedTest
    @CsvSource({"x4wide_scaled.mtz,92,422", "lysozyme_ED_refmac_final.mtz,18,222"})
    void symmetryRecordsOfRealMtzFilesMatchOurGroup(String file, int number, String pointGroup) throws IOException {
        Path mtz = Path.of(System.getProperty("mxflow.shared", "../shared"), "data", "real", "mtz", file);
        String text = new String(Files.readAllBytes(mtz), StandardCharsets.ISO_8859_1);
        String syminf = record(text, text.indexOf("SYMINF"));
        String symbol = syminf.split("'")[1];
        SpaceGroup sg = SpaceGroups.bySymbol(symbol);
        assertThat(sg.number()).isEqualTo(number);
        // AIMLESS writes "422", REFMAC "PG222"
        assertThat(PointGroup.bySymbol(syminf.split("'")[2].trim())).isEqualTo(sg.pointGroup());
        assertThat(sg.pointGroup().symbol()).isEqualTo(pointGroup);
        Set<SymOp> symm = new HashSet<>();
        for (int i = text.indexOf("SYMM "); i >= 0; i = text.indexOf("SYMM ", i + 80)) {
            symm.add(SymOp.parse(record(text, i).substring(5)));
        }
        assertThat(symm).isEqualTo(new HashSet<>(sg.operations().allOps()));
    }

    private static String record(String text, int at) {
        return text.substring(at, at + 80).trim();
    }
}
