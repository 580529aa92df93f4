package org.mxflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.mxflow.report.ReportRenderer;

/**
 * Renders every report of a synthetic 200-dataset beamtime (190 multi crystals of 100 frames
 * and 10 sweeps of 3600 frames; _kamoproc and _kamo_30deg summaries with per-frame plots, 10
 * merge reports, the session report) and prints the cold time and the median of the warm
 * repetitions, against the 2 s target. Usage: {@code ReportBenchmark OUTDIR [REPEATS=10]}.
 */
public final class ReportBenchmark {

    static final double TARGET_S = 2.0;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReportBenchmark OUTDIR [REPEATS]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().resolve("261121_BL45XU_bench");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long t0 = System.nanoTime();
        SyntheticBeamtime.Beamtime b = SyntheticBeamtime.build(root, 19, 10, 10, "", null, true);
        double buildS = (System.nanoTime() - t0) / 1e9;
        ReportRenderer renderer = new ReportRenderer();
        // The build machines are shared: wall time is also reported as CPU time of this thread
        // (rendering is single-threaded), which is what the work costs on an idle core.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long c0 = System.nanoTime(), u0 = cpu.getCurrentThreadCpuTime();
        int pages = SyntheticBeamtime.renderAll(renderer, b);
        double coldS = (System.nanoTime() - c0) / 1e9, coldCpuS = (cpu.getCurrentThreadCpuTime() - u0) / 1e9;
        double[] warm = new double[repeats], warmCpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long w0 = System.nanoTime(), v0 = cpu.getCurrentThreadCpuTime();
            SyntheticBeamtime.renderAll(renderer, b);
            warm[i] = (System.nanoTime() - w0) / 1e9;
            warmCpu[i] = (cpu.getCurrentThreadCpuTime() - v0) / 1e9;
        }
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        double median = warm[repeats / 2], medianCpu = warmCpu[repeats / 2];
        long bytes;
        try (Stream<Path> s = Files.walk(root)) {
            bytes = s.filter(p -> p.getFileName().toString().endsWith(".html")).mapToLong(p -> p.toFile().length()).sum();
        }
        int frames = b.kamoproc().datasets().stream().mapToInt(d -> d.lastFrame() - d.firstFrame() + 1).sum();
        System.out.printf(Locale.ROOT, "beamtime: %d datasets (%d frames) in _kamoproc, %d wedges in _kamo_30deg, %d merge reports, %d pins%n",
                b.kamoproc().datasets().size(), frames, b.kamo30deg().datasets().size(), b.merges().size(), b.session().pins().size());
        System.out.printf(Locale.ROOT, "models built in %.2f s; %d pages, %.1f MB of HTML%n", buildS, pages, bytes / 1e6);
        System.out.printf(Locale.ROOT, "cores %d, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "render all reports: cold (first, incl. JIT warm-up and template parsing) %.3f s wall, %.3f s CPU%n",
                coldS, coldCpuS);
        System.out.printf(Locale.ROOT, "render all reports: warm median of %d %.3f s wall (min %.3f), %.3f s CPU (min %.3f)%n",
                repeats, median, warm[0], medianCpu, warmCpu[0]);
        System.out.printf(Locale.ROOT, "ratio warm/target(%.1f s): %.2f wall, %.2f CPU; cold/target: %.2f wall, %.2f CPU%n",
                TARGET_S, median / TARGET_S, medianCpu / TARGET_S, coldS / TARGET_S, coldCpuS / TARGET_S);
    }
}
