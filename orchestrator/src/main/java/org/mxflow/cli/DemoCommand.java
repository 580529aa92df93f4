package org.mxflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mxflow.engine.NativeEngine;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.RetryPolicy;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.SampleSheetCsv;
import org.mxflow.simulate.SimulationPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mxflow demo}: a simulated beamtime (the small preset, fixed seed) through the whole
 * pipeline with {@code run}'s code path, then where the deliverables are. Needs no network and
 * no data; refuses to write into an existing directory that is not an earlier demo.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate a small beamtime (5 pins: multi, helical, single; PILATUS miniCBF) and process it like 'mxflow run':",
            "spot finding, indexing, integration, correction, merging, reports and the deliverable archive.",
            "Prints where the results are and a summary table. Takes a few minutes on 2 cores; needs no network."})
public final class DemoCommand implements Callable<Integer> {

    /** Marks a directory as the demo's own, so a later demo may replace it. */
    static final String MARKER = ".mxflow-demo";
    static final long SEED = 1;
    static final LocalDate DATE = LocalDate.of(2026, 11, 21);

    @Option(names = "--out", defaultValue = "mxflow-demo", paramLabel = "DIR",
            description = "Where to write the demo (replaced if it is an earlier demo). Default: ./${DEFAULT-VALUE}.")
    Path out;

    @Option(names = {"-j", "--jobs"}, defaultValue = "2", description = "Units processed at once. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = {"-N", "--threads"}, defaultValue = "1", description = "Threads per unit. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return demo(out, SimulationPreset.byName("small"), jobs, threads, spec.commandLine().getOut());
    }

    /** The demo on {@code preset} (tests use a smaller one); returns run's exit status. */
    public static int demo(Path out, SimulationPreset preset, int jobs, int threads, PrintWriter pw) throws Exception {
        prepare(out);
        long t0 = System.nanoTime();
        pw.printf(Locale.ROOT, "Simulating the '%s' beamtime (seed %d) in %s ...%n", preset.name(), SEED, out);
        pw.flush();
        BeamtimeSimulator.Result sim = new BeamtimeSimulator(preset, SEED).run(out, "demo", DATE);
        SimulateCommand.writeXlsx(sim.rawRoot().resolve(sim.rawRoot().getFileName() + ".xlsx"), SampleSheetCsv.rows(preset));
        pw.printf(Locale.ROOT, "%d frames of %d crystals in %.0f s; processing (-j %d -N %d) ...%n", sim.framesWritten(),
                sim.crystals().size(), (System.nanoTime() - t0) / 1e9, jobs, threads);
        pw.flush();
        Path root = sim.rawRoot();
        Processing.Options options = new Processing.Options(root, sim.sampleSheetCsv(), null, jobs, threads, Duration.ZERO,
                Duration.ofSeconds(2), Duration.ZERO, RetryPolicy.DEFAULT);
        int status = RunCommand.run("demo", options, NativeEngine.withDialsDefaults(), pw);
        pw.printf(Locale.ROOT, "%nDemo finished in %.0f s (exit status %d).%n", (System.nanoTime() - t0) / 1e9, status);
        pw.printf("  raw data (simulated):   %s%n", root);
        pw.printf("  truth of the simulation: %s%n", sim.truthDir());
        for (String name : List.of("_kamoproc/report.html", "_kamo_30deg/report.html", root.getFileName() + ".tgz")) {
            Path p = root.resolve(name);
            if (Files.exists(p)) {
                pw.printf("  %-23s %s%n", name.endsWith(".tgz") ? "deliverable archive:" : name.substring(0, name.indexOf('/')) + " report:", p);
            }
        }
        for (String tree : List.of("_kamoproc", "_kamo_30deg")) {
            try (Stream<Path> s = Files.list(root.resolve(tree))) {
                s.filter(d -> d.getFileName().toString().startsWith("merge_")).sorted()
                        .forEach(d -> pw.printf("  merge:                  %s%n", d));
            } catch (IOException e) {
                // no tree: nothing to list
            }
        }
        pw.printf("Catalog: %s (mxflow status %s)%n", root.resolve(Processing.CATALOG_NAME), root);
        pw.flush();
        return status;
    }

    /** Creates {@code out}, or empties an earlier demo there; refuses anything else. */
    static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IOException(out + " exists and is not a directory; choose another --out");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(out.resolve(MARKER))) {
                throw new IOException(out + " exists and is not an mxflow demo directory (no " + MARKER + "); "
                        + "refusing to overwrite it; choose another --out");
            }
            if (!empty) {
                deleteContents(out);
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), "written by mxflow demo; a later demo replaces this directory\n");
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
