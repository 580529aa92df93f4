package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.cli.MxflowCommand;
import org.mxflow.simulate.BeamtimeSimulator;

/** {@code mxflow run}, {@code rerun} and {@code status} on a simulated beamtime, in this JVM. */
class RunEndToEndTest {

    @TempDir
    static Path tmp;
    static BeamtimeSimulator.Result sim;

    @BeforeAll
    static void simulate() throws Exception {
        sim = TinyBeamtime.write(tmp.resolve("sim"), 7);
    }

    private static Path copy(String name) throws Exception {
        Path root = tmp.resolve(name);
        TinyBeamtime.copy(sim.rawRoot(), root);
        return root;
    }

    private static int run(Path root, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", root.toString(), "--sheet", sim.sampleSheetCsv().toString(),
                "--settle", "0", "-j", "2", "-N", "2",
                // Scheduling, rerun and corrupt-frame behaviour need only spot finding; integration and
                // merging are exercised by CrashRecoveryTest and the demo test.
                "--engine", "spots"));
        args.addAll(List.of(more));
        return MxflowCommand.execute(args.toArray(String[]::new));
    }

    @Test
    void everyUnitOfTheBeamtimeIsProcessedOnceAndRawDataIsUntouched() throws Exception {
        Path root = copy("whole");
        Map<String, String> raw = TinyBeamtime.rawChecksums(root);
        assertThat(run(root)).isZero();
        try (Catalog c = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
            List<UnitRecord> units = c.units();
            // The preset: multi pin with 2 crystals (10° each), helical 40°, single 30°, a raster per pin.
            // _kamoproc: 4 datasets + 3 hit maps; _kamo_30deg: 2 multi wedges, helical 1-30 and 31-40, single 1-30.
            assertThat(units).hasSize(12).allMatch(u -> u.state() == UnitState.DONE);
            assertThat(units.stream().filter(u -> u.kind() == UnitKind.HITMAP)).hasSize(3);
            assertThat(units).extracting(UnitRecord::workDir).contains(
                    "_kamoproc/HEL0002-01/data00/HEL0002-01-helical_001_1-40",
                    "_kamo_30deg/HEL0002-01/data00/HEL0002-01-helical_001_1-30",
                    "_kamo_30deg/HEL0002-01/data00/HEL0002-01-helical_001_31-40");
            // Priorities: every _kamoproc dataset was claimed before any 30° wedge.
            List<List<String>> order = c.query("SELECT u.tree, u.kind FROM attempt a JOIN unit u ON u.id = a.unit_id ORDER BY a.id");
            int lastKamoproc = -1, first30 = Integer.MAX_VALUE;
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).get(0).equals("_kamoproc") && order.get(i).get(1).equals("process")) {
                    lastKamoproc = i;
                } else if (order.get(i).get(0).equals("_kamo_30deg")) {
                    first30 = Math.min(first30, i);
                }
            }
            assertThat(lastKamoproc).isLessThan(first30);

            ObjectMapper json = new ObjectMapper();
            long wedgeSpots = 0, wholeSpots = 0;
            for (UnitRecord u : units) {
                Path dir = root.resolve(u.workDir());
                if (u.kind() == UnitKind.HITMAP) {
                    assertThat(dir.resolve("hitmap.png")).isRegularFile();
                    assertThat(json.readTree(dir.resolve("hitmap.json").toFile()).get("frames")).hasSize(9);
                    continue;
                }
                // SPOT.XDS has one line per spot, and result.json and the catalog agree on the count.
                long lines = Files.readAllLines(dir.resolve("SPOT.XDS")).size();
                JsonNode result = json.readTree(dir.resolve("result.json").toFile());
                assertThat(result.get("spots").asLong()).isEqualTo(lines).isEqualTo(json.readTree(u.resultJson()).get("spots").asLong());
                assertThat(result.get("per_frame")).hasSize(u.lastFrame() - u.firstFrame() + 1);
                assertThat(lines).as(u.workDir() + ": a simulated crystal diffracts on every frame").isGreaterThan(10L * (u.lastFrame() - u.firstFrame() + 1));
                if (u.workDir().contains("helical")) {
                    if (u.tree().equals("_kamoproc")) {
                        wholeSpots = lines;
                    } else {
                        wedgeSpots += lines;
                    }
                }
            }
            // Same frames, same spots: a multi wedge passes through _kamo_30deg unchanged (kamo-conventions §2.4).
            Path multi = Path.of("MUL0001-01/data00/MUL0001-01-multi_001_1-10/SPOT.XDS");
            assertThat(Files.readAllBytes(root.resolve("_kamo_30deg").resolve(multi))).isEqualTo(Files.readAllBytes(root.resolve("_kamoproc").resolve(multi)));
            // Cutting the 40° sweep at frame 30 splits only the spots spanning frames 30/31: the totals agree within 5 %.
            assertThat((double) wedgeSpots).isCloseTo(wholeSpots, org.assertj.core.data.Percentage.withPercentage(5));
        }
        assertThat(TinyBeamtime.rawChecksums(root)).as("raw data untouched").isEqualTo(raw);

        // A second run finds everything done: no new attempts.
        try (Catalog c = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
            int before = c.attempts().size();
            c.close();
            assertThat(run(root)).isZero();
            try (Catalog again = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
                assertThat(again.attempts()).hasSize(before);
            }
        }
        assertThat(TinyBeamtime.rawChecksums(root)).as("raw data untouched").isEqualTo(raw);
    }

    @Test
    void aPinWithACorruptFrameFailsAloneWithAClearMessage() throws Exception {
        Path root = copy("corrupt");
        Path frame = root.resolve("HEL0002-01/data00/HEL0002-01-helical_001_00017.cbf");
        FileTime mtime = Files.getLastModifiedTime(frame);
        try (RandomAccessFile f = new RandomAccessFile(frame.toFile(), "rw")) {
            f.setLength(f.length() / 2); // a frame cut short, as when a disk fills up mid-write
        }
        Files.setLastModifiedTime(frame, mtime);
        Map<String, String> raw = TinyBeamtime.rawChecksums(root);
        assertThat(run(root)).as("non-zero exit when a unit failed").isEqualTo(1);
        try (Catalog c = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
            for (UnitRecord u : c.units()) {
                boolean touchesFrame17 = u.pinId().equals("HEL0002-01") && u.kind() == UnitKind.PROCESS && u.firstFrame() <= 17 && u.lastFrame() >= 17;
                if (touchesFrame17) {
                    assertThat(u.state()).as(u.workDir()).isEqualTo(UnitState.FAILED);
                    assertThat(u.error()).contains("HEL0002-01-helical_001_00017.cbf");
                    assertThat(u.errorKind()).isEqualTo("deterministic");
                    assertThat(u.attempts()).as("a corrupt frame is not retried").isEqualTo(1);
                    // No results, only FAILED.txt saying why, for users looking at the disk.
                    try (var files = Files.list(root.resolve(u.workDir()))) {
                        assertThat(files.map(f -> f.getFileName().toString())).containsExactly("FAILED.txt");
                    }
                    assertThat(root.resolve(u.workDir()).resolve("FAILED.txt")).content().contains("HEL0002-01-helical_001_00017.cbf");
                } else {
                    assertThat(u.state()).as(u.workDir()).isEqualTo(UnitState.DONE);
                }
            }
            assertThat(c.countsByState().get(UnitState.FAILED)).isEqualTo(2);
            System.out.println("corrupt-frame message: " + c.units().stream().filter(u -> u.error() != null).findFirst().orElseThrow().error());
        }
        assertThat(TinyBeamtime.rawChecksums(root)).isEqualTo(raw);
    }

    @Test
    void rerunKeepsTheOldResultsUntilTheNewOnesAreInPlace() throws Exception {
        Path root = copy("rerun");
        assertThat(run(root)).isZero();
        Path spot = root.resolve("_kamoproc/CPS1012-06/data00/CPS1012-06-single_001_1-30/SPOT.XDS");
        byte[] first = Files.readAllBytes(spot);
        String mergesBefore;
        try (Catalog c = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
            mergesBefore = c.merges().toString();
        }
        // While the rerun works, the old SPOT.XDS must stay readable: an engine that looks at it mid-run.
        var seenDuringRerun = new java.util.concurrent.atomic.AtomicReference<byte[]>();
        org.mxflow.engine.Engine watching = new org.mxflow.engine.Engine() {
            final org.mxflow.engine.NativeEngine real = new org.mxflow.engine.NativeEngine(
                    org.mxflow.spots.SpotFinderSettings.dialsDefaults(), false);
            public String name() {
                return "native";
            }

            public org.mxflow.engine.ProcessingOutcome process(org.mxflow.engine.WorkUnit unit, Path workDir, int threads) {
                try {
                    if (unit.label().endsWith("CPS1012-06-single_001_1-30") && unit.label().startsWith("_kamoproc")) {
                        seenDuringRerun.set(Files.readAllBytes(spot));
                    }
                } catch (java.io.IOException e) {
                    seenDuringRerun.set(new byte[0]);
                }
                return real.process(unit, workDir, threads);
            }
        };
        try (Catalog c = Catalog.open(root.resolve(Processing.CATALOG_NAME))) {
            assertThat(c.rerun("CPS1012-06", List.of("_kamoproc"))).hasSize(2); // the dataset and its raster hit map
        }
        var options = new Processing.Options(root, sim.sampleSheetCsv(), null, 1, 1, java.time.Duration.ZERO, java.time.Duration.ofSeconds(1),
                java.time.Duration.ZERO, RetryPolicy.DEFAULT);
        try (Processing p = Processing.start("rerun", options, watching, null)) {
            p.runOnce();
            UnitRecord u = p.catalog().unit("_kamoproc/CPS1012-06/data00/CPS1012-06-single_001_1-30");
            assertThat(u.state()).isEqualTo(UnitState.DONE);
            assertThat(u.generation()).isEqualTo(2);
            // The merges of sample "lys" in _kamoproc saw the new generation and were recomputed.
            assertThat(p.catalog().merges().toString()).isNotEqualTo(mergesBefore);
            assertThat(p.catalog().query("SELECT mu.generation FROM merge_unit mu JOIN merge m ON m.id = mu.merge_id "
                    + "WHERE m.tree = '_kamoproc' AND mu.unit_id = ?", u.id())).containsOnly(List.of("2"));
        }
        assertThat(seenDuringRerun.get()).as("old results in place while the rerun ran").isEqualTo(first);
        assertThat(Files.readAllBytes(spot)).as("same frames, same engine, same spots").isEqualTo(first);
    }

    @Test
    void statusOfARootNeverRunSaysSo() {
        assertThat(MxflowCommand.execute("status", tmp.resolve("nowhere").toString())).isEqualTo(1);
    }

}
