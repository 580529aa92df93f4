package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.mtz.FreeRFlags;
import org.mxflow.mtz.MtzColumn;
import org.mxflow.mtz.MtzDataset;
import org.mxflow.mtz.MtzFile;
import org.mxflow.mtz.MtzReader;
import org.mxflow.mtz.MtzWriter;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * KAMO's FreeR_flag copy (kamo-conventions 4.10, ccp4/): three simulated P212121 wedges merged with
 * a reference MTZ written by our MtzWriter that flags 70 % of the true reflections with known flags,
 * listed at the mate (-h, k, -l) (another ASU choice) and in a cell 0.5 % longer.
 */
class FreeRReferenceMergeTest {

    @Test
    void everyRunCarriesTheReferenceFlagsAndTheSameHashFlagsForTheRest(@TempDir Path dir) throws Exception {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        double dMin = 3.2;
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(sg, cell, dMin, 20, 410);
        // known flags for 70 % of the truth (sorted, so the test is the same on every JVM)
        Random random = new Random(4106);
        Map<MillerIndex, Integer> known = new TreeMap<>();
        for (MillerIndex h : new TreeMap<>(truth).keySet()) {
            if (random.nextDouble() < 0.7) known.put(h, random.nextInt(20));
        }
        Path refFile = dir.resolve("reference.mtz");
        UnitCell refCell = new UnitCell(60.3, 70.35, 80.4, 90, 90, 90);
        float[] data = new float[4 * known.size()];
        int p = 0;
        for (Map.Entry<MillerIndex, Integer> e : known.entrySet()) {
            MillerIndex h = e.getKey();
            data[p++] = -h.h();
            data[p++] = h.k();
            data[p++] = -h.l();
            data[p++] = e.getValue();
        }
        MtzWriter.write(new MtzFile("reference", refCell, sg.ccp4Symbol(), sg.ccp4Number(), sg.operations().allOps(),
                new int[] {0, 0, 0, 0, 0}, List.of(MtzDataset.hklBase(refCell), new MtzDataset(1, "p", "c", "d", refCell, 1.0)),
                List.of(MtzColumn.of("H", 'H', 0), MtzColumn.of("K", 'H', 0), MtzColumn.of("L", 'H', 0), MtzColumn.of("FreeR_flag", 'I', 1)),
                data, List.of(), List.of(), ByteOrder.LITTLE_ENDIAN), refFile);
        FreeRFlags.Reference ref = FreeRFlags.of(MtzReader.read(refFile), refFile.toString());

        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 60.0 * i, 20, 1.0, 1.0, 0, 0, 10, 0.03, Set.of(),
                    ReindexOperator.identity(), 300 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, sg, w, dMin, 1.0)));
        }
        new MultiMerge(new MultiMerge.Settings(sg, Double.NaN, dMin, null, Scaler.Settings.defaults(), false, false, ref)).merge(ds, dir);

        List<Map<MillerIndex, Integer>> runs = new ArrayList<>();
        for (String run : List.of("run_01", "run_02")) {
            MtzFile mtz = MtzReader.read(dir.resolve(run + "/ccp4/xscale.mtz"));
            // appended last, the other columns as before
            assertThat(mtz.columns().get(mtz.columns().size() - 1).label()).isEqualTo("FreeR_flag");
            assertThat(mtz.column("FreeR_flag").type()).isEqualTo('I');
            assertThat(mtz.columns().get(mtz.columns().size() - 2).label()).isEqualTo("MULTIPLICITY");
            float[] h = mtz.columnValues("H"), k = mtz.columnValues("K"), l = mtz.columnValues("L"), f = mtz.columnValues("FreeR_flag");
            Map<MillerIndex, Integer> flags = new HashMap<>();
            int fromReference = 0, filled = 0, filledZero = 0;
            for (int r = 0; r < mtz.reflectionCount(); r++) {
                MillerIndex hkl = new MillerIndex((int) h[r], (int) k[r], (int) l[r]);
                int flag = (int) f[r];
                assertThat((float) flag).isEqualTo(f[r]);
                flags.put(hkl, flag);
                Integer expected = known.get(hkl);
                if (expected != null) {
                    assertThat(flag).as("%s %s", run, hkl).isEqualTo(expected);
                    fromReference++;
                } else {
                    assertThat(flag).isBetween(0, 19);
                    filled++;
                    if (flag == 0) filledZero++;
                }
            }
            System.out.printf("%s: %d reflections, %d flags from the reference, %d filled, %d of them 0%n", run, mtz.reflectionCount(),
                    fromReference, filled, filledZero);
            assertThat(fromReference).as("reference flags used").isGreaterThan(mtz.reflectionCount() / 2);
            assertThat(filled).isGreaterThan(500);
            assertThat((double) filledZero / filled).as("test set among the filled").isBetween(0.03, 0.07);
            runs.add(flags);
        }
        int common = 0;
        for (Map.Entry<MillerIndex, Integer> e : runs.get(0).entrySet()) {
            Integer other = runs.get(1).get(e.getKey());
            if (other != null) {
                assertThat(other).as("run_02 flag of %s", e.getKey()).isEqualTo(e.getValue());
                common++;
            }
        }
        assertThat(common).isGreaterThan(runs.get(0).size() * 9 / 10);
        assertThat(Files.exists(dir.resolve("run_02/ccp4/xscale.mtz"))).isTrue();
    }
}
