package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;

/**
 * Why the demo's sample "tet" (P4, three 20 × 0.5° wedges from {@code ./mxflow demo}, small preset,
 * seed 1; the XDS_ASCII.HKL files are committed gzipped under {@code demo-tet/}) merges no cluster:
 * not a bug but SPring-8's redundancy threshold. Three 10° wedges of a 4/m crystal to 1.85 Å (the data
 * do not reach the 1.71 Å start) cover 57 % of the unique set with 1.84 observations each, so Redun
 * 1.84 &lt; 2.0 for the cluster of all three (and less for any pair). gemmi's count of the same indices
 * ({@code scripts/oracles/demo_tet_completeness.py} → {@code oracles/demo_tet_completeness.json}) gives
 * the numbers the Java estimate must match; the summary files and the log must say so.
 */
class DemoTetNoClusterTest {

    static final double D_START_A = 1.707;

    static List<Path> unpack(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = String.format("multi_%03d.HKL.gz", i);
            Path sub = dir.resolve("MUL0003-01-multi_00" + i);
            Files.createDirectories(sub);
            Path out = sub.resolve("XDS_ASCII.HKL");
            try (InputStream in = new GZIPInputStream(DemoTetNoClusterTest.class.getResourceAsStream("/demo-tet/" + name))) {
                Files.copy(in, out);
            }
            files.add(out);
        }
        return files;
    }

    static AutoMultiMerge.Outcome merge(Path dir, ClusterChoice.Thresholds t, boolean passes) throws IOException {
        List<Path> files = unpack(dir.resolve("data"));
        List<XdsAsciiFile> data = new ArrayList<>();
        for (Path f : files) data.add(XdsAsciiReader.read(f));
        return new AutoMultiMerge(new AutoMultiMerge.Settings(Clustering.BLEND, D_START_A, null, t, 1, Scaler.Settings.defaults(), passes))
                .run("tet", files, data, dir.resolve("out"));
    }

    @Test
    void threeTenDegreeP4WedgesMissOnlyTheRedundancyThresholdAndTheSummarySaysSo(@TempDir Path dir) throws Exception {
        JsonNode gemmi;
        try (InputStream in = getClass().getResourceAsStream("/oracles/demo_tet_completeness.json")) {
            gemmi = new ObjectMapper().readTree(in);
        }
        AutoMultiMerge.Outcome o = merge(dir, ClusterChoice.Thresholds.spring8(), true);

        assertThat(o.passes()).hasSize(1);
        AutoMultiMerge.Pass pass = o.passes().get(0);
        assertThat(pass.clusterNumbers()).isEmpty();
        ClusterChoice.Candidate all = pass.candidates().stream().filter(c -> c.datasets() == 3).findFirst().orElseThrow();
        double cmpl = all.estimate().completenessPercent(), redun = all.estimate().redundancy();
        assertThat(cmpl).isCloseTo(gemmi.get("completeness_percent").asDouble(), within(0.05));
        assertThat(redun).isCloseTo(gemmi.get("redundancy").asDouble(), within(0.002));
        // Every cluster passes the 10 % completeness; none reaches Redun 2.0.
        for (ClusterChoice.Candidate c : pass.candidates()) {
            assertThat(ClusterChoice.Thresholds.spring8().shortfalls(c)).singleElement().asString().startsWith("Redun ");
        }

        String why = pass.notMerged();
        assertThat(why).startsWith("no cluster has Cmpl >= 10.0 % and Redun >= 2.00 at d_min 1.707 A; cluster " + all.clusterNumber()
                + " (3 datasets): Cmpl " + KamoFormat.fixed(cmpl, 2) + " %, Redun " + KamoFormat.fixed(redun, 2)
                + " (Redun " + KamoFormat.fixed(redun, 2) + " < 2.00)");
        String summary = Files.readString(pass.directory().resolve("cluster_summary.dat"));
        assertThat(summary).contains("# nothing merged: " + why + "\n");
        assertThat(Files.readString(o.sampleDirectory().resolve("multi_merge.log"))).contains("nothing merged: " + why);
    }

    @Test
    void theSameClustersQualifyWhenTheRedundancyThresholdIsBelowTheirs(@TempDir Path dir) throws Exception {
        AutoMultiMerge.Pass pass = merge(dir, ClusterChoice.Thresholds.spring8(), false).passes().get(0);
        ClusterChoice.Thresholds lower = new ClusterChoice.Thresholds(10, 1.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0);
        // Redundancy alone held them back: at 1.5 every cluster qualifies, the three-wedge one first.
        List<ClusterChoice.Candidate> chosen = ClusterChoice.choose(pass.candidates(), lower);
        assertThat(chosen).hasSameSizeAs(pass.candidates());
        assertThat(chosen.get(0).datasets()).isEqualTo(3);
        for (ClusterChoice.Candidate c : chosen) assertThat(lower.shortfalls(c)).isEmpty();
    }
}
