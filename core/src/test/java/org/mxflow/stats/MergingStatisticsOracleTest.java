package org.mxflow.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;

/**
 * MergingStatisticsCalculator against cctbx's iotbx.merging_statistics on the same unmerged
 * data: the deterministic synthetic P43212 set (SyntheticUnmergedData, ~11 600 observations,
 * multiplicity 4, B = 40 Å², weak outer shells) written as XDS_ASCII.HKL. The fixture
 * oracles/merging_stats_cctbx.json was made by scripts/oracles/merging_stats_cctbx.py from a
 * file with the SHA-256 it records (checked here), for 9 XDS shells between 30 and 2.4 Å.
 *
 * <p>Counts, completeness, multiplicity, R-merge, R-meas, I/σ, Nano and SigAno are the same
 * formulas and must agree to rounding. CC½ and the anomalous correlation come from different
 * random half splits: two splits of the same data differ by about √2·(1−ρ²)/√(n−1) (the
 * standard error of a correlation of n pairs), so they must agree within 4 such errors.
 */
class MergingStatisticsOracleTest {

    static final Path INPUT = Path.of("target/synthetic/XDS_ASCII_P43212.HKL");
    static JsonNode cctbx;
    static List<Observation> observations;
    static MergingStatistics stats;
    static final MergingStatisticsCalculator.Settings SETTINGS =
            MergingStatisticsCalculator.Settings.xds().withRange(SyntheticUnmergedData.D_MAX_A, SyntheticUnmergedData.D_MIN_A);

    @BeforeAll
    static void compute() throws Exception {
        SyntheticUnmergedData.write(INPUT);
        try (var in = MergingStatisticsOracleTest.class.getResourceAsStream("/oracles/merging_stats_cctbx.json")) {
            cctbx = new ObjectMapper().readTree(in);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(INPUT)));
        assertThat(sha).as("synthetic data changed; rerun scripts/oracles/merging_stats_cctbx.py")
                .isEqualTo(cctbx.get("input_sha256").asText());
        XdsAsciiFile file = XdsAsciiReader.read(INPUT);
        observations = file.observations();
        stats = MergingStatisticsCalculator.calculate(observations, SyntheticUnmergedData.SPACE_GROUP, file.header().unitCell(),
                SETTINGS);
    }

    @Test
    void shellLimitsCountsAndCompletenessAgreeWithCctbx() {
        assertThat(stats.shells()).hasSize(9);
        for (int i = 0; i <= 9; i++) {
            ShellStatistics s = i < 9 ? stats.shells().get(i) : stats.total();
            JsonNode c = i < 9 ? cctbx.get("shells").get(i) : cctbx.get("total");
            assertThat(s.dMinA()).isCloseTo(c.get("d_min").asDouble(), within(1e-9));
            assertThat(s.observed()).as("observed, shell %d", i).isEqualTo(c.get("n_obs").asLong());
            assertThat(s.unique()).as("unique, shell %d", i).isEqualTo(c.get("n_uniq").asLong());
            assertThat(s.possible()).as("possible, shell %d", i).isEqualTo(c.get("n_possible").asLong());
            assertThat(s.completenessPct()).isCloseTo(c.get("completeness_pct").asDouble(), within(1e-9));
            assertThat(s.multiplicity()).isCloseTo(c.get("multiplicity").asDouble(), within(1e-9));
        }
        // the synthetic truth: about 4 % of unique reflections were never measured, multiplicity 1..7
        assertThat(stats.total().completenessPct()).isBetween(94.0, 98.0);
        assertThat(stats.total().multiplicity()).isBetween(3.8, 4.2);
    }

    @Test
    void rFactorsAndSignalAgreeWithCctbx() {
        for (int i = 0; i <= 9; i++) {
            ShellStatistics s = i < 9 ? stats.shells().get(i) : stats.total();
            JsonNode c = i < 9 ? cctbx.get("shells").get(i) : cctbx.get("total");
            assertThat(s.rObservedPct()).as("Rmerge, shell %d", i).isCloseTo(100 * c.get("r_merge").asDouble(), within(1e-9));
            assertThat(s.rMeasPct()).as("Rmeas, shell %d", i).isCloseTo(100 * c.get("r_meas").asDouble(), within(1e-9));
            assertThat(s.iOverSigma()).as("I/sigma, shell %d", i).isCloseTo(c.get("i_over_sigma").asDouble(), within(1e-9));
            assertThat(s.anomalousPairs()).as("Nano, shell %d", i).isEqualTo(c.get("nano").asLong());
            assertThat(s.sigAno()).as("SigAno, shell %d", i).isCloseTo(c.get("sig_ano").asDouble(), within(1e-9));
        }
        // the R-factors grow and I/sigma falls towards high resolution, as B = 40 Å² makes them
        assertThat(stats.outerShell().rObservedPct()).isGreaterThan(5 * stats.innerShell().rObservedPct());
        assertThat(stats.outerShell().iOverSigma()).isLessThan(stats.innerShell().iOverSigma() / 5);
    }

    @Test
    void halfSetCorrelationsAgreeWithCctbxWithinTheSplitError() {
        for (int i = 0; i <= 9; i++) {
            ShellStatistics s = i < 9 ? stats.shells().get(i) : stats.total();
            JsonNode c = i < 9 ? cctbx.get("shells").get(i) : cctbx.get("total");
            double cc = c.get("cc_half").asDouble();
            long n = c.get("cc_half_n").asLong();
            assertThat(s.ccHalfPct() / 100).as("CC1/2, shell %d", i).isCloseTo(cc, within(splitTolerance(cc, n)));
            assertThat(s.ccHalfSignificant()).isEqualTo(c.get("cc_half_significant").asBoolean());
            assertThat(Correlation.criticalValue(n, 0.001)).isCloseTo(c.get("cc_half_critical").asDouble(), within(1e-6));
            double ano = c.get("cc_anom").asDouble();
            long na = c.get("cc_anom_n").asLong();
            assertThat(s.anomalousCorrPct() / 100).as("anomalous CC, shell %d", i).isCloseTo(ano, within(splitTolerance(ano, na)));
        }
        // the synthetic data carry an anomalous difference of 5 %: significant overall and at low resolution
        assertThat(stats.total().anomalousCorrSignificant()).isTrue();
        assertThat(stats.innerShell().anomalousCorrPct()).isGreaterThan(30);
    }

    @Test
    void resultDoesNotDependOnObservationOrder() {
        List<Observation> shuffled = new ArrayList<>(observations);
        Collections.shuffle(shuffled, new Random(7));
        MergingStatistics again = MergingStatisticsCalculator.calculate(shuffled, SyntheticUnmergedData.SPACE_GROUP,
                SyntheticUnmergedData.CELL, SETTINGS);
        assertThat(again).isEqualTo(stats);
    }

    private static double splitTolerance(double rho, long n) {
        return 4 * Math.sqrt(2) * (1 - rho * rho) / Math.sqrt(n - 1) + 1e-3;
    }
}
