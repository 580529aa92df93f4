package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.cli.MxflowCommand;

/**
 * kill -9 at ten random moments: a real separate JVM runs {@code mxflow run} (spot finding,
 * indexing, integration, correction, merging) on a simulated beamtime and is killed (SIGKILL via
 * destroyForcibly) 0-4 s after its first unit starts, ten times, then allowed to finish. Its
 * outputs must equal, byte for byte, those of an uninterrupted run of the same data (among them
 * XDS_ASCII.HKL, CORRECT.LP and the merge outputs), and the catalog must hold each unit once, done
 * once, with no orphans. The kill moments differ every run; the seed is printed (set
 * -Dmxflow.crash.seed to repeat one). The beamtime is the multi pin alone (two 10° wedges in both
 * trees, a raster scan, a merge per tree) so that eleven integrating runs stay within a minute or two.
 */
class CrashRecoveryTest {

    private static final int KILLS = 10;

    @Test
    void tenKillNinesLeaveTheSameOutputsAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("mxflow.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String why = "crash seed " + seed;
        var sim = TinyBeamtime.write(TinyBeamtime.MULTI_ONLY, tmp.resolve("sim"), 11);
        Path reference = tmp.resolve("reference");
        Path crashed = tmp.resolve("crashed");
        TinyBeamtime.copy(sim.rawRoot(), reference);
        TinyBeamtime.copy(sim.rawRoot(), crashed);
        Path sheet = sim.sampleSheetCsv();
        Map<String, String> rawBefore = TinyBeamtime.rawChecksums(crashed);

        assertThat(MxflowCommand.execute("run", reference.toString(), "--sheet", sheet.toString(), "--settle", "0", "-j", "1", "-N", "1"))
                .isZero();

        Path catalogFile = crashed.resolve(Processing.CATALOG_NAME);
        int killedWhileRunning = 0;
        List<String> moments = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            Process p = child(crashed, sheet, tmp.resolve("child-" + i + ".log"));
            long t0 = System.nanoTime();
            boolean sawRunning = waitForRunningUnit(catalogFile, p, 60_000);
            // Within 1.5 s of a unit starting, so most kills land inside a unit (a 10° wedge takes several seconds);
            // kills between units, in merges and in report rendering still happen when a unit ends early.
            int delayMs = random.nextInt(1500);
            Thread.sleep(delayMs);
            if (p.isAlive()) {
                p.destroyForcibly();
                killedWhileRunning += sawRunning ? 1 : 0;
            }
            p.waitFor();
            moments.add(String.format("%.0f ms", (System.nanoTime() - t0) / 1e6));
        }
        System.out.println(why + ": killed at " + moments);
        Process last = child(crashed, sheet, tmp.resolve("child-final.log"));
        assertThat(last.waitFor()).as(why + ": the final run's exit status (log " + tmp.resolve("child-final.log") + ")").isZero();
        assertThat(killedWhileRunning).as(why + ": kills that hit a running unit").isGreaterThanOrEqualTo(KILLS / 2);

        // Same files, same bytes (result.json, hitmap.json, the report pages and AutoMultiMerge's file lists hold timings or
        // absolute paths: compared by name only). The session report is named after the root (<root>_00.html): present in both.
        var keepBytes = (java.util.function.Predicate<Path>) f -> !f.getFileName().toString()
                .matches("result\\.json|hitmap\\.json|report\\.html|correct\\.html|.*_00\\.html|formerge\\.lst|cells\\.dat|filenames\\.lst"
                        + "|xds_lookup_table\\.txt|formerge_reindexed\\.lst|cells_reindexed\\.dat|XSCALE\\.INP|xscale\\.inp");
        assertThat(TinyBeamtime.outputChecksums(crashed, keepBytes)).as(why).isEqualTo(TinyBeamtime.outputChecksums(reference, keepBytes))
                .isNotEmpty();
        var notSession = (java.util.function.Predicate<Path>) f -> !f.getFileName().toString().matches(".*_00\\.html");
        assertThat(TinyBeamtime.outputChecksums(crashed, notSession).keySet()).as(why)
                .isEqualTo(TinyBeamtime.outputChecksums(reference, notSession).keySet());
        assertThat(crashed.resolve(crashed.getFileName() + "_00.html")).isRegularFile();
        assertThat(reference.resolve(reference.getFileName() + "_00.html")).isRegularFile();
        assertThat(TinyBeamtime.rawChecksums(crashed)).as("raw data untouched").isEqualTo(rawBefore);
        // The reflection files are among the files compared: per unit and merged.
        Map<String, String> reflectionFiles = TinyBeamtime.outputChecksums(crashed,
                f -> f.getFileName().toString().matches("XDS_ASCII\\.HKL|xscale\\.mtz"));
        // Two 10° wedges per tree stay below SPring-8's Redun >= 2, so AutoMultiMerge merges no cluster here (the browser test
        // over a run with more wedges covers merged MTZs); the merge's own outputs are among the files compared byte for byte.
        assertThat(reflectionFiles.keySet()).as(why).anyMatch(f -> f.endsWith("XDS_ASCII.HKL"));
        assertThat(TinyBeamtime.outputChecksums(crashed, keepBytes).keySet()).as(why)
                // Whether two 10° wedges end in one cluster depends on the symmetry each wedge shows; the merge log of
                // both clusterings is written either way and compared byte for byte with the uninterrupted run.
                .anyMatch(f -> f.contains("merge_blend_") && f.endsWith("multi_merge.log"))
                .anyMatch(f -> f.contains("merge_cc_") && f.endsWith("multi_merge.log"));
        System.out.println(why + ": " + reflectionFiles.size() + " reflection files identical to the uninterrupted run");

