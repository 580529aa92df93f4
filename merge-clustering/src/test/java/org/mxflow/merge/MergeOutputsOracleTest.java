package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.FrenchWilson;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The merged MTZ and mmCIF of a run, checked against what gemmi (an independent reader) reads
 * from the same bytes. Fixtures made by scripts/oracles/mtz_check.py and merge_cif_gemmi.py
 * on the files this test writes to merge-clustering/target/merge-oracle (see the scripts); the
 * MTZ fixture was remade when the French–Wilson columns were added (its intensity sums unchanged).
 */
class MergeOutputsOracleTest {

    @Test
    void mtzAndMmcifOfARunReadInGemmiAsWritten() throws Exception {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(sg, cell, 4.0, 20, 31);
        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 40.0 * i, 20, 0.5, 1.0, 0, 0, 10, 0.05, Set.of(),
                    ReindexOperator.identity(), 40 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, sg, w, 4.0, 1.0)));
        }
        Path dir = Path.of("target/merge-oracle");
        MultiMerge.Outcome o = new MultiMerge(new MultiMerge.Settings(sg, Double.NaN, 4.0, false, Scaler.Settings.defaults()))
                .merge(ds, dir);
        List<MergedReflection> merged = o.runs().get(0).merged();
        Path mtz = dir.resolve("run_01/ccp4/xscale.mtz"), cif = dir.resolve("run_01/xscale.cif");

        JsonNode m = read("/oracles/merge_mtz_gemmi.json").get(0);
        // Values, not bytes: Math.exp/log may differ in the last bit between JVMs/CPUs.
        assertThat(m.get("file").asText()).isEqualTo(mtz.getFileName().toString());
        assertThat(m.get("nreflections").asInt()).isEqualTo(merged.size());
        assertThat(m.get("spacegroup").asText()).isEqualTo("P 21 21 21");
        JsonNode columns = m.get("columns");
        List<String> labels = new ArrayList<>();
        columns.forEach(c -> labels.add(c.get("label").asText() + ":" + c.get("type").asText()));
        assertThat(labels).startsWith("H:H", "K:H", "L:H", "IMEAN:J", "SIGIMEAN:Q", "I(+):K", "SIGI(+):M", "I(-):K", "SIGI(-):M");
        double sumImean = 0;
        for (MergedReflection r : merged) sumImean += (float) r.iMean();
        for (JsonNode c : columns) {
            if (c.get("label").asText().equals("IMEAN")) assertThat(c.get("sum").asDouble()).isCloseTo(sumImean, within(Math.abs(sumImean) * 1e-6));
        }
        // French-Wilson amplitudes (KAMO's CTRUNCATE columns): gemmi reads the types and the values we computed.
        assertThat(labels.subList(11, labels.size())).containsExactly("F:F", "SIGF:Q", "F(+):G", "SIGF(+):L", "F(-):G",
                "SIGF(-):L", "DANO:D", "SIGDANO:Q", "MULTIPLICITY:I");
        FrenchWilson.MergedAmplitudes fw = FrenchWilson.amplitudes(merged, o.runs().get(0).outputGroup(), o.runs().get(0).cell());
        Map<String, double[]> written = Map.of("F", fw.f(), "SIGF", fw.sigF(), "F(+)", fw.fPlus(), "F(-)", fw.fMinus(),
                "DANO", fw.dano(), "SIGDANO", fw.sigDano());
        for (JsonNode c : columns) {
            double[] v = written.get(c.get("label").asText());
            if (v == null) continue;
            double sum = 0;
            int nan = 0;
            for (double x : v) {
                if (Double.isNaN(x)) nan++;
                else sum += (float) x;
            }
            assertThat(c.get("nan").asInt()).as("missing " + c.get("label").asText()).isEqualTo(nan);
            assertThat(c.get("sum").asDouble()).as("sum of " + c.get("label").asText()).isCloseTo(sum, within(1e-5 * Math.abs(sum) + 1e-3));
        }
        assertThat(columns.get(columns.size() - 1).get("sum").asDouble()).as("MULTIPLICITY")
                .isEqualTo(merged.stream().filter(r -> !(r.iMean() < -3 * r.sigIMean())).mapToDouble(r -> r.multiplicity()).sum());

        JsonNode c = read("/oracles/merge_cif_gemmi.json");
        double sumCif = 0;
        for (MergedReflection r : merged) sumCif += Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2f", r.iMean()));
        assertThat(c.get("sum_intensity_meas").asDouble()).isCloseTo(sumCif, within(Math.abs(sumCif) * 1e-5));
        JsonNode first = c.get("first_rows").get(0);
        assertThat(first.get(0).asInt() + "," + first.get(1).asInt() + "," + first.get(2).asInt())
                .isEqualTo(merged.get(0).hkl().h() + "," + merged.get(0).hkl().k() + "," + merged.get(0).hkl().l());
        assertThat(first.get(3).asDouble()).isCloseTo(merged.get(0).iMean(), within(0.01));
        assertThat(Files.size(cif)).isPositive();
        assertThat(c.get("merged").asBoolean()).isTrue();
        assertThat(c.get("rows").asInt()).isEqualTo(merged.size());
        assertThat(c.get("space_group").asText().replace(" ", "")).isEqualTo("P212121");
        assertThat(c.get("cell").get(2).asDouble()).isCloseTo(80.0, within(1e-3));
        // Friedel mates kept apart in this run (anomalous): I(-) present for the acentric reflections seen both ways.
        long minus = merged.stream().filter(r -> !Double.isNaN(r.iMinus())).count();
        assertThat(c.get("count_I_minus").asLong()).isEqualTo(minus).isGreaterThan(0);
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = MergeOutputsOracleTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("fixture " + resource).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
