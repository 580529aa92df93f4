package org.mxflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.NewUnit;
import org.mxflow.catalog.UnitKind;
import org.mxflow.engine.Engine;
import org.mxflow.engine.ProcessingOutcome;
import org.mxflow.engine.WorkUnit;
import org.mxflow.schedule.RetryPolicy;
import org.mxflow.schedule.Scheduler;

/**
 * Scheduler overhead per unit: N units through the catalog queue (claim transaction, attempt row,
 * staging directory, atomic install, done transaction) with an engine that writes one small file,
 * against the same engine calls on a plain thread pool with an in-memory queue (the peer).
 * Usage: SchedulerBench [units] [jobs]
 */
public final class SchedulerBench {

    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Engine tiny = new Engine() {
            public String name() {
                return "bench";
            }

            public ProcessingOutcome process(WorkUnit u, Path workDir, int threads) {
                try {
                    Files.writeString(workDir.resolve("SPOT.XDS"), u.label());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new ProcessingOutcome.Done(workDir, "{}", "");
            }
        };
        Path tmp = Files.createTempDirectory("mxflow-bench-");
        try {
            for (int round = 0; round < 2; round++) { // round 0 warms the JIT
                Path root = Files.createDirectories(tmp.resolve("root" + round));
                Path peerRoot = Files.createDirectories(tmp.resolve("peer" + round));
                double catalogS;
                try (Catalog c = Catalog.open(root.resolve("catalog.sqlite"))) {
                    long s = c.session(root, null);
                    List<NewUnit> units = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String name = String.format(Locale.ROOT, "x%04d_1-10", i);
                        units.add(new NewUnit(UnitKind.PROCESS, "_kamoproc", "_kamoproc/P-01/data00/" + name, "P-01/data00/x_?????.cbf",
                                1, 10, "P-01", "s", "single", "P-01/data00", name, "CBF", 1, 10, 1.0, 10));
                    }
                    long r0 = System.nanoTime();
                    c.register(s, units);
                    double registerS = (System.nanoTime() - r0) / 1e9;
                    Scheduler sch = new Scheduler(c, root, tiny, jobs, 1, RetryPolicy.DEFAULT, null);
                    long t0 = System.nanoTime();
                    sch.runUntilIdle();
                    catalogS = (System.nanoTime() - t0) / 1e9;
                    sch.close();
                    if (round == 1) {
                        System.out.printf(Locale.ROOT, "mxflow catalog queue: units=%d jobs=%d register_s=%.3f run_s=%.3f per_unit_ms=%.3f%n",
                                n, jobs, registerS, catalogS, catalogS * 1000 / n);
                    }
                }
                ExecutorService pool = Executors.newFixedThreadPool(jobs);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Path dir = peerRoot.resolve(String.format(Locale.ROOT, "x%04d_1-10", i));
                    pool.execute(() -> {
                        try {
                            Files.createDirectories(dir);
                            tiny.process(new WorkUnit(UnitKind.PROCESS, dir, 1, 10, dir.toString()), dir, 1);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.HOURS);
                double peerS = (System.nanoTime() - t0) / 1e9;
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "peer in-memory pool: units=%d jobs=%d run_s=%.3f per_unit_ms=%.3f%n", n, jobs, peerS,
                            peerS * 1000 / n);
                    System.out.printf(Locale.ROOT, "overhead of crash safety per unit: %.3f ms (ratio catalog/peer %.1f)%n",
                            (catalogS - peerS) * 1000 / n, catalogS / peerS);
                }
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
