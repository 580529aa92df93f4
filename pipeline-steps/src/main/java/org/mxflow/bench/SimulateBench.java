package org.mxflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.SimulationPreset;

/**
 * Benchmark: generates the small preset (or the one named) into a scratch directory a few times
 * and prints wall seconds, frames per second and MB/s. Run by bench/simulate.
 * Arguments: [preset] [repeats] [scratch-dir]
 */
public final class SimulateBench {

    private SimulateBench() {
    }

    public static void main(String[] args) throws IOException {
        String preset = args.length > 0 ? args[0] : "small";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path scratch = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("mxflow-simbench");
        double best = Double.MAX_VALUE;
        BeamtimeSimulator.Result r = null;
        for (int i = 0; i < repeats; i++) {
            Path out = scratch.resolve("run" + i);
            long t0 = System.nanoTime();
            r = new BeamtimeSimulator(SimulationPreset.byName(preset), 7).run(out, "bench", LocalDate.of(2026, 11, 21));
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            System.out.printf(Locale.ROOT, "run %d: %.2f s%n", i + 1, s);
            deleteTree(out);
        }
        System.out.printf(Locale.ROOT, "preset=%s frames=%d bytes=%d best_s=%.2f frames_per_s=%.1f MB_per_s=%.1f cores=%d%n",
                preset, r.framesWritten(), r.bytesWritten(), best, r.framesWritten() / best,
                r.bytesWritten() / 1e6 / best, Runtime.getRuntime().availableProcessors());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
