package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.CcClustering;
import org.mxflow.cluster.CellClustering;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * One sample name, two non-isomorphous crystal forms (simulated truth): form A 60×70×80 Å,
 * form B 4 % longer axes and unrelated intensities; 8 small wedges (8°, 3.5 Å) of each, with
 * ±0.2 % cell scatter.
 */
class AutoMultiMergeTest {

    static final SpaceGroup P212121 = SpaceGroups.byNumber(19);
    static final UnitCell CELL_A = new UnitCell(60, 70, 80, 90, 90, 90);
    static final UnitCell CELL_B = new UnitCell(62.4, 72.8, 83.2, 90, 90, 90);
    static final double D_MIN = 3.5;

    record Sample(List<Path> files, List<XdsAsciiFile> data, Map<MillerIndex, Double> truthA, Map<MillerIndex, Double> truthB) {}

    static Sample twoForms(Path root) throws IOException {
        Map<MillerIndex, Double> ta = SimulatedWedges.truth(P212121, CELL_A, D_MIN, 20, 1);
        Map<MillerIndex, Double> tb = SimulatedWedges.truth(P212121, CELL_B, D_MIN, 20, 2);
        Random random = new Random(5);
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            boolean a = i % 2 == 0; // interleaved, so list order says nothing about the form
            UnitCell c = a ? CELL_A : CELL_B;
            UnitCell jit = new UnitCell(c.a() * (1 + 0.002 * random.nextGaussian()), c.b() * (1 + 0.002 * random.nextGaussian()),
                    c.c() * (1 + 0.002 * random.nextGaussian()), 90, 90, 90);
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(jit, 13.0 * i, 16, 0.5, 0.6 + 0.03 * i, 2.0 * (i % 3), -0.005, 10,
                    0.05, Set.of(), ReindexOperator.identity(), 500 + i);
            XdsAsciiFile f = SimulatedWedges.wedge(a ? ta : tb, P212121, w, D_MIN, 1.0);
            Path p = root.resolve(String.format("pin%02d/data01/XDS_ASCII.HKL", i));
            files.add(p);
            data.add(f);
        }
        return new Sample(files, data, ta, tb);
    }

    private static Set<Integer> formA() {
        return Set.of(0, 2, 4, 6, 8, 10, 12, 14);
    }

    /** 0-based leaves under each child of the root, as sorted sets. */
    private static List<List<Integer>> rootChildren(Dendrogram tree, List<Integer> leafToInput) {
        Dendrogram.Merge root = tree.merge(tree.clusterCount());
        List<List<Integer>> out = new ArrayList<>();
        for (int child : new int[] {root.left(), root.right()}) {
            int[] m = child < 0 ? new int[] {-child - 1} : tree.members(child);
            out.add(Arrays.stream(m).map(leafToInput::get).sorted().boxed().toList());
        }
        return out;
    }

    @Test
    void bothClusteringsSeparateTheTwoCrystalFormsCompletely(@TempDir Path tmp) throws IOException {
        Sample s = twoForms(tmp);
        List<UnitCell> cells = s.data().stream().map(f -> f.header().unitCell()).toList();
        List<Integer> identity = java.util.stream.IntStream.range(0, 16).boxed().toList();
        List<List<Integer>> blend = rootChildren(new CellClustering().cluster(cells).tree(), identity);
        ReciprocalAsu asu = P212121.reciprocalAsu();
        List<Map<MillerIndex, MergedIntensity>> merged = s.data().stream().map(f -> AutoMultiMerge.mergedForCc(f, P212121, asu, D_MIN)).toList();
        CcClustering.Result cc = new CcClustering().cluster(merged);
        assertThat(cc.removed()).isEmpty();
        List<List<Integer>> byCc = rootChildren(cc.tree(), cc.used());
        List<Integer> a = formA().stream().sorted().toList();
        List<Integer> b = identity.stream().filter(i -> !formA().contains(i)).toList();
        assertThat(blend).containsExactlyInAnyOrder(a, b);
        assertThat(byCc).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void mergesEachFormSeparatelyWithResolutionPassesAndIdenticalFilesForOneOrTwoThreads(@TempDir Path tmp) throws IOException {
        Sample s = twoForms(tmp.resolve("raw"));
        // KAMO's order puts the root (all 16, highest redundancy) first; the next two are the forms.
        ClusterChoice.Thresholds top3 = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3);
        for (Clustering method : Clustering.values()) {
            // progress: every pass announced with the clusters it merges, each of them reported once when merged
            java.util.Map<String, Integer> announced = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.Map<String, List<Integer>> reported = new java.util.concurrent.ConcurrentHashMap<>();
            AutoMultiMerge.Progress progress = new AutoMultiMerge.Progress() {
                @Override
                public void passStarted(String pass, int clusters) {
                    announced.put(pass, clusters);
                }

                @Override
                public void clusterMerged(String pass, int cluster) {
                    reported.computeIfAbsent(pass, k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(cluster);
                }
            };
            AutoMultiMerge.Outcome one = new AutoMultiMerge(new AutoMultiMerge.Settings(method, D_MIN, null, top3, 2,
                    Scaler.Settings.defaults(), true)).withProgress(progress).run("lyso 1", s.files(), s.data(), tmp.resolve("t2"));
            assertThat(announced).hasSize(one.passes().size());
            for (AutoMultiMerge.Pass p : one.passes()) {
                String name = p.directory().getFileName().toString().replace("_final", "");
                assertThat(announced.get(name)).as(name).isEqualTo(p.clusterNumbers().size());
                assertThat(reported.get(name)).as(name).containsExactlyInAnyOrderElementsOf(p.clusterNumbers());
            }
            assertThat(one.sampleDirectory().getFileName().toString()).isEqualTo("merge_" + method.label() + "_3.5S_lyso_1");
            AutoMultiMerge.Pass last = one.passes().get(one.passes().size() - 1);
            assertThat(last.directory().getFileName().toString()).matches(method.label() + "_\\d\\.\\d\\dA_final");
            assertThat(Files.readString(last.directory().resolve("cluster_summary.dat"))).startsWith("# d_min= ")
                    .contains(ClusterSummary.COLUMNS);
            // One row per run of each merged cluster, with KAMO's 28 columns.
            List<String> rows = Files.readAllLines(last.directory().resolve("cluster_summary.dat")).subList(3, 
                    Files.readAllLines(last.directory().resolve("cluster_summary.dat")).size());
            int runs = last.outcomes().stream().mapToInt(o -> o.runs().size()).sum();
            assertThat(rows).hasSize(runs);
            assertThat(rows).allSatisfy(r -> assertThat(r.trim().split("\\s+")).hasSize(28));
            assertThat(rows.get(0).trim()).startsWith("cluster_");
            // The two largest clusters chosen are the two forms, each merged without the other.
            assertThat(one.inputs().size()).as("inputs after the cell filter").isEqualTo(16);
            assertThat(one.passes().get(0).outcomes().size()).isEqualTo(3);
            Path work = one.passes().get(0).directory().resolve(method.workDirectory());
            String summaryFile = method == Clustering.BLEND ? "blend_cluster_summary.dat" : "cc_cluster_summary.dat";
            String summary = Files.exists(work) ? Files.readString(work.resolve(summaryFile)) : "(renamed)";
            int pure = 0;
            for (MultiMerge.Outcome o : one.passes().get(0).outcomes()) {
                List<Integer> used = o.finalRun().members();
                if (o.runs().get(0).members().size() == 16) continue;
                pure++;
                MultiMerge.Run run = o.finalRun();
                int firstInput = s.files().indexOf(o.files().get(0));
                boolean formAcluster = formA().contains(firstInput);
                for (int m : o.runs().get(0).members()) {
                    assertThat(formA().contains(s.files().indexOf(o.files().get(m)))).as(method + " " + o.runs().get(0).members() + "\n" + summary).isEqualTo(formAcluster);
                }
                Map<MillerIndex, Double> truth = formAcluster ? s.truthA() : s.truthB();
                double[] x = run.merged().stream().mapToDouble(MergedReflection::iMean).toArray();
                double[] y = run.merged().stream().mapToDouble(r -> truth.get(r.hkl())).toArray();
                assertThat(org.mxflow.stats.Correlation.pearson(x, y)).as("CC with the truth of the form").isGreaterThan(0.97);
                assertThat(used.size()).as("datasets in the final run").isGreaterThanOrEqualTo(6);
            }
            assertThat(pure).isEqualTo(2);
            if (method == Clustering.BLEND) {
                // Determinism: the same inputs on one thread give byte-identical files.
                AutoMultiMerge.Outcome single = new AutoMultiMerge(new AutoMultiMerge.Settings(method, D_MIN, null, top3, 1,
                        Scaler.Settings.defaults(), true)).run("lyso 1", s.files(), s.data(), tmp.resolve("t1"));
                Map<String, String> a = tree(one.sampleDirectory()), b = tree(single.sampleDirectory());
                assertThat(a.size()).isGreaterThan(50);
                assertThat(a).isEqualTo(b);
            }
        }
    }

    /** Every file under dir, relative path → content. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                out.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
