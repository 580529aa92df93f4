package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.mxflow.merge.ReindexOperator;
import org.mxflow.mtz.MtzFile;
import org.mxflow.mtz.MtzReader;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import picocli.CommandLine;

class MergeCommandTest {

    /** Six simulated 10° wedges of one P212121 crystal form at 3.5 Å, written as XDS_ASCII.HKL. */
    static List<Path> wedges(Path root) throws Exception {
        return wedges(root, SimulatedWedges.truth(SpaceGroups.byNumber(19), CELL, 3.5, 20, 3), -1, null);
    }

    static final UnitCell CELL = new UnitCell(60, 70, 80, 90, 90, 90);

    /** As {@link #wedges(Path)}, wedge {@code odd} (−1: none) measuring {@code oddTruth} instead. */
    static List<Path> wedges(Path root, Map<MillerIndex, Double> truth, int odd, Map<MillerIndex, Double> oddTruth) throws Exception {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = CELL;
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 30.0 * i, 20, 0.5, 1.0, 0, 0, 10, 0.05, Set.of(),
                    ReindexOperator.identity(), 900 + i);
            Path p = root.resolve("pin0" + i + "/data01/XDS_ASCII.HKL");
            Files.createDirectories(p.getParent());
            XdsAsciiWriter.write(SimulatedWedges.wedge(i == odd ? oddTruth : truth, sg, w, 3.5, 1.0), p);
            out.add(p);
        }
        return out;
    }

    @Test
    void mergesAListIntoKamosTreeWithAnMtzThatReadsBack(@TempDir Path tmp) throws Exception {
        List<Path> files = wedges(tmp.resolve("proc"));
        Path lst = tmp.resolve("formerge.lst");
        Files.writeString(lst, String.join("\n", files.stream().map(Path::toString).toList()) + "\n");
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute("merge", "-o", tmp.resolve("out").toString(), "--sample", "../lyso A", "--clustering", "cc",
                "--no-passes", "--max-clusters", "1", "--list", lst.toString());
        assertThat(rc).isZero();
        // The sample name cannot leave the output tree: '/' becomes '-', ' ' becomes '_'.
        Path sampleDir = tmp.resolve("out/merge_cc_3.5S_..-lyso_A");
        assertThat(sampleDir.resolve("formerge.lst")).exists();
        // Start resolution: the data's highest resolution, rounded up to 0.01 Å (≤ 3.5 Å by construction).
        Path fin = sampleDir.resolve("cc_3.50A_final");
        assertThat(fin.resolve("cluster_summary.dat")).exists();
        assertThat(fin.resolve("cc_clustering/cctable.dat")).exists();
        // the same report.html the orchestrator writes into each pass directory, naming the merged cluster
        assertThat(fin.resolve("report.html")).exists();
        assertThat(Files.readString(fin.resolve("report.html"))).contains("cluster_0005").contains("..-lyso_A");
        assertThat(out.toString()).contains("report: " + fin.resolve("report.html"));
        Path run = Files.exists(fin.resolve("cluster_0005/run_03")) ? fin.resolve("cluster_0005/run_03") : fin.resolve("cluster_0005/run_02");
        MtzFile mtz = MtzReader.read(run.resolve("ccp4/xscale.mtz"));
        assertThat(mtz.spaceGroupNumber()).isEqualTo(19);
        assertThat(mtz.hasColumn("IMEAN") && mtz.hasColumn("SIGI(-)")).isTrue();
        assertThat(out.toString()).contains("cluster_0005").contains("CC1/2");
    }

    @Test
    void deltaCcHalfOptionRemovesTheWedgeThatIsHalfAnotherCrystal(@TempDir Path tmp) throws Exception {
        // Six wedges as above, but pin04 measures half this crystal and half an unrelated one (truth seed 4).
        SpaceGroup sg = SpaceGroups.byNumber(19);
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(sg, CELL, 3.5, 20, 3), other = SimulatedWedges.truth(sg, CELL, 3.5, 20, 4);
        Map<MillerIndex, Double> mixed = new java.util.HashMap<>();
        truth.forEach((h, v) -> mixed.put(h, 0.5 * v + 0.5 * other.get(h)));
        List<String> files = wedges(tmp.resolve("proc"), truth, 4, mixed).stream().map(Path::toString).toList();
        for (boolean option : new boolean[] {false, true}) {
            Path out = tmp.resolve(option ? "with" : "without");
            List<String> args = new ArrayList<>(List.of("merge", "-o", out.toString(), "--sample", "s", "--clustering", "blend",
                    "--no-passes", "--max-clusters", "1"));
            if (option) args.add("--delta-cc-half");
            args.addAll(files);
            CommandLine cl = MxflowCommand.newCommandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            assertThat(cl.execute(args.toArray(String[]::new))).isZero();
            String logs;
            try (var walk = Files.walk(out)) {
                logs = walk.filter(f -> f.getFileName().toString().equals("merge.log")).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).reduce("", String::concat);
            }
            if (option) {
                assertThat(logs).containsPattern("delta_cc1/2: without \\S*pin04\\S* CC1/2");
                assertThat(logs).doesNotContainPattern("delta_cc1/2: without \\S*pin0[01235]");
            } else {
                assertThat(logs).doesNotContain("delta_cc1/2");
            }
        }
    }

    @Test
    void aMissingInputIsOneErrorLineNamingIt(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        Path missing = tmp.resolve("nowhere/XDS_ASCII.HKL");
        assertThat(cl.execute("merge", "-o", tmp.resolve("out").toString(), missing.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("mxflow: error: " + missing + ": no such XDS_ASCII.HKL file");
    }

    /** {@link #wedges(Path)} with the first three relabelled P222 (#16). */
    static List<Path> wedgesThreeLabelledP222(Path root) throws Exception {
        List<Path> files = wedges(root);
        for (int i = 0; i < 3; i++) {
            org.mxflow.reflection.XdsAsciiFile f = org.mxflow.reflection.XdsAsciiReader.read(files.get(i));
            XdsAsciiWriter.write(new org.mxflow.reflection.XdsAsciiFile(
                    f.header().withSpaceGroup(16, f.header().unitCell()), f.observations()), files.get(i));
        }
        return files;
    }

    @Test
    void wedgesThatDisagreeOnlyOnScrewAxesAreMergedUnderOneSpaceGroup(@TempDir Path tmp) throws Exception {
        // Three of the six wedges say P222 (#16): same lattice and point group as P212121, no screw axes seen.
        List<Path> files = wedgesThreeLabelledP222(tmp.resolve("proc"));
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("merge", "-o", tmp.resolve("out").toString(),
                "--sample", "p", "--clustering", "cc", "--no-passes", "--max-clusters", "1"), files.stream().map(Path::toString))
                .toArray(String[]::new));
        assertThat(rc).as(out.toString()).isZero();
        assertThat(out.toString()).contains("3 file(s) relabelled to the common space group 16");
        // all six reach the merge list (before, the three P212121 files were skipped as "space group 19 is not 16")
        assertThat(Files.readAllLines(tmp.resolve("out/merge_cc_3.5S_p/formerge.lst")).stream().filter(l -> !l.isBlank())).hasSize(6);
    }

    @Test
    void aGivenSpaceGroupIsWrittenAsGivenWithoutDecidingFromTheData(@TempDir Path tmp) throws Exception {
        // Simulated P212121 wedges (truth without the axial absences enforced, so only the label can say 19), three
        // labelled P222: --space-group "P 21 21 21" relabels them and every run's MTZ carries 19, no pointless.log.
        List<Path> files = wedgesThreeLabelledP222(tmp.resolve("proc"));
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("merge", "-o", tmp.resolve("out").toString(),
                "--sample", "p", "--clustering", "cc", "--no-passes", "--max-clusters", "1", "--space-group", "P 21 21 21"),
                files.stream().map(Path::toString)).toArray(String[]::new));
        assertThat(rc).as(out.toString()).isZero();
        assertThat(out.toString()).contains("3 file(s) relabelled to the common space group 19");
        Path sample = tmp.resolve("out/merge_cc_3.5S_p");
        assertThat(Files.readString(sample.resolve("prep_merge.log"))).contains("symmetry= P 21 21 21 (19) given by the user");
        List<Path> mtz;
        try (java.util.stream.Stream<Path> all = Files.walk(sample)) {
            mtz = all.filter(p -> p.getFileName().toString().equals("xscale.mtz")).toList();
        }
        assertThat(mtz).isNotEmpty();
        for (Path m : mtz) assertThat(org.mxflow.mtz.MtzReader.read(m).spaceGroupNumber()).as(m.toString()).isEqualTo(19);
        try (java.util.stream.Stream<Path> all = Files.walk(sample)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("pointless.log"))).isEmpty();
        }
    }

    @Test
    void anUnknownSpaceGroupIsOneErrorLine(@TempDir Path tmp) throws Exception {
        List<Path> files = wedges(tmp.resolve("proc"));
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("merge", "-o", tmp.resolve("out").toString(), "--space-group", "P 7", files.get(0).toString(),
                files.get(1).toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mxflow: error: --space-group 'P 7' is not a space group: ");
    }

    /** A FreeR_flag reference of {@link #CELL}'s P212121 form (or another cell), written by our MtzWriter: flag h mod 20 for h,k,l < 12. */
    static Path referenceMtz(Path file, UnitCell cell) throws Exception {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        List<Float> rows = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            for (int k = 0; k < 12; k++) {
                for (int l = 0; l < 12; l++) {
                    if (h + k + l == 0) continue;
                    rows.addAll(List.of((float) h, (float) k, (float) l, (float) (h % 20)));
                }
            }
        }
        float[] data = new float[rows.size()];
        for (int i = 0; i < data.length; i++) data[i] = rows.get(i);
        org.mxflow.mtz.MtzWriter.write(new MtzFile("reference", cell, sg.ccp4Symbol(), sg.ccp4Number(), sg.operations().allOps(),
                new int[] {1, 2, 3, 0, 0}, List.of(org.mxflow.mtz.MtzDataset.hklBase(cell),
                        new org.mxflow.mtz.MtzDataset(1, "p", "c", "d", cell, 1.0)),
                List.of(org.mxflow.mtz.MtzColumn.of("H", 'H', 0), org.mxflow.mtz.MtzColumn.of("K", 'H', 0),
                        org.mxflow.mtz.MtzColumn.of("L", 'H', 0), org.mxflow.mtz.MtzColumn.of("FreeR_flag", 'I', 1)),
                data, List.of(), List.of(), java.nio.ByteOrder.LITTLE_ENDIAN), file);
        return file;
    }

    @Test
    void aReferenceMtzPutsItsFreeRFlagsIntoTheMergedMtz(@TempDir Path tmp) throws Exception {
        List<Path> files = wedges(tmp.resolve("proc"));
        Path ref = referenceMtz(tmp.resolve("ref.mtz"), CELL);
        StringWriter out = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("merge", "-o", tmp.resolve("out").toString(),
                "--sample", "p", "--clustering", "cc", "--no-passes", "--max-clusters", "1", "--reference-mtz", ref.toString()),
                files.stream().map(Path::toString)).toArray(String[]::new));
        assertThat(rc).as(out.toString()).isZero();
        List<Path> mtz;
        try (java.util.stream.Stream<Path> all = Files.walk(tmp.resolve("out"))) {
            mtz = all.filter(p -> p.getFileName().toString().equals("xscale.mtz")).toList();
        }
        assertThat(mtz).isNotEmpty();
        for (Path m : mtz) {
            MtzFile f = MtzReader.read(m);
            float[] h = f.columnValues("H"), k = f.columnValues("K"), l = f.columnValues("L"), flag = f.columnValues("FreeR_flag");
            int fromReference = 0;
            for (int r = 0; r < f.reflectionCount(); r++) {
                if (h[r] < 12 && k[r] < 12 && l[r] < 12) {
                    assertThat(flag[r]).as("%s %s %s in %s", h[r], k[r], l[r], m).isEqualTo(h[r] % 20);
                    fromReference++;
                }
            }
            assertThat(fromReference).as(m.toString()).isGreaterThan(300);
        }
    }

    @Test
    void aMissingReferenceMtzIsOneErrorLine(@TempDir Path tmp) throws Exception {
        List<Path> files = wedges(tmp.resolve("proc"));
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        Path missing = tmp.resolve("no/ref.mtz");
        assertThat(cl.execute("merge", "-o", tmp.resolve("out").toString(), "--reference-mtz", missing.toString(), files.get(0).toString(),
                files.get(1).toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("mxflow: error: " + missing + ": no such reference MTZ file");
    }

    @Test
    void aReferenceMtzOfAnotherCellIsOneErrorLineBeforeMerging(@TempDir Path tmp) throws Exception {
        List<Path> files = wedges(tmp.resolve("proc"));
        // a 65 Å where the data have 60: 8 %
        Path ref = referenceMtz(tmp.resolve("ref.mtz"), new UnitCell(65, 70, 80, 90, 90, 90));
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("merge", "-o", tmp.resolve("out").toString(), "--reference-mtz", ref.toString(), files.get(0).toString(),
                files.get(1).toString())).isEqualTo(1);
        String line = err.toString().strip();
        assertThat(line).doesNotContain("\n").startsWith("mxflow: error: reference MTZ " + ref + " has cell 65.000 70.000 80.000")
                .contains("from the merge's cell 60.");
        assertThat(line.lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
