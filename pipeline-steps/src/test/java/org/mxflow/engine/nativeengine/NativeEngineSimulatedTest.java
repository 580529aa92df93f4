package org.mxflow.engine.nativeengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.TruthComparison;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;

/**
 * The native engine on simulated 10° wedges with known truth (mxflow simulate's physics: one
 * crystal per wedge, random orientation, cell within 0.3 % of its group's, mosaicity, Wilson B,
 * Poisson noise, PILATUS module gaps and a count cutoff): every wedge of the four simulated
 * groups (P4₃2₁2, P2₁2₁2₁, C2, P4) must index with the true cell to 0.3 %, get the true point
 * group with absences that agree with the truth wherever axial reflections were measured, and
 * integrate to intensities that correlate with the true ones per resolution shell.
 */
class NativeEngineSimulatedTest {

    @TempDir
    static Path tmp;
    static BeamtimeSimulator.Result sim;
    static final Map<String, NativeOutcome> outcomes = new LinkedHashMap<>();

    /** A 2×2-module PILATUS at 100 mm (corner ≈ 1.7 Å): small frames keep the test fast. */
    static SimulationPreset preset() {
        SimulationPreset small = SimulationPreset.small();
        List<PinPlan> pins = List.of(
                new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA"), 10),
                new PinPlan("MUL0002", "01", "pro", "multi", List.of("proC", "proC"), 10),
                new PinPlan("MUL0003", "01", "mon", "multi", List.of("monD", "monD"), 10),
                new PinPlan("MUL0004", "01", "tet", "multi", List.of("tetE", "tetE"), 10));
        return new SimulationPreset("enginetest", Detector.pilatus("PILATUS3 test, S/N 10-0002", 2, 2, 100),
                new Beam(1.0, 0.02, 0.99), 0.5, 0.1, 1.9, 4.0e4, 2, small.groups(), pins);
    }

