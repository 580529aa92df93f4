package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.cli.MxflowCommand;

/**
 * {@code mxflow watch} in its own JVM while a writer thread "collects" a simulated beamtime frame
 * by frame: every dataset is processed exactly once, soon after its last frame; SIGTERM stops it
 * cleanly; a restarted watch redoes nothing.
 */
class WatchTest {

    @Test
    void datasetsWrittenWhileWatchingAreEachProcessedOnceSoonAfterTheirLastFrame(@TempDir Path tmp) throws Exception {
        var sim = TinyBeamtime.write(tmp.resolve("sim"), 5);
        Path source = sim.rawRoot();
        Path root = tmp.resolve("live");
        Files.createDirectories(root);
        Path sheet = tmp.resolve("sheet.csv");
        Files.copy(sim.sampleSheetCsv(), sheet);

        Process watch = child(root, sheet, tmp.resolve("watch-1.log"));
        Map<String, Instant> lastFrameAt = new ConcurrentHashMap<>();
        Thread writer = new Thread(() -> {
            try {
                collect(source, root, lastFrameAt);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "collector");
        Thread.sleep(1500); // the watch is up and scanning an empty root
        writer.start();
        writer.join();

        Path catalogFile = root.resolve(Processing.CATALOG_NAME);
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline && doneUnits(catalogFile) < 12) {
            Thread.sleep(200);
        }
        watch.destroy(); // SIGTERM
        assertThat(watch.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("watch stops on SIGTERM").isTrue();
        assertThat(Files.readString(tmp.resolve("watch-1.log"))).contains("watch stopped");

        Map<String, Double> latencyS = new TreeMap<>();
        try (Catalog c = Catalog.open(catalogFile)) {
            List<UnitRecord> units = c.units();
            assertThat(units).hasSize(12).allMatch(u -> u.state() == UnitState.DONE);
            var attempts = c.attempts();
            for (UnitRecord u : units) {
                assertThat(attempts.stream().filter(a -> a.unitId() == u.id())).as("attempts of " + u.workDir()).hasSize(1);
            }
            assertThat(c.query("SELECT count(*) FROM run WHERE stopped_at IS NULL")).containsExactly(List.of("0"));
            for (UnitRecord u : units) {
                if (!u.tree().equals("_kamoproc") || u.kind() != org.mxflow.catalog.UnitKind.PROCESS) {
                    continue;
                }
                String dataset = u.workDir().substring(u.workDir().lastIndexOf('/') + 1).replaceFirst("_\\d+-\\d+$", "");
                Instant started = Instant.parse(c.query("SELECT started_at FROM attempt WHERE unit_id = ?", u.id()).get(0).get(0));
                latencyS.put(dataset, (started.toEpochMilli() - lastFrameAt.get(dataset).toEpochMilli()) / 1000.0);
            }
        }
        System.out.println("watch latency, last frame written -> unit started (s): " + latencyS);
        assertThat(latencyS).hasSize(4);
        // Settle 1 s + poll 0.5 s, plus scan and queue time on a busy 2-core machine.
        assertThat(latencyS.values()).allMatch(s -> s >= 1.0 && s < 15.0, "between the settle time and 15 s");

        // Restart: resumes with nothing to redo.
        Process again = child(root, sheet, tmp.resolve("watch-2.log"));
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until && !Files.readString(tmp.resolve("watch-2.log")).contains("watching ")) {
            Thread.sleep(100);
        }
        Thread.sleep(2000); // a few polls over the finished tree
        again.destroy();
        assertThat(again.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try (Catalog c = Catalog.open(catalogFile)) {
            assertThat(c.attempts()).hasSize(12);
            assertThat(c.query("SELECT count(*) FROM run")).containsExactly(List.of("2"));
        }
    }

    /** Copies the simulated beamtime as ZOO writes it: pin by pin, raster first, then frames one by one, 10 ms apart. */
    private static void collect(Path from, Path to, Map<String, Instant> lastFrameAt) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".csv")
                    && !p.getFileName().toString().endsWith(".xlsx")).sorted().forEach(files::add);
        }
        // Raster scans before the data of the same pin ("scan00" sorts after "data00", so order by hand).
        files.sort((a, b) -> {
            String ra = from.relativize(a).toString(), rb = from.relativize(b).toString();
            String pa = ra.substring(0, ra.indexOf('/')), pb = rb.substring(0, rb.indexOf('/'));
            if (!pa.equals(pb)) {
                return pa.compareTo(pb);
            }
            boolean sa = ra.contains("/scan"), sb = rb.contains("/scan");
            return sa != sb ? (sa ? -1 : 1) : ra.compareTo(rb);
        });
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
            String name = f.getFileName().toString();
            if (name.endsWith(".cbf") && f.toString().contains("/data")) {
                lastFrameAt.put(name.replaceFirst("_\\d+\\.cbf$", ""), Instant.now());
            }
            Thread.sleep(10);
        }
    }

    private static Process child(Path root, Path sheet, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MxflowCommand.class.getName(), "watch", root.toString(), "--sheet", sheet.toString(), "--settle", "1", "--poll", "0.5",
                "--debounce", "1", "-j", "2", "-N", "1", "--engine", "spots");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static int doneUnits(Path catalog) {
        if (!Files.exists(catalog)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog.toAbsolutePath() + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM unit WHERE state = 'done'")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
