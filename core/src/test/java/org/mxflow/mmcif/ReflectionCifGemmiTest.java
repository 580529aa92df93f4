package org.mxflow.mmcif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.Observation;
import org.mxflow.stats.EquivalentsMerger;
import org.mxflow.stats.SyntheticUnmergedData;

/**
 * mmCIF reflection files written by ReflectionCifWriter are read by gemmi's ReflnBlock (the
 * reader gemmi uses for PDB structure-factor files) with our cell, space group, wavelength,
 * merged/unmerged kind, row count and values. gemmi runs live (scripts/oracles/refln_cif_check.py)
 * when /usr/bin/python3 has it, else the committed fixture oracles/refln_cif_gemmi.json made by
 * that script from files with the same SHA-256 stands in.
 */
class ReflectionCifGemmiTest {

    static final Path OUT = Path.of("target/cif-oracle");
    static List<MergedReflection> merged;
    static List<Observation> unmerged;

    @BeforeAll
    static void write() throws Exception {
        unmerged = SyntheticUnmergedData.generate().observations();
        merged = EquivalentsMerger.merge(unmerged, SyntheticUnmergedData.SPACE_GROUP);
        ReflectionCifWriter.writeMerged(OUT.resolve("merged_P43212.cif"), "mxflow_synthetic", merged,
                SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL, 0.9795);
        ReflectionCifWriter.writeUnmerged(OUT.resolve("unmerged_P43212.cif"), "mxflow_synthetic", unmerged,
                SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL, 0.9795, zd -> zd * 1.0);
    }

    static List<JsonNode> gemmi() throws Exception {
        List<Path> files = List.of(OUT.resolve("merged_P43212.cif"), OUT.resolve("unmerged_P43212.cif"));
        List<JsonNode> out = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/python3")) && !"off".equals(System.getProperty("mxflow.gemmi"))
                && new ProcessBuilder("/usr/bin/python3", "-c", "import gemmi").start().waitFor() == 0) {
            Path script = root().resolve("scripts/oracles/refln_cif_check.py");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
            files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] json = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("refln_cif_check.py ran").isTrue();
            new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8)).forEach(out::add);
            return out;
        }
        try (var in = ReflectionCifGemmiTest.class.getResourceAsStream("/oracles/refln_cif_gemmi.json")) {
            new ObjectMapper().readTree(in).forEach(out::add);
        }
        for (int i = 0; i < files.size(); i++) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(files.get(i))));
            assertThat(sha).as("%s changed; rerun scripts/oracles/refln_cif_check.py", files.get(i))
                    .isEqualTo(out.get(i).get("sha256").asText());
        }
        return out;
    }

    @Test
    void mergedCifIsReadByGemmiWithOurSymmetryAndValues() throws Exception {
        JsonNode g = gemmi().get(0);
        assertHeader(g);
        assertThat(g.get("is_unmerged").asBoolean()).isFalse();
        assertThat(g.get("nrows").asInt()).isEqualTo(merged.size());
        assertThat(g.get("first_hkl").get(0).get(0).asInt()).isEqualTo(merged.get(0).hkl().h());
        assertThat(g.get("first_hkl").get(0).get(2).asInt()).isEqualTo(merged.get(0).hkl().l());
        assertSum(g, "intensity_meas", merged.stream().mapToDouble(MergedReflection::iMean).toArray());
        assertSum(g, "intensity_sigma", merged.stream().mapToDouble(MergedReflection::sigIMean).toArray());
        assertSum(g, "pdbx_I_plus", merged.stream().mapToDouble(MergedReflection::iPlus).toArray());
        assertSum(g, "pdbx_I_minus", merged.stream().mapToDouble(MergedReflection::iMinus).toArray());
    }

    @Test
    void unmergedCifIsReadByGemmiAsUnmergedWithEveryObservation() throws Exception {
        JsonNode g = gemmi().get(1);
        assertHeader(g);
        assertThat(g.get("is_unmerged").asBoolean()).isTrue();
        List<Observation> usable = unmerged.stream().filter(o -> o.sigma() > 0).toList();
        assertThat(g.get("nrows").asInt()).isEqualTo(usable.size());
        assertSum(g, "intensity_net", usable.stream().mapToDouble(Observation::intensity).toArray());
        assertSum(g, "pdbx_image_id", usable.stream().mapToDouble(o -> Math.floor(o.zdFrame()) + 1).toArray());
    }

    @Test
    void entryIdThatCouldBreakTheFileIsRefused() {
        assertThatThrownBy(() -> ReflectionCifWriter.writeMerged(OUT.resolve("x.cif"), "bad id\ndata_x", merged,
                SyntheticUnmergedData.SPACE_GROUP, SyntheticUnmergedData.CELL, 1.0)).hasMessageContaining("entry id");
    }

    private static void assertHeader(JsonNode g) {
        assertThat(g.get("entry_id").asText()).isEqualTo("mxflow_synthetic");
        assertThat(g.get("spacegroup").asText()).isEqualTo("P 43 21 2");
        assertThat(g.get("wavelength").asDouble()).isCloseTo(0.9795, within(1e-6));
        double[] cell = SyntheticUnmergedData.CELL.toArray();
        for (int i = 0; i < 6; i++) {
            assertThat(g.get("cell").get(i).asDouble()).isCloseTo(cell[i], within(1e-4));
        }
    }

    /** gemmi's sum of a column equals ours after the writer's 3-decimal rounding; NaN ('?') counts agree. */
    private static void assertSum(JsonNode g, String label, double[] values) {
        JsonNode c = g.get("columns").get(label);
        assertThat(c).as("column %s", label).isNotNull();
        double sum = 0;
        long nan = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nan++;
            } else {
                sum += Math.round(v * 1000) / 1000.0;
            }
        }
        assertThat(c.get("nan").asLong()).as("missing values of %s", label).isEqualTo(nan);
        assertThat(c.get("sum").asDouble()).as("sum of %s", label).isCloseTo(sum, within(1e-6 * Math.max(1, Math.abs(sum))));
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("scripts/oracles/refln_cif_check.py"))) {
            p = p.getParent();
        }
        return p;
    }
}
