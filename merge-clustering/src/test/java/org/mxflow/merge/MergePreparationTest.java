package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.Correlation;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * KAMO's merge preparation (kamo-conventions 4.3–4.4) on simulated P212121 wedges whose truth is
 * known (org.mxflow.bench.SimulatedWedges): the simulator writes each wedge's indices through a
 * chosen operator and the test writes the header cell in that basis, so the right reindexing is
 * known for every wedge.
 */
class MergePreparationTest {

    static final SpaceGroup P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);
    static final ReindexOperator SWAP_AB = new ReindexOperator(new int[] {0, 1, 0, 1, 0, 0, 0, 0, -1});     // k,h,-l
    static final ReindexOperator P1_BCA = new ReindexOperator(new int[] {0, -1, 0, 0, 0, -1, 1, 0, 0});     // -k,-l,h
    static final ReindexOperator P1_CAB = new ReindexOperator(new int[] {0, 0, 1, 1, 0, 0, 0, 1, 0});       // l,h,k

    /** Wedge i's indexing: 3 in the b,a,c setting (labelled P212121), 2 in a P1 basis (labelled P1), 3 as the truth. */
    static ReindexOperator indexing(int i) {
        return switch (i) {
            case 1, 4, 6 -> SWAP_AB;
            case 3 -> P1_BCA;
            case 7 -> P1_CAB;
            default -> ReindexOperator.identity();
        };
    }

    static XdsAsciiFile wedge(Map<MillerIndex, Double> truth, int i, ReindexOperator indexing, UnitCell cell, long seed) {
        java.util.Random r = new java.util.Random(seed);
        UnitCell jit = new UnitCell(cell.a() * (1 + 0.002 * r.nextGaussian()), cell.b() * (1 + 0.002 * r.nextGaussian()),
                cell.c() * (1 + 0.002 * r.nextGaussian()), 90, 90, 90);
        SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(jit, 360 * r.nextDouble(), 20, 0.5, 0.5 + 0.5 * r.nextDouble(),
                3 * r.nextDouble(), -0.01, 10, 0.05, Set.of(), indexing, seed);
        XdsAsciiFile f = SimulatedWedges.wedge(truth, P212121, w, 3.0, 1.0);
        // The header as XDS would write it for that indexing: the cell in the wedge's basis, P1 for a triclinic wedge.
        int label = indexing == P1_BCA || indexing == P1_CAB ? 1 : 19;
        return new XdsAsciiFile(f.header().withSpaceGroup(label, org.mxflow.cell.CellReduction.transformed(jit, toDouble(indexing))),
                f.observations());
    }

    static double[] toDouble(ReindexOperator op) {
        double[] d = new double[9];
        for (int i = 0; i < 9; i++) d[i] = op.matrix()[i];
        return d;
    }

    /** True if op is one of the four rotations of 222 (h,k,l; -h,-k,l; -h,k,-l; h,-k,-l). */
    static boolean isPointGroupOperation(ReindexOperator op) {
        int[] m = op.matrix();
        return m[1] == 0 && m[2] == 0 && m[3] == 0 && m[5] == 0 && m[6] == 0 && m[7] == 0
                && Math.abs(m[0]) == 1 && Math.abs(m[4]) == 1 && Math.abs(m[8]) == 1 && op.determinant() == 1;
    }

    static double ccWithTruth(MultiMerge.Run run, Map<MillerIndex, Double> truth) {
        List<MergedReflection> m = run.merged().stream().filter(x -> truth.containsKey(x.hkl())).toList();
        assertThat(m.size()).isGreaterThan(run.merged().size() * 9 / 10);
        return Correlation.pearson(m.stream().mapToDouble(MergedReflection::iMean).toArray(),
                m.stream().mapToDouble(x -> truth.get(x.hkl())).toArray());
    }

    /** Plain unscaled merge of the observations as given (ASU keys), CC with the truth. */
    static double ccOfPlainMerge(List<XdsAsciiFile> data, Map<MillerIndex, Double> truth) {
        ReciprocalAsu asu = P212121.reciprocalAsu();
        List<IntensityObservation> obs = new ArrayList<>();
        for (XdsAsciiFile f : data) {
            f.observations().forEach(o -> obs.add(new IntensityObservation(asu.toAsu(o.hkl()).hkl(), o.intensity(), o.sigma())));
        }
        Map<MillerIndex, MergedIntensity> m = MergedIntensity.merge(obs);
        List<MillerIndex> keys = m.keySet().stream().filter(truth::containsKey).toList();
        return Correlation.pearson(keys.stream().mapToDouble(k -> m.get(k).intensity()).toArray(),
                keys.stream().mapToDouble(truth::get).toArray());
    }

    @Test
    void wedgesInOtherSettingsAreReindexedToTheReferenceAndMergeAsWellAsCorrectlySetOnes(@TempDir Path tmp) throws Exception {
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(P212121, CELL, 3.0, 20, 41);
        List<MergePreparation.Dataset> datasets = new ArrayList<>();
        List<XdsAsciiFile> asWritten = new ArrayList<>();
        List<Path> correctFiles = new ArrayList<>();
        List<XdsAsciiFile> correctData = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            XdsAsciiFile f = wedge(truth, i, indexing(i), CELL, 900 + i);
            asWritten.add(f);
            datasets.add(new MergePreparation.Dataset(tmp.resolve("proc/w" + i + "/XDS_ASCII.HKL"), f, null));
            correctFiles.add(tmp.resolve("proc/w" + i + "/XDS_ASCII.HKL"));
            correctData.add(wedge(truth, i, ReindexOperator.identity(), CELL, 900 + i));
        }
        // A ninth crystal whose cell is 15 % longer: another cell-graph group, left out with its group.
        UnitCell off = new UnitCell(69, 80.5, 92, 90, 90, 90);
        datasets.add(new MergePreparation.Dataset(tmp.resolve("proc/w8/XDS_ASCII.HKL"),
                wedge(SimulatedWedges.truth(P212121, off, 3.0, 20, 42), 8, ReindexOperator.identity(), off, 908), null));

        MergePreparation.Result prep = MergePreparation.prepare(datasets, null);

        assertThat(prep.symmetry().number()).isEqualTo(19);
        assertThat(prep.referenceCell().a()).isCloseTo(60, org.assertj.core.api.Assertions.within(0.5));
        assertThat(prep.kept()).hasSize(8);
        assertThat(prep.left()).singleElement().satisfies(l -> {
            assertThat(l.file()).isEqualTo(tmp.resolve("proc/w8/XDS_ASCII.HKL"));
            assertThat(l.reason()).contains("cell group 2 of 2 (1 datasets", "not group 1 (8 datasets");
        });
        for (int i = 0; i < 8; i++) {
            MergePreparation.Kept k = prep.kept().get(i);
            // operator·(simulated indexing) must be a rotation of 222: the wedge is back in the truth's setting.
            assertThat(isPointGroupOperation(k.operator().after(indexing(i)))).as("wedge %d: %s after %s", i, k.operator(), indexing(i)).isTrue();
            assertThat(k.reindexed()).as("wedge %d", i).isEqualTo(!indexing(i).isIdentity());
            assertThat(k.data().header().spaceGroupNumber()).isEqualTo(19);
            assertThat(k.data().header().unitCell().a()).isCloseTo(60, org.assertj.core.api.Assertions.within(0.5));
            assertThat(k.data().header().unitCell().b()).isCloseTo(70, org.assertj.core.api.Assertions.within(0.5));
        }
        assertThat(prep.log().get(0)).startsWith("group_choice= 1, symmetry= P 21 21 21 (60.");
        assertThat(prep.log()).contains("group 1: 8 datasets, P1 cell " + datasets.get(0).data().header().unitCell().format());
        assertThat(MergePreparation.describe(prep.kept().get(1))).startsWith("reindexed by h,k,l -> ").contains("(P 21 21 21 -> P 21 21 21");
        assertThat(MergePreparation.describe(prep.kept().get(3))).startsWith("reindexed by h,k,l -> ").contains("(P 1 -> P 21 21 21");
        assertThat(MergePreparation.describe(prep.kept().get(0))).isEqualTo("unchanged");
        ClusterChoice.Thresholds root = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1);
        AutoMultiMerge.Settings settings = new AutoMultiMerge.Settings(Clustering.BLEND, 3.0, null, root, 1, Scaler.Settings.defaults(), false);
        AutoMultiMerge.Outcome prepared = new AutoMultiMerge(settings).run("s", prep, tmp.resolve("prepared"));
        AutoMultiMerge.Outcome reference = new AutoMultiMerge(settings).run("s", correctFiles, correctData, tmp.resolve("correct"));
        MultiMerge.Run runPrepared = prepared.passes().get(0).outcomes().get(0).finalRun();
        MultiMerge.Run runCorrect = reference.passes().get(0).outcomes().get(0).finalRun();
        double ccPrepared = ccWithTruth(runPrepared, truth), ccCorrect = ccWithTruth(runCorrect, truth);
        double ccAsWritten = ccOfPlainMerge(asWritten, truth);
        double ccPlainPrepared = ccOfPlainMerge(prep.kept().stream().map(MergePreparation.Kept::data).toList(), truth);
        System.out.printf("CC with truth: prepared %.4f (%d wedges), correctly set %.4f (%d wedges); plain merges: prepared %.4f, as written %.4f%n",
                ccPrepared, runPrepared.members().size(), ccCorrect, runCorrect.members().size(), ccPlainPrepared, ccAsWritten);
        assertThat(runPrepared.members()).hasSameSizeAs(runCorrect.members());
        assertThat(ccPrepared).isGreaterThan(0.98).isCloseTo(ccCorrect, org.assertj.core.api.Assertions.within(0.005));
        assertThat(ccAsWritten).isLessThan(ccPlainPrepared - 0.2);

        // formerge.lst / cells.dat list the reindexed copies in input_files/ with their transformed cells; the inputs are not written.
        Path dir = prepared.sampleDirectory();
        List<String> lst = Files.readAllLines(dir.resolve("formerge.lst"));
        assertThat(lst).hasSize(8);
        assertThat(lst.stream().filter(l -> l.contains("/input_files/"))).hasSize(5);
        assertThat(lst).contains(dir.resolve("input_files/w1/XDS_ASCII.HKL").toString(), tmp.resolve("proc/w0/XDS_ASCII.HKL").toString());
        XdsAsciiFile copy = XdsAsciiReader.read(dir.resolve("input_files/w3/XDS_ASCII.HKL"));
        assertThat(copy.header().spaceGroupNumber()).isEqualTo(19);
        assertThat(copy.header().unitCell().a()).isCloseTo(60, org.assertj.core.api.Assertions.within(0.5));
        assertThat(Files.readString(dir.resolve("cells.dat"))).contains(dir.resolve("input_files/w1/XDS_ASCII.HKL") + "  60.082  70.126  79.943");
        assertThat(Files.exists(tmp.resolve("proc"))).isFalse();
        String log = Files.readString(dir.resolve("prep_merge.log"));
        assertThat(log).startsWith("group_choice= 1, symmetry= P 21 21 21").contains("\nw8/XDS_ASCII.HKL: dropped: cell group 2 of 2")
                .contains("\nw0/XDS_ASCII.HKL: unchanged\n", "\nw1/XDS_ASCII.HKL: reindexed by h,k,l -> ", "\nwrote input_files/w7/XDS_ASCII.HKL (reindexed copy)\n")
                .doesNotContain(tmp.toString())
                .contains("symmetry= P 21 21 21 (19)").contains("8 of 8 datasets kept by the cell filter");
    }

    @Test
    void monoclinicWedgesInAP1ReducedBasisOrAnotherBetaChoiceAreReindexedToTheC2Setting() {
        // C2 (100 × 50 × 60 Å, β 105°): three wedges as XDS writes them, one in its P1 Niggli basis labelled P1 (the
        // reindexing back is a det-2 matrix), one in the C2 setting (a, b, c − a) with β 153.3°, and a P2 label on
        // a β 105° cell of another length (a 25 % longer: a second group).
        UnitCell c2 = new UnitCell(100, 50, 60, 90, 105, 90);
        java.util.List<MergePreparation.Dataset> in = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            in.add(new MergePreparation.Dataset(Path.of("/p/c" + i + "/XDS_ASCII.HKL"),
                    new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(false, true, 5, c2, 1.0), List.of()), null));
        }
        org.mxflow.cluster.TriclinicCell.Reduction p1 = org.mxflow.cluster.TriclinicCell.reduce(c2, 'C');
        in.add(new MergePreparation.Dataset(Path.of("/p/t/XDS_ASCII.HKL"),
                new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(false, true, 1, p1.cell(), 1.0), List.of()), null));
        ReindexOperator otherBeta = new ReindexOperator(new int[] {1, 0, 0, 0, 1, 0, -1, 0, 1});
        UnitCell beta153 = org.mxflow.cell.CellReduction.transformed(c2, toDouble(otherBeta));
        assertThat(beta153.beta()).isCloseTo(153.3, org.assertj.core.api.Assertions.within(0.1));
        in.add(new MergePreparation.Dataset(Path.of("/p/b/XDS_ASCII.HKL"),
                new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(false, true, 5, beta153, 1.0), List.of()), null));
        in.add(new MergePreparation.Dataset(Path.of("/p/x/XDS_ASCII.HKL"),
                new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(false, true, 3, new UnitCell(125, 50, 60, 90, 105, 90), 1.0), List.of()), null));

        MergePreparation.Result r = MergePreparation.prepare(in, null);

        assertThat(r.symmetry().number()).isEqualTo(5);
        assertThat(r.kept()).hasSize(5);
        assertThat(r.left()).singleElement().satisfies(l -> assertThat(l.reason()).startsWith("cell group 2 of 2"));
        for (MergePreparation.Kept k : r.kept()) {
            assertThat(k.data().header().unitCell().toArray()).as(k.file().toString())
                    .containsExactly(c2.toArray(), org.assertj.core.api.Assertions.within(1e-3));
        }
        MergePreparation.Kept triclinic = r.kept().get(3);
        assertThat(triclinic.operator().determinant()).isEqualTo(2);
        // Every primitive index lands on an allowed C reflection (h + k even) ...
        for (int h = -3; h <= 3; h++) for (int k = -3; k <= 3; k++) for (int l = -3; l <= 3; l++) {
            MillerIndex c = triclinic.operator().apply(new MillerIndex(h, k, l));
            assertThat((c.h() + c.k()) % 2).isZero();
        }
        // ... and reducing the C setting again gives back the P1 basis up to a lattice symmetry: (C -> P1)·operator is
        // integral, det 1, and keeps the P1 metric.
        double[] back = p1.fromSetting(), composite = new double[9];
        int[] op = triclinic.operator().matrix();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int q = 0; q < 3; q++) composite[3 * i + j] += back[3 * i + q] * op[3 * q + j];
        for (double v : composite) assertThat(Math.abs(v - Math.rint(v))).isLessThan(1e-9);
        assertThat(org.mxflow.cell.CellReduction.transformed(p1.cell(), composite).toArray())
                .containsExactly(p1.cell().toArray(), org.assertj.core.api.Assertions.within(1e-6));
        MergePreparation.Kept beta = r.kept().get(4);
        assertThat(beta.reindexed()).isTrue();
        assertThat(beta.operator().after(otherBeta).matrix()).satisfiesAnyOf(
                m -> assertThat(m).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1),
                m -> assertThat(m).containsExactly(-1, 0, 0, 0, 1, 0, 0, 0, -1));
    }
}