    @BeforeAll
    static void simulateAndProcess() throws IOException {
        sim = new BeamtimeSimulator(preset(), 11).run(tmp.resolve("raw"), "enginetest", LocalDate.of(2026, 11, 21));
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            Path template = sim.rawRoot().resolve(d.template());
            outcomes.put(d.crystalId(), new NativeEngine().process(new ProcessingRequest(template, tmp.resolve("proc").resolve(d.crystalId()),
                    0, 0, 2, Optional.empty(), Optional.empty())));
        }
    }

    private static Path truthJson(String crystal) {
        return sim.truthDir().resolve(crystal + ".json");
    }

    @Test
    void everyWedgeIndexesWithTheTrueCellWithinPointThreePercent() throws IOException {
        int done = 0;
        List<String> lines = new ArrayList<>();
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            NativeOutcome o = outcomes.get(d.crystalId());
            assertThat(o).as(d.crystalId() + ": " + o).isInstanceOf(NativeOutcome.Done.class);
            done++;
            XdsAsciiFile f = XdsAsciiReader.read(tmp.resolve("proc").resolve(d.crystalId()).resolve("XDS_ASCII.HKL"));
            // the true crystal expressed in our indexing: A_true·M with h_true = M·h
            Mat3 aTrue = TruthComparison.truthA(truthJson(d.crystalId()));
            TruthComparison.Result r = TruthComparison.compare(f, aTrue, TruthComparison.truthIntensities(
                    sim.truthDir().resolve("intensities_" + d.group() + ".hkl"), TruthComparison.truthSpaceGroup(truthJson(d.crystalId()))),
                    TruthComparison.truthSpaceGroup(truthJson(d.crystalId())), TruthComparison.truthCell(truthJson(d.crystalId())), 8);
            int[][] m = r.indexMatrix();
            Mat3 mm = new Mat3(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]);
            UnitCell truth = new CrystalModel(aTrue.times(mm)).unitCell();
            UnitCell ours = f.header().unitCell();
            double[] t = truth.toArray(), u = ours.toArray();
            lines.add(d.crystalId() + " ours " + ours.format() + " truth " + truth.format());
            for (int i = 0; i < 3; i++) assertThat(Math.abs(u[i] / t[i] - 1)).as(lines.get(lines.size() - 1)).isLessThan(0.003);
            for (int i = 3; i < 6; i++) assertThat(Math.abs(u[i] - t[i])).as(lines.get(lines.size() - 1)).isLessThan(0.3);
        }
        System.out.println(String.join("\n", lines));
        assertThat(done).isEqualTo(8);
    }

    @Test
    void pointGroupIsTheTrueOneAndAbsencesAgreeWhereAxialReflectionsWereMeasured() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            NativeOutcome.Done o = (NativeOutcome.Done) outcomes.get(d.crystalId());
            SpaceGroup truthSg = TruthComparison.truthSpaceGroup(truthJson(d.crystalId()));
            SpaceGroup ours = SpaceGroups.byNumber(o.statistics().spaceGroupNumber());
            assertThat(ours.pointGroup()).as(d.crystalId() + " got " + ours.hermannMauguin()).isEqualTo(truthSg.pointGroup());
            // every axial reflection measured (unscaled P1 file) must be absent in ours iff absent in the truth
            XdsAsciiFile p1 = XdsAsciiReader.read(tmp.resolve("proc").resolve(d.crystalId()).resolve("XDS_ASCII.HKL"));
            XdsAsciiFile noscale = XdsAsciiReader.read(tmp.resolve("proc").resolve(d.crystalId()).resolve("XDS_ASCII.HKL_noscale"));
            Mat3 aTrue = TruthComparison.truthA(truthJson(d.crystalId()));
            Mat3 toTruth = aTrue.inverse().times(TruthComparison.fileA(noscale));
            Mat3 toOurs = TruthComparison.fileA(p1).inverse().times(TruthComparison.fileA(noscale));
            int axial = 0;
            for (Observation obs : noscale.observations()) {
                MillerIndex h = obs.hkl();
                MillerIndex ht = apply(toTruth, h), ho = apply(toOurs, h);
                int zeros = (ht.h() == 0 ? 1 : 0) + (ht.k() == 0 ? 1 : 0) + (ht.l() == 0 ? 1 : 0);
                if (zeros != 2) continue;
                axial++;
                assertThat(ours.isSystematicallyAbsent(ho)).as(d.crystalId() + " " + ours.hermannMauguin() + " vs true "
                        + truthSg.hermannMauguin() + " at " + ht).isEqualTo(truthSg.isSystematicallyAbsent(ht));
            }
            System.out.printf(Locale.ROOT, "%s: %s (truth %s), %d axial observations checked%n", d.crystalId(),
                    ours.hermannMauguin(), truthSg.hermannMauguin(), axial);
        }
    }

    /** The point-group test above holds for every wedge; this states the small-wedge rule outright: never P 1, never a primitive group on a centred cell. */
    @Test
    void noWedgeComesOutP1OrPrimitiveOnACentredLattice() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            NativeOutcome.Done o = (NativeOutcome.Done) outcomes.get(d.crystalId());
            SpaceGroup ours = SpaceGroups.byNumber(o.statistics().spaceGroupNumber());
            SpaceGroup truth = TruthComparison.truthSpaceGroup(truthJson(d.crystalId()));
            assertThat(ours.number()).as(d.crystalId()).isNotEqualTo(1);
            assertThat(ours.latticeType()).as(d.crystalId() + " " + ours.hermannMauguin()).isEqualTo(truth.latticeType());
        }
    }

    /**
     * ccp4/XDS_ASCII.mtz reads back (core's MtzReader) with the unmerged columns, the space group of
     * result.json, one row per XDS_ASCII.HKL observation with σ > 0, and one batch per frame.
     */
    @Test
    void unmergedMtzReadsBackWithTheRowsOfXdsAscii() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            Path dir = tmp.resolve("proc").resolve(d.crystalId());
            org.mxflow.mtz.MtzFile mtz = org.mxflow.mtz.MtzReader.read(dir.resolve("ccp4").resolve("XDS_ASCII.mtz"));
            XdsAsciiFile hkl = XdsAsciiReader.read(dir.resolve("XDS_ASCII.HKL"));
            var json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
            for (String c : List.of("H", "K", "L", "M/ISYM", "BATCH", "I", "SIGI", "XDET", "YDET", "ROT", "FRACTIONCALC")) {
                assertThat(mtz.hasColumn(c)).as(c).isTrue();
            }
            assertThat(mtz.spaceGroup()).get().extracting(SpaceGroup::number).isEqualTo(json.get("space_group_number").asInt());
            long rows = hkl.observations().stream().filter(x -> x.sigma() > 0).count();
            assertThat((long) mtz.reflectionCount()).isEqualTo(rows).isGreaterThan(1000);
            int frames = json.get("frames").get("last").asInt() - json.get("frames").get("first").asInt() + 1;
            assertThat(mtz.batches()).hasSize(frames);
            assertThat(mtz.cell().a()).isCloseTo(json.get("cell").get(0).asDouble(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(Files.list(dir.resolve("ccp4")).map(x -> x.getFileName().toString())).containsExactly("XDS_ASCII.mtz");
        }
    }

    /**
     * result.json's report fields: spots_per_frame has one entry per frame and sums to at least the
     * spots given to indexing (those exclude ice rings and overloads); idxlatt_percent is
     * indexed/spots; resolution_estimate_A is the CC½ cut when one was made, else within the data.
     */
    @Test
    void resultJsonCarriesTheReportFields() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            var json = new ObjectMapper().readTree(tmp.resolve("proc").resolve(d.crystalId()).resolve("result.json").toFile());
            int first = json.get("frames").get("first").asInt(), last = json.get("frames").get("last").asInt();
            assertThat(last - first + 1).isEqualTo(json.get("last_frame").asInt() - json.get("first_frame").asInt() + 1);
            var spf = json.get("spots_per_frame");
            assertThat(spf.size()).isEqualTo(last - first + 1);
            long sum = 0;
            for (var n : spf) {
                assertThat(n.asInt()).as(d.crystalId() + " spots on a frame of a diffracting crystal").isGreaterThan(0);
                sum += n.asLong();
            }
            assertThat(sum).isGreaterThanOrEqualTo(json.get("spots").asLong());
            assertThat(json.get("idxlatt_percent").asDouble()).isCloseTo(
                    100.0 * json.get("indexed_spots").asDouble() / json.get("spots").asDouble(), org.assertj.core.data.Offset.offset(0.051))
                    .isGreaterThanOrEqualTo(60.0);
            double res = json.get("resolution_estimate_A").asDouble();
            if (json.get("resolution_cut_A").isNumber()) assertThat(res).isEqualTo(json.get("resolution_cut_A").asDouble());
            // within the measured data (d_min_A), and the simulated crystals diffract to 1.9 Å, so no worse than 3 Å
            assertThat(res).as(d.crystalId()).isBetween(json.get("d_min_A").asDouble() - 0.005, 3.0);
        }
    }

    /**
     * The sample sheet's space group is used when the indexed lattice agrees (KAMO's known
     * symmetry), and ignored with a note in CORRECT.LP when it does not.
     */
    @Test
    void sheetSpaceGroupIsUsedOnlyWhenTheLatticeAgrees() throws IOException {
        BeamtimeSimulator.DatasetTruth d = sim.datasets().stream().filter(x -> x.crystalId().startsWith("MUL0002")).findFirst().orElseThrow();
        Path template = sim.rawRoot().resolve(d.template());
        UnitCell truth = TruthComparison.truthCell(truthJson(d.crystalId()));
        String cell = String.format(Locale.ROOT, "%.3f %.3f %.3f 90 90 90", truth.a(), truth.b(), truth.c());
        Path ok = tmp.resolve("sheet").resolve("ok");
        NativeOutcome o = new NativeEngine().process(new ProcessingRequest(template, ok, 0, 0, 2,
                Optional.of(org.mxflow.indexing.KnownSymmetry.of(cell, "P212121")), Optional.of("P212121")));
        assertThat(o).isInstanceOf(NativeOutcome.Done.class);
        assertThat(((NativeOutcome.Done) o).statistics().spaceGroupNumber()).isEqualTo(19);
        assertThat(Files.readString(ok.resolve("CORRECT.LP"))).contains("FROM THE SAMPLE SHEET");
        // a tetragonal group for an orthorhombic crystal: the data decide (point group 222)
        Path bad = tmp.resolve("sheet").resolve("bad");
        NativeOutcome b = new NativeEngine().process(new ProcessingRequest(template, bad, 0, 0, 2, Optional.empty(), Optional.of("P4")));
        assertThat(b).isInstanceOf(NativeOutcome.Done.class);
        assertThat(SpaceGroups.byNumber(((NativeOutcome.Done) b).statistics().spaceGroupNumber()).pointGroup())
                .isEqualTo(SpaceGroups.byNumber(19).pointGroup());
        assertThat(Files.readString(bad.resolve("CORRECT.LP"))).contains("does not fit the indexed lattice");
    }

    private static MillerIndex apply(Mat3 m, MillerIndex h) {
        var v = m.times(h.h(), h.k(), h.l());
        return new MillerIndex((int) Math.round(v.x()), (int) Math.round(v.y()), (int) Math.round(v.z()));
    }

    /**
     * CC(I_obs, I_true) per resolution shell (8 shells of equal count) must exceed 0.9 in every
     * shell down to 2.0 Å, the simulated crystals' diffraction limit being 1.9 Å.
     */
    @Test
    void integratedIntensitiesCorrelateWithTheTruthPerShell() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            SpaceGroup sg = TruthComparison.truthSpaceGroup(truthJson(d.crystalId()));
            TruthComparison.Result r = TruthComparison.compare(
                    XdsAsciiReader.read(tmp.resolve("proc").resolve(d.crystalId()).resolve("XDS_ASCII.HKL")),
                    TruthComparison.truthA(truthJson(d.crystalId())),
                    TruthComparison.truthIntensities(sim.truthDir().resolve("intensities_" + d.group() + ".hkl"), sg), sg,
                    TruthComparison.truthCell(truthJson(d.crystalId())), 8);
            StringBuilder sb = new StringBuilder(d.crystalId() + ":");
            for (TruthComparison.ShellCc s : r.shells()) {
                sb.append(String.format(Locale.ROOT, " %.2f-%.2fÅ %.3f;", s.dMaxA(), s.dMinA(), s.cc()));
            }
            System.out.println(sb);
            assertThat(r.mapped()).as("observations matched to a true reflection").isGreaterThan(1000);
            for (TruthComparison.ShellCc s : r.shells()) {
                if (s.dMinA() >= 2.0) assertThat(s.cc()).as(sb.toString()).isGreaterThan(0.9);
            }
        }
    }

    @Test
    void correctLpReadsBackWithTheNumbersOfResultJson() throws IOException {
        for (BeamtimeSimulator.DatasetTruth d : sim.datasets()) {
            Path dir = tmp.resolve("proc").resolve(d.crystalId());
            CorrectLp lp = CorrectLpParser.parse(dir.resolve("CORRECT.LP"));
            var json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
            assertThat(lp.spaceGroupNumber()).isEqualTo(json.get("space_group_number").asInt());
            assertThat(lp.cell().a()).isCloseTo(json.get("cell").get(0).asDouble(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(lp.statistics().total().unique()).isEqualTo(json.get("unique").asLong());
            assertThat(lp.statistics().total().completenessPct()).isCloseTo(json.get("completeness_pct").asDouble(),
                    org.assertj.core.data.Offset.offset(0.06));
            if (json.get("isa").isNumber()) {
                assertThat(lp.errorModel().isa()).isCloseTo(json.get("isa").asDouble(), org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }
}
