package org.mxflow.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.Vec3;

/**
 * Indexing simulated sweeps whose truth is known (SimulatedSpots: our own prediction plus
 * 0.3 px / 0.05° noise and 3 % random false spots): the reduced cell must match the truth's
 * reduced cell within 0.5 %, the Bravais lattice must be right, and the refined crystal
 * must be oriented like the true one within 0.1°.
 */
class IndexerSimulatedTest {

    static final Mat3 U = Mat3.rotation(new Vec3(0.31, -0.62, 0.72).normalized(), Math.toRadians(37));

    @ParameterizedTest(name = "{0} {1}° sweep")
    @CsvSource({
            "oP, 5,  P, 78.0, 95.0, 103.0, 90, 90, 90",
            "oP, 90, P, 78.0, 95.0, 103.0, 90, 90, 90",
            "tP, 5,  P, 79.1, 79.1, 37.9, 90, 90, 90",
            "tP, 90, P, 79.1, 79.1, 37.9, 90, 90, 90",
            "mC, 5,  C, 88.68, 82.26, 93.70, 90, 108.65, 90",
            "mC, 90, C, 88.68, 82.26, 93.70, 90, 108.65, 90",
            "hP, 5,  P, 66.0, 66.0, 80.0, 90, 90, 120",
            "hP, 90, P, 66.0, 66.0, 80.0, 90, 90, 120",
    })
    void simulatedSweepIndexesToTheTrueLattice(String bravais, int sweepDeg, char centring,
                                               double a, double b, double c, double al, double be, double ga) {
        UnitCell truthCell = new UnitCell(a, b, c, al, be, ga);
        CrystalModel truth = CrystalModel.of(truthCell, U);
        Experiment exp = SimulatedSpots.pilatus(0.2);
        int maxSpots = sweepDeg <= 5 ? 1500 : 3000;
        List<ObservedSpot> spots = SimulatedSpots.generate(exp, truth, centring, sweepDeg, 2.5, maxSpots, 0.3, 0.05, 0.03, 42);
        IndexingOutcome out = new Indexer(Indexer.Settings.defaults()).index(spots, exp, Optional.empty());
        assertThat(out).isInstanceOf(IndexingOutcome.Indexed.class);
        IndexingOutcome.Indexed ok = (IndexingOutcome.Indexed) out;
        System.out.println(bravais + " " + sweepDeg + "°: " + ok.summary());
        assertThat(ok.chosen().lattice()).isEqualTo(BravaisLattice.valueOf(bravais));
        // the truth's primitive cell: C-centred → primitive by (½,½,0), (−½,½,0), (0,0,1)
        CrystalModel truthPrimitive = centring == 'C' ? truth.transformed(new Mat3(0.5, 0.5, 0, -0.5, 0.5, 0, 0, 0, 1)) : truth;
        UnitCell trueReduced = ReducedCell.of(truthPrimitive).cell();
        assertThat(ok.reduced().cell().maxRelativeDifference(trueReduced)).as("reduced %s vs %s", ok.reduced().cell().format(), trueReduced.format())
                .isLessThan(0.005);
        assertThat(ok.indexedFraction()).isGreaterThan(0.85);
        assertThat(misorientationDeg(truth, ok.crystal())).isLessThan(0.1);
    }

    @Test
    void tooFewSpotsFailWithAReadableReason() {
        CrystalModel truth = CrystalModel.of(new UnitCell(78, 95, 103, 90, 90, 90), U);
        Experiment exp = SimulatedSpots.pilatus(0.2);
        List<ObservedSpot> spots = SimulatedSpots.generate(exp, truth, 'P', 1, 3, 12, 0.3, 0.05, 0, 1);
        IndexingOutcome out = new Indexer(Indexer.Settings.defaults()).index(spots, exp, Optional.empty());
        assertThat(out).isEqualTo(new IndexingOutcome.Failed("indexing: 12 spots, need 20"));
    }

    @Test
    void randomSpotsDoNotIndex() {
        Experiment exp = SimulatedSpots.pilatus(0.2);
        CrystalModel truth = CrystalModel.of(new UnitCell(78, 95, 103, 90, 90, 90), U);
        // 100 % false spots: pure noise must not produce a lattice
        List<ObservedSpot> noise = SimulatedSpots.generate(exp, truth, 'P', 5, 2.5, 0, 0, 0, 0, 3);
        java.util.Random rnd = new java.util.Random(9);
        for (int i = 0; i < 400; i++) noise.add(new ObservedSpot(rnd.nextDouble() * 2463, rnd.nextDouble() * 2527, rnd.nextDouble() * 25));
        IndexingOutcome out = new Indexer(Indexer.Settings.defaults()).index(noise, exp, Optional.empty());
        assertThat(out).isInstanceOf(IndexingOutcome.Failed.class);
        assertThat(((IndexingOutcome.Failed) out).reason()).startsWith("indexing:");
    }

    @Test
    void knownCellThatDoesNotMatchIsReported() {
        CrystalModel truth = CrystalModel.of(new UnitCell(79.1, 79.1, 37.9, 90, 90, 90), U);
        Experiment exp = SimulatedSpots.pilatus(0.2);
        List<ObservedSpot> spots = SimulatedSpots.generate(exp, truth, 'P', 5, 2.5, 1500, 0.3, 0.05, 0.03, 7);
        IndexingOutcome right = new Indexer(Indexer.Settings.defaults()).index(spots, exp, Optional.of(KnownSymmetry.of("79 79 38 90 90 90", "P43212")));
        assertThat(right).isInstanceOf(IndexingOutcome.Indexed.class);
        assertThat(((IndexingOutcome.Indexed) right).chosen().lattice()).isEqualTo(BravaisLattice.tP);
        IndexingOutcome wrong = new Indexer(Indexer.Settings.defaults()).index(spots, exp, Optional.of(KnownSymmetry.of("100 100 50 90 90 90", "P43212")));
        assertThat(wrong).isInstanceOf(IndexingOutcome.Failed.class);
        assertThat(((IndexingOutcome.Failed) wrong).reason()).contains("does not match").contains("tP");
    }

    /**
     * Largest angle between the refined real-space axes and the same lattice vectors of the truth:
     * T = round(A_true⁻¹·A_found) relates the settings, and R_expected = R_true·T⁻ᵀ.
     */
    static double misorientationDeg(CrystalModel truth, CrystalModel found) {
        double[] t = truth.a().inverse().times(found.a()).toArray();
        for (int i = 0; i < 9; i++) t[i] = Math.rint(t[i]);
        Mat3 tm = new Mat3(t);
        Mat3 expected = truth.realBasis().times(tm.inverse().transpose());
        double worst = 0;
        for (int i = 0; i < 3; i++) worst = Math.max(worst, expected.column(i).angleDeg(found.realBasis().column(i)));
        return worst;
    }
}
