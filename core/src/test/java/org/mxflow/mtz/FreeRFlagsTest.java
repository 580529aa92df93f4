package org.mxflow.mtz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class FreeRFlagsTest {

    /**
     * The real x4wide_scaled.mtz (xia2/AIMLESS, P 41 21 2) carries no FreeR_flag, so
     * scripts/oracles/freer_reference_gemmi.py gave its reflections random flags 0..19, dropped
     * ~4 %, wrote each kept one at a random symmetry mate (Friedel mate half the time) and recorded
     * gemmi's ASU index of it in H_ASU K_ASU L_ASU: 11332 of 11804 reflections, 10479 off their ASU index.
     */
    static MtzFile reference() throws Exception {
        try (InputStream in = FreeRFlagsTest.class.getResourceAsStream("/oracles/freer_reference_x4wide.mtz")) {
            return MtzReader.read(in.readAllBytes(), "freer_reference_x4wide.mtz");
        }
    }

    @Test
    void everyReferenceFlagLandsOnTheRealFilesReflectionGemmiMapsItTo() throws Exception {
        MtzFile refMtz = reference();
        FreeRFlags.Reference ref = FreeRFlags.of(refMtz, "freer_reference_x4wide.mtz");
        assertThat(ref.column()).isEqualTo("FreeR_flag");
        assertThat(ref.hkl()).hasSize(11332);
        // gemmi's mapping: ASU index -> flag
        Map<MillerIndex, Integer> expected = new HashMap<>();
        int off = 0;
        for (int r = 0; r < refMtz.reflectionCount(); r++) {
            MillerIndex asu = new MillerIndex((int) refMtz.value(r, refMtz.columnIndex("H_ASU")),
                    (int) refMtz.value(r, refMtz.columnIndex("K_ASU")), (int) refMtz.value(r, refMtz.columnIndex("L_ASU")));
            expected.put(asu, (int) refMtz.value(r, refMtz.columnIndex("FreeR_flag")));
            if (!asu.equals(ref.hkl().get(r))) off++;
        }
        assertThat(off).isEqualTo(10479);

        // the merged reflections: the real file's own ASU indices (AIMLESS's ASU)
        MtzFile real = MtzReader.read(Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/mtz/x4wide_scaled.mtz"));
        List<MillerIndex> merged = new ArrayList<>();
        for (int r = 0; r < real.reflectionCount(); r++) {
            merged.add(new MillerIndex((int) real.value(r, 0), (int) real.value(r, 1), (int) real.value(r, 2)));
        }
        SpaceGroup sg = real.spaceGroup().orElseThrow();
        int[] flags = FreeRFlags.assign(ref, merged, sg, real.cell());
        int reproduced = 0, filled = 0, filledZero = 0;
        for (int i = 0; i < merged.size(); i++) {
            Integer e = expected.get(merged.get(i));
            if (e != null) {
                assertThat(flags[i]).as("flag of %s", merged.get(i)).isEqualTo(e);
                reproduced++;
            } else {
                assertThat(flags[i]).isEqualTo(FreeRFlags.completeFlag(merged.get(i))).isBetween(0, 19);
                filled++;
                if (flags[i] == 0) filledZero++;
            }
        }
        assertThat(reproduced).isEqualTo(11332);
        assertThat(filled).isEqualTo(11804 - 11332);
        // 472 filled with p = 0.05: expected 23.6 zeros, sd 4.7
        assertThat(filledZero).isBetween(10, 40);
    }

    @Test
    void hashFlagsAreAFreerflagLikeTwentiethEachAndStable() {
        int[] counts = new int[FreeRFlags.FLAG_COUNT];
        int n = 0;
        for (int h = 0; h <= 40; h++) {
            for (int k = 0; k <= 40; k++) {
                for (int l = 0; l <= 40; l++) {
                    counts[FreeRFlags.completeFlag(new MillerIndex(h, k, l))]++;
                    n++;
                }
            }
        }
        // 68921 indices, 1/20 each: 3446 expected, sd 57
        for (int c : counts) {
            assertThat((double) c / n).isBetween(0.045, 0.055);
        }
        assertThat(FreeRFlags.completeFlag(new MillerIndex(3, -5, 7))).isEqualTo(FreeRFlags.completeFlag(new MillerIndex(3, -5, 7)));
    }

    @Test
    void aReferenceOfAnotherCellOrPointGroupIsRefusedNamingBoth() throws Exception {
        FreeRFlags.Reference ref = FreeRFlags.of(reference(), "ref.mtz");
        SpaceGroup p41212 = SpaceGroups.byNumber(92);
        // 42.37 -> 43.5 Å is 2.7 %
        assertThatThrownBy(() -> FreeRFlags.assign(ref, List.of(), p41212, new UnitCell(43.5, 43.5, 39.69, 90, 90, 90)))
                .hasMessageContaining("ref.mtz").hasMessageContaining("42.370").hasMessageContaining("43.500");
        // within 2 %: accepted
        assertThat(FreeRFlags.assign(ref, List.of(new MillerIndex(1, 0, 1)), p41212, new UnitCell(42.9, 42.9, 39.69, 90, 90, 90)))
                .hasSize(1);
        assertThatThrownBy(() -> FreeRFlags.assign(ref, List.of(), SpaceGroups.byNumber(19), new UnitCell(42.37, 42.37, 39.69, 90, 90, 90)))
                .hasMessageContaining("ref.mtz").hasMessageContaining("P 41 21 2").hasMessageContaining("P 21 21 21");
    }

    @Test
    void aFileWithoutAFreeColumnIsNamedInTheError() throws Exception {
        Path real = Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/mtz/x4wide_scaled.mtz");
        assertThatThrownBy(() -> FreeRFlags.of(MtzReader.read(real), real.toString()))
                .hasMessageContaining("x4wide_scaled.mtz").hasMessageContaining("no free-R flag column");
    }

    @Test
    void aTypeIColumnNamedFreeIsFoundAndMtzWriterKeepsTheFlags() throws Exception {
        UnitCell cell = new UnitCell(50, 60, 70, 90, 90, 90);
        SpaceGroup sg = SpaceGroups.byNumber(19);
        List<MtzColumn> cols = List.of(MtzColumn.of("H", 'H', 0), MtzColumn.of("K", 'H', 0), MtzColumn.of("L", 'H', 0),
                MtzColumn.of("FREE", 'I', 1));
        // (-1,2,-3) and (1,-2,-3) are mates of (1,2,3) in mmm
        float[] data = {-1, 2, -3, 7, 0, 0, 4, 0, 2, 1, 1, 5};
        MtzFile mtz = new MtzFile("t", cell, sg.ccp4Symbol(), sg.ccp4Number(), sg.operations().allOps(), new int[] {1, 2, 3, 0, 0},
                List.of(MtzDataset.hklBase(cell), new MtzDataset(1, "p", "c", "d", cell, 1.0)), cols, data, List.of(), List.of(),
                ByteOrder.LITTLE_ENDIAN);
        MtzFile back = MtzReader.read(MtzWriter.toBytes(mtz, ByteOrder.LITTLE_ENDIAN), "t.mtz");
        FreeRFlags.Reference ref = FreeRFlags.of(back, "t.mtz");
        assertThat(ref.column()).isEqualTo("FREE");
        int[] f = FreeRFlags.assign(ref, List.of(new MillerIndex(1, 2, 3), new MillerIndex(0, 0, 4), new MillerIndex(2, 1, 5)), sg, cell);
        assertThat(f[0]).isEqualTo(7);
        assertThat(f[1]).isEqualTo(0);
        assertThat(f[2]).isEqualTo(FreeRFlags.completeFlag(new MillerIndex(2, 1, 5)));
    }

    @Test
    void aFlagThatIsNotAWholeNumberIsRefusedNamingFileAndRowAndMissingFlagsAreSkipped() {
        UnitCell cell = new UnitCell(50, 60, 70, 90, 90, 90);
        SpaceGroup sg = SpaceGroups.byNumber(19);
        List<MtzColumn> cols = List.of(MtzColumn.of("H", 'H', 0), MtzColumn.of("K", 'H', 0), MtzColumn.of("L", 'H', 0),
                MtzColumn.of("FreeR_flag", 'I', 0));
        java.util.function.Function<float[], MtzFile> mtz = data -> new MtzFile("t", cell, sg.ccp4Symbol(), sg.ccp4Number(),
                sg.operations().allOps(), new int[] {1, 2, 3, 0, 0}, List.of(MtzDataset.hklBase(cell)), cols, data, List.of(), List.of(),
                ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> FreeRFlags.of(mtz.apply(new float[] {1, 0, 0, 3, 2, 0, 0, 2.5f}), "bad.mtz"))
                .hasMessageContaining("bad.mtz: row 2 has FreeR_flag = 2.5");
        FreeRFlags.Reference ref = FreeRFlags.of(mtz.apply(new float[] {1, 0, 0, 3, 2, 0, 0, Float.NaN}), "gap.mtz");
        assertThat(ref.hkl()).containsExactly(new MillerIndex(1, 0, 0));
    }
}