        try (Catalog c = Catalog.open(catalogFile); Catalog ref = Catalog.open(reference.resolve(Processing.CATALOG_NAME))) {
            List<UnitRecord> units = c.units();
            assertThat(units).extracting(UnitRecord::workDir).as(why)
                    .containsExactlyElementsOf(ref.units().stream().map(UnitRecord::workDir).toList()).doesNotHaveDuplicates();
            assertThat(units).allMatch(u -> u.state() == UnitState.DONE, "every unit done");
            var attempts = c.attempts();
            for (UnitRecord u : units) {
                assertThat(attempts.stream().filter(a -> a.unitId() == u.id() && "done".equals(a.outcome())).count())
                        .as(why + ": successful attempts of " + u.workDir()).isEqualTo(1);
            }
            assertThat(attempts).as(why + ": every attempt closed").allMatch(a -> a.outcome() != null);
            assertThat(attempts.stream().filter(a -> "interrupted".equals(a.outcome())).count()).as(why + ": interrupted attempts")
                    .isGreaterThanOrEqualTo(KILLS / 2);
            // One blend merge per tree (sample "lys"), done, from both wedges.
            assertThat(c.merges()).filteredOn(m -> m.clustering().equals("blend")).hasSize(2).allMatch(m -> m.state().equals("done"), "done");
            assertThat(c.query("SELECT count(*) FROM merge_unit mu JOIN merge m ON m.id = mu.merge_id WHERE m.clustering = 'blend'"))
                    .containsExactly(List.of("4"));
            assertThat(c.query("PRAGMA integrity_check")).containsExactly(List.of("ok"));
            assertThat(c.query("PRAGMA foreign_key_check")).as("rows pointing at nothing").isEmpty();
            assertThat(c.query("SELECT count(*) FROM dataset WHERE id NOT IN (SELECT dataset_id FROM unit WHERE dataset_id IS NOT NULL)"))
                    .as("datasets without units").containsExactly(List.of("0"));
            // Working directories on disk are exactly the catalog's units: no leftovers of killed attempts.
            List<String> dirs = new ArrayList<>();
            for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
                try (Stream<Path> s = Files.walk(crashed.resolve(tree))) {
                    s.filter(f -> Files.isRegularFile(f) && (f.getFileName().toString().equals("SPOT.XDS")
                                    || f.getFileName().toString().equals("hitmap.json")))
                            .forEach(f -> dirs.add(crashed.relativize(f.getParent()).toString()));
                }
                try (Stream<Path> s = Files.walk(crashed.resolve(tree))) {
                    assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.contains(".mxflow-") || n.endsWith(".part")))
                            .as("staging leftovers").isEmpty();
                }
            }
            assertThat(dirs).containsExactlyInAnyOrderElementsOf(units.stream().map(UnitRecord::workDir).toList());
        }
    }

    private static Process child(Path root, Path sheet, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MxflowCommand.class.getName(), "run", root.toString(), "--sheet", sheet.toString(), "--settle", "0", "-j", "1", "-N", "1",
                // Ten kills may hit the same unit: the interrupted-attempt limit is tested in SchedulerTest.
                "--max-interrupted", "100");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Polls the catalog read-only until a unit is running in process {@code p} (not one left by the last killed process); false when the process ended or time ran out first. */
    private static boolean waitForRunningUnit(Path catalog, Process p, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end && p.isAlive()) {
            if (Files.exists(catalog)) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog.toAbsolutePath() + "?open_mode=1");
                     Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT count(*) FROM unit WHERE state = 'running' AND owner LIKE '%:" + p.pid() + "'")) {
                    if (r.next() && r.getInt(1) > 0) {
                        return true;
                    }
                } catch (java.sql.SQLException e) {
                    // not created yet, or busy: look again
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

}
