package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.NewUnit;
import org.mxflow.catalog.UnitKind;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.engine.Engine;
import org.mxflow.engine.FailureKind;
import org.mxflow.engine.ProcessingOutcome;
import org.mxflow.engine.WorkUnit;

/** The queue's rules on the catalog alone, with engines whose behaviour the test sets. */
class SchedulerTest {

    static NewUnit unit(String tree, String name, int priority) {
        return new NewUnit(UnitKind.PROCESS, tree, tree + "/P-01/data00/" + name, "P-01/data00/x_?????.cbf", 1, 10, "P-01", "s",
                "single", "P-01/data00", name, "CBF", 1, 10, 1.0, priority);
    }

    @Test
    void migrationsRecordTheirVersionAndReopeningChangesNothing(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.sqlite");
        try (Catalog c = Catalog.open(f)) {
            assertThat(c.schemaVersion()).isEqualTo(3);
            assertThat(c.query("SELECT name FROM schema_version ORDER BY version"))
                    .containsExactly(List.of("V001__catalog.sql"), List.of("V002__runs.sql"), List.of("V003__known_symmetry.sql"));
            assertThat(c.query("PRAGMA journal_mode")).containsExactly(List.of("wal"));
        }
        try (Catalog c = Catalog.open(f)) {
            assertThat(c.schemaVersion()).isEqualTo(3);
            c.query("SELECT 1");
        }
        // A catalog written by a newer mxflow is refused, not damaged.
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + f); var s = conn.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version VALUES (4, 'V004__future.sql', 'x')");
        }
        assertThatThrownBy(() -> Catalog.open(f)).hasMessageContaining("schema version 4, newer than this mxflow knows (3)");
    }

    @Test
    void registeringTwiceAddsNothingAndClaimsFollowPriorityThenOrder(@TempDir Path tmp) throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("c.sqlite"))) {
            long s = c.session(tmp, null);
            List<NewUnit> units = List.of(unit("_kamo_30deg", "x_1-10", 30), unit("_kamoproc", "x_1-10", 10), unit("_kamoproc", "y_1-10", 10));
            assertThat(c.register(s, units)).isEqualTo(3);
            assertThat(c.register(s, units)).isZero();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                order.add(c.claimNext("h", 1, Instant.now()).orElseThrow().unit().workDir());
            }
            assertThat(order).containsExactly("_kamoproc/P-01/data00/x_1-10", "_kamoproc/P-01/data00/y_1-10", "_kamo_30deg/P-01/data00/x_1-10");
            assertThat(c.claimNext("h", 1, Instant.now())).isEmpty();
            // A crash now: all three were running; recovery puts them back, attempts closed as interrupted.
            assertThat(c.requeueInterrupted(Instant.now())).hasSize(3);
            assertThat(c.countsByState().get(UnitState.PENDING)).isEqualTo(3);
            assertThat(c.attempts()).extracting(Catalog.AttemptRecord::outcome).containsOnly("interrupted");
            assertThat(c.units()).extracting(UnitRecord::attempts).containsOnly(0);
        }
    }

    @Test
    void transientFailuresAreRetriedWithBackOffAndDeterministicOnesAreNot(@TempDir Path tmp) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> callTimes = new ArrayList<>();
        Engine flaky = new Engine() {
            public String name() {
                return "test";
            }

            public synchronized ProcessingOutcome process(WorkUnit u, Path workDir, int threads) {
                callTimes.add(Instant.now());
                if (u.label().contains("broken")) {
                    return new ProcessingOutcome.Failed("read frames", "frame 3 is corrupt", FailureKind.DETERMINISTIC);
                }
                if (calls.incrementAndGet() < 3) {
                    return new ProcessingOutcome.Failed("I/O", "Stale file handle", FailureKind.TRANSIENT);
                }
                try {
                    Files.writeString(workDir.resolve("SPOT.XDS"), "ok\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new ProcessingOutcome.Done(workDir, "{}", "ok");
            }
        };
        try (Catalog c = Catalog.open(tmp.resolve("c.sqlite"))) {
            long s = c.session(tmp, null);
            c.register(s, List.of(unit("_kamoproc", "flaky_1-10", 10), unit("_kamoproc", "broken_1-10", 10)));
            RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
            Scheduler sch = new Scheduler(c, tmp, flaky, 2, 1, policy, null);
            sch.runUntilIdle();
            sch.close();
            UnitRecord ok = c.unit("_kamoproc/P-01/data00/flaky_1-10");
            UnitRecord bad = c.unit("_kamoproc/P-01/data00/broken_1-10");
            assertThat(ok.state()).isEqualTo(UnitState.DONE);
            assertThat(ok.attempts()).isEqualTo(3);
            assertThat(bad.state()).isEqualTo(UnitState.FAILED);
            assertThat(bad.attempts()).isEqualTo(1);
            assertThat(bad.error()).isEqualTo("read frames: frame 3 is corrupt");
            assertThat(tmp.resolve(ok.workDir()).resolve("SPOT.XDS")).hasContent("ok");
            // The failed unit's directory holds only FAILED.txt, with the reason and that it was not retried.
            try (var files = Files.list(tmp.resolve(bad.workDir()))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("FAILED.txt");
            }
            assertThat(tmp.resolve(bad.workDir()).resolve("FAILED.txt")).content()
                    .contains("reason:   read frames: frame 3 is corrupt").contains("not retried").contains("mxflow rerun ROOT --pin P-01");
            // Back-off 200 ms then 400 ms between the flaky unit's three calls.
            List<Instant> flakyCalls = callTimes.subList(callTimes.size() - 3, callTimes.size());
            assertThat(Duration.between(flakyCalls.get(0), flakyCalls.get(1)).toMillis()).isGreaterThanOrEqualTo(200);
            assertThat(Duration.between(flakyCalls.get(1), flakyCalls.get(2)).toMillis()).isGreaterThanOrEqualTo(400);
            assertThat(c.attempts()).extracting(Catalog.AttemptRecord::outcome).containsExactlyInAnyOrder("retry", "retry", "done", "failed");
        }
    }

    @Test
    void aUnitWhoseAttemptsKeepDyingWithTheProcessFailsAtTheLimitWithANote(@TempDir Path tmp) throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("c.sqlite"))) {
            long s = c.session(tmp, null);
            c.register(s, List.of(unit("_kamoproc", "killer_1-10", 10), unit("_kamoproc", "fine_1-10", 10)));
            Engine never = new Engine() {
                public String name() {
                    return "test";
                }

                public ProcessingOutcome process(WorkUnit u, Path workDir, int threads) {
                    throw new AssertionError("not run in this test");
                }
            };
            // Three processes in a row die while running the killer unit (claimed first: lower id, same priority).
            for (int i = 1; i <= 3; i++) {
                Scheduler sch = new Scheduler(c, tmp, never, 1, 1, RetryPolicy.DEFAULT, 3, null);
                List<UnitRecord> back = sch.recover();
                assertThat(back).as("restart " + i).extracting(UnitRecord::workDir).containsExactlyElementsOf(
                        i == 1 ? List.of() : List.of("_kamoproc/P-01/data00/killer_1-10"));
                assertThat(c.claimNext("h", 100 + i, Instant.now()).orElseThrow().unit().workDir()).endsWith("killer_1-10");
                sch.close(); // the process "dies": its claim stays running in the catalog
            }
            Scheduler sch = new Scheduler(c, tmp, never, 1, 1, RetryPolicy.DEFAULT, 3, null);
            assertThat(sch.recover()).as("the third death ends it: nothing requeued").isEmpty();
            sch.close();
            UnitRecord killer = c.unit("_kamoproc/P-01/data00/killer_1-10");
            assertThat(killer.state()).isEqualTo(UnitState.FAILED);
            assertThat(killer.errorKind()).isEqualTo("interrupted");
            assertThat(killer.error()).startsWith("interrupted 3 times");
            assertThat(c.attempts()).extracting(Catalog.AttemptRecord::outcome).containsExactly("interrupted", "interrupted", "interrupted");
            assertThat(tmp.resolve(killer.workDir()).resolve("FAILED.txt")).content().contains("interrupted 3 times")
                    .contains("the process died during each attempt");
            assertThat(c.unit("_kamoproc/P-01/data00/fine_1-10").state()).isEqualTo(UnitState.PENDING);
        }
    }

    @Test
    void quartzTriggerPrioritiesFollowTheUnitPriorities() {
        // Higher Quartz priority fires first: _kamoproc (10) > hit maps (20) > _kamo_30deg (30) > merges.
        UnitRecord kamoproc = new UnitRecord(1, UnitKind.PROCESS, "_kamoproc", "a", "s", 1, 1, "P", "", Intake.PRIORITY_KAMOPROC,
                UnitState.PENDING, 1, 0, Double.NaN, null, null, null, null);
        UnitRecord hitmap = new UnitRecord(2, UnitKind.HITMAP, "_kamoproc", "b", "s", 1, 1, "P", "", Intake.PRIORITY_HITMAP,
                UnitState.PENDING, 1, 0, Double.NaN, null, null, null, null);
        UnitRecord wedge = new UnitRecord(3, UnitKind.PROCESS, "_kamo_30deg", "c", "s", 1, 1, "P", "", Intake.PRIORITY_30DEG,
                UnitState.PENDING, 1, 0, Double.NaN, null, null, null, null);
        assertThat(List.of(Scheduler.triggerPriority(kamoproc), Scheduler.triggerPriority(hitmap), Scheduler.triggerPriority(wedge),
                Scheduler.PRIORITY_MERGE)).containsExactly(990, 980, 970, 100);
    }

    @Test
    void aSecondProcessCannotWorkOnTheSameCatalog(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.sqlite");
        try (RootLock first = RootLock.acquire(f)) {
            assertThat(RootLock.isHeld(f)).isTrue();
            // Another JVM trying the same lock is refused with who holds it.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), org.mxflow.cli.MxflowCommand.class.getName(),
                    "run", tmp.toString(), "--catalog", f.toString(), "--settle", "0").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isEqualTo(1);
            assertThat(out).contains("another mxflow is working on this catalog (pid " + ProcessHandle.current().pid());
        }
        assertThat(RootLock.isHeld(f)).isFalse();
    }

    @Test
    void anInterruptedInstallIsRepairedOnRecovery(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("_kamoproc/P/data00/x_1-10");
        Files.createDirectories(WorkDirectories.previous(work));
        Files.writeString(WorkDirectories.previous(work).resolve("SPOT.XDS"), "old\n");
        Files.createDirectories(WorkDirectories.staging(work));
        Files.writeString(WorkDirectories.staging(work).resolve("SPOT.XDS"), "half");
        // Killed between "old results aside" and "new results in": the old ones come back, the partial ones go.
        WorkDirectories.recover(work);
        assertThat(work.resolve("SPOT.XDS")).hasContent("old");
        assertThat(WorkDirectories.staging(work)).doesNotExist();
        assertThat(WorkDirectories.previous(work)).doesNotExist();
    }
}
