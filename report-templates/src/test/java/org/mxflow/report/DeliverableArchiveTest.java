package org.mxflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SyntheticBeamtime;

/** The deliverable .tgz read back: exactly the listed files, byte for byte, no symlink escapes, no raw frames. */
class DeliverableArchiveTest {

    @Test
    void selectionFollowsTheDeliverableList() {
        List<String> files = List.of(
                "261121_BL45XU_t_00.html", "261121_BL45XU_t.csv",
                "_kamoproc/report.html", "_kamoproc/correct.html", "_kamoproc/contents/plot1.png",
                "_kamoproc/P-01/data00/x_1-100/report.html", "_kamoproc/P-01/data00/x_1-100/XDS_ASCII.HKL",
                "_kamo_30deg/report.html",
                "_kamoproc/merge_blend_2.2S_Lys/report.html",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.20A/report.html",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.20A/cluster_0007/run_03/xscale.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_summary.dat",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/merge.log",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_01/xscale.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/xscale.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/ccp4/xscale.mtz",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/XSCALE.LP",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/lnk000000.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0009/run_03/xscale.hkl",
                "P-01/raster.jpg", "P-01/scan00/2d/spotfinder/hitmap.png", "P-01/scan00/2d/spotfinder/thumb_2d/a.jpg");
        assertThat(DeliverableArchive.select(files)).containsExactly(
                "261121_BL45XU_t_00.html",
                "P-01/raster.jpg", "P-01/scan00/2d/spotfinder/hitmap.png",
                "_kamo_30deg/report.html",
                "_kamoproc/P-01/data00/x_1-100/report.html",
                "_kamoproc/contents/plot1.png", "_kamoproc/correct.html",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/merge.log",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/XSCALE.LP",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/ccp4/xscale.mtz",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0007/run_02/xscale.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_0009/run_03/xscale.hkl",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.05A_final/cluster_summary.dat",
                "_kamoproc/merge_blend_2.2S_Lys/blend_2.20A/report.html",
                "_kamoproc/merge_blend_2.2S_Lys/report.html",
                "_kamoproc/report.html");
    }

    @Test
    void archiveOfARenderedBeamtimeReadsBackExactly(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("261121_BL45XU_t");
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(root, 2, 1, 1, "", null, true);
        SyntheticBeamtime.renderAll(new ReportRenderer(), b);
        // correct.html links each CORRECT.LP: the archive must carry them so the links work unpacked
        Path lp = root.resolve("_kamoproc/CPS1000-03/data00/cry00_1-3600/CORRECT.LP");
        Files.copy(CorrectHtmlTest.realCorrectLp(), lp);
        new ReportRenderer().renderCorrectHtml(List.of(new DatasetCorrectSummary("CPS1000-03/data00/cry00_1-3600", lp, "C2",
                org.mxflow.xds.CorrectLpParser.parse(lp).datasetStatistics())), root.resolve("_kamoproc/correct.html"));
        // raw frames and things outside the tree must never go in
        Path frame = root.resolve("CPS1000-01/data00/CPS1000-01-multi_001_00001.cbf");
        Files.createDirectories(frame.getParent());
        Files.writeString(frame, "raw");
        Path outside = tmp.resolve("secret.txt");
        Files.writeString(outside, "not part of the beamtime");
        Files.createSymbolicLink(root.resolve("_kamoproc/report_link.html"), outside);
        Files.createSymbolicLink(root.resolve("_kamoproc/escape"), tmp);
        Files.createDirectories(root.resolve("_kamoproc/zz/data00/x_1-10"));
        Files.createSymbolicLink(root.resolve("_kamoproc/zz/data00/x_1-10/report.html"), outside);

        Path tgz = DeliverableArchive.write(root);
        assertThat(tgz).isEqualTo(root.resolve("261121_BL45XU_t.tgz"));
        // Reports and the archive are for other users: the permissions any plainly written file gets
        // here (the umask's), not createTempFile's owner-only 0600.
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.writeString(root.resolve("plain.txt"), "x");
            var expectedMode = Files.getPosixFilePermissions(plain);
            Files.delete(plain);
            assertThat(Files.getPosixFilePermissions(tgz)).isEqualTo(expectedMode);
            assertThat(Files.getPosixFilePermissions(root.resolve("_kamoproc/report.html"))).isEqualTo(expectedMode);
            assertThat(Files.getPosixFilePermissions(root.resolve("_kamoproc/correct.html"))).isEqualTo(expectedMode);
        }
        Map<String, byte[]> read = readBack(tgz);

        Path pass = b.merges().get(0).directory();
        String passName = root.relativize(pass).toString();
        TreeSet<String> expected = new TreeSet<>(List.of(
                "261121_BL45XU_t_00.html", "_kamoproc/report.html", "_kamo_30deg/report.html", "_kamoproc/correct.html",
                "_kamoproc/CPS1000-03/data00/cry00_1-3600/CORRECT.LP",
                passName + "/report.html", passName + "/cluster_summary.dat"));
        for (MergeReport.MergedCluster c : b.merges().get(0).merged()) {
            String cl = passName + "/" + org.mxflow.merge.MergeDirectoryNames.clusterDirectoryName(c.clusterNumber());
            String run = cl + "/" + org.mxflow.merge.MergeDirectoryNames.runDirectoryName(c.finalRun());
            expected.addAll(List.of(cl + "/merge.log", run + "/xscale.hkl", run + "/XSCALE.LP", run + "/ccp4/xscale.mtz"));
        }
        for (String pin : List.of("CPS1000-01", "CPS1000-02", "CPS1000-03")) {
            expected.addAll(List.of(pin + "/raster.jpg", pin + "/scan00/2d/spotfinder/hitmap.png", pin + "/scan00/2d/spotfinder/hitmap.tsv"));
        }
        assertThat(read.keySet()).containsExactlyElementsOf(expected);
        for (Map.Entry<String, byte[]> e : read.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readAllBytes(root.resolve(e.getKey())));
        }
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // GNU tar, an independent reader, lists the same names (if this machine has it)
        Path gnuTar = Path.of("/bin/tar");
        if (Files.isExecutable(gnuTar)) {
            Process p = new ProcessBuilder(gnuTar.toString(), "-tzf", tgz.toString()).redirectErrorStream(true).start();
            List<String> names = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(names::add);
            }
            assertThat(p.waitFor()).isZero();
            assertThat(names).containsExactlyElementsOf(expected);
        }
    }

    static Map<String, byte[]> readBack(Path tgz) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                assertThat(e.isFile()).as(e.getName()).isTrue();
                assertThat(e.getName()).doesNotStartWith("/").doesNotContain("..");
                out.put(e.getName(), tar.readAllBytes());
            }
        }
        return out;
    }
}
