package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.MergingStatisticsCalculator;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The engine's CORRECT.LP table (core's MergingStatisticsCalculator, as {@link NativeEngine} calls
 * it, here with one shell) against cctbx: the fixture is an XDS_ASCII.HKL the native engine wrote
 * for a simulated P4212 wedge (frames 1–6), and its statistics from iotbx.merging_statistics, made
 * by scripts/oracles/engine_shell_table.py with sigma_filtering="xds" (XDS's "SIGNAL/NOISE >= -3.0":
 * one unique reflection of 1652 goes; the engine's former ShellTable kept it and so matched cctbx
 * unfiltered). Counts must agree exactly, R-factors and ⟨I/σ⟩ closely (cctbx's I/σ of merged
 * reflections weights slightly differently).
 */
class CorrectLpStatisticsCctbxTest {

    static final Path DIR = Path.of("src/test/resources/engine");

    @Test
    void uniqueCountsCompletenessAndRFactorsMatchCctbx() throws IOException {
        XdsAsciiFile f = XdsAsciiReader.read(DIR.resolve("sim_p4212_frames1-6.HKL"));
        JsonNode oracle = new ObjectMapper().readTree(DIR.resolve("sim_p4212_frames1-6.cctbx.json").toFile());
        UnitCell cell = f.header().unitCell();
        SpaceGroup sg = SpaceGroups.byNumber(f.header().spaceGroupNumber());
        double dMin = oracle.get("d_min").asDouble() - 1e-6;
        for (boolean anomalous : new boolean[] {false, true}) {
            JsonNode c = oracle.get(anomalous ? "anomalous" : "friedel_merged");
            MergingStatistics m = MergingStatisticsCalculator.calculate(f.observations(), sg, cell,
                    new MergingStatisticsCalculator.Settings(1, 50, dMin, anomalous, 0));
            ShellStatistics t = m.total();
            assertThat(t.observed()).isEqualTo(c.get("n_obs").asLong());
            assertThat(t.unique()).as("unique, anomalous=" + anomalous).isEqualTo(c.get("n_uniq").asLong());
            assertThat(t.completenessPct()).isCloseTo(100 * c.get("completeness").asDouble(), within(0.2));
            assertThat(t.rObservedPct()).isCloseTo(100 * c.get("r_merge").asDouble(), within(0.02));
            assertThat(t.rMeasPct()).isCloseTo(100 * c.get("r_meas").asDouble(), within(0.02));
            assertThat(t.iOverSigma() / c.get("i_over_sigma_mean").asDouble()).isBetween(0.95, 1.05);
        }
    }
}
