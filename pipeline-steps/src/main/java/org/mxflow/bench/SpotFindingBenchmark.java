package org.mxflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mxflow.image.CbfReader;
import org.mxflow.image.Frame;
import org.mxflow.spots.ConnectedComponents;
import org.mxflow.spots.DispersionSpotFinder;
import org.mxflow.spots.DispersionThreshold;
import org.mxflow.spots.FrameSpots;
import org.mxflow.spots.ParallelSpotFinding;
import org.mxflow.spots.SpotFinderSettings;
import org.mxflow.spots.StrongPixels;

/**
 * Spot-finding speed on a directory of CBF frames (bench/spotfinding runs it on the 19
 * decompressed thaumatin frames): decode rate, then spot-finding rate on decoded frames with
 * 1 and 2 threads (median of 5 passes after a warm-up pass), then read+decode+find end to end.
 * Prints {@code key=value} lines for the script to compare with dials.find_spots.
 *
 * <p>usage: SpotFindingBenchmark DIR [threads...]
 */
public final class SpotFindingBenchmark {

    private SpotFindingBenchmark() {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SpotFindingBenchmark DIR [threads...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int[] threads = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2};
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.cbf(\\.gz|\\.bz2)?")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no CBF frames");
        }
        // Decode (file already in the page cache after the first touch).
        List<Frame> frames = new ArrayList<>();
        for (Path f : files) {
            frames.add(CbfReader.read(f));
        }
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        for (Path f : files) {
            CbfReader.read(f);
        }
        double decode = (System.nanoTime() - t0) * 1e-9;
        double decodeCpuMs = (processCpuNanos() - c0) * 1e-6 / files.size();
        System.out.printf(Locale.ROOT, "frames=%d%nframe_size=%dx%d%n", frames.size(), frames.get(0).width(), frames.get(0).height());
        System.out.printf(Locale.ROOT, "mxflow_decode_fps_N1=%.2f%n", frames.size() / decode);
        System.out.printf(Locale.ROOT, "mxflow_read_decode_cpu_ms_per_frame=%.1f%n", decodeCpuMs);
        c0 = processCpuNanos();
        for (int r = 0; r < 3; r++) {
            for (Path f : files) {
                CbfReader.read(f, false);
            }
        }
        System.out.printf(Locale.ROOT, "mxflow_read_decode_no_md5_cpu_ms_per_frame=%.1f%n",
                (processCpuNanos() - c0) * 1e-6 / (3 * files.size()));

        // Sections of spot finding on one thread: the strong-pixel test, then labelling.
        DispersionThreshold threshold = new DispersionThreshold(SpotFinderSettings.dialsDefaults());
        List<StrongPixels> strong = new ArrayList<>();
        for (int r = 0; r < 2; r++) {   // warm-up
            strong.clear();
            for (Frame f : frames) {
                strong.add(threshold.strongPixels(f.pixels(), f.width(), f.height(), f.header().countCutoff()));
            }
        }
        c0 = processCpuNanos();
        for (int r = 0; r < 3; r++) {
            for (Frame f : frames) {
                threshold.strongPixels(f.pixels(), f.width(), f.height(), f.header().countCutoff());
            }
        }
        System.out.printf(Locale.ROOT, "mxflow_threshold_cpu_ms_per_frame=%.1f%n", (processCpuNanos() - c0) * 1e-6 / (3 * files.size()));
        c0 = processCpuNanos();
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < frames.size(); k++) {
                ConnectedComponents.label(frames.get(k).number(), strong.get(k), frames.get(k).pixels());
            }
        }
        System.out.printf(Locale.ROOT, "mxflow_label_cpu_ms_per_frame=%.1f%n", (processCpuNanos() - c0) * 1e-6 / (3 * files.size()));

        DispersionSpotFinder finder = new DispersionSpotFinder(SpotFinderSettings.dialsDefaults());
        List<Integer> numbers = frames.stream().map(Frame::number).toList();
        ParallelSpotFinding.FrameReader inMemory = n -> frames.get(numbers.indexOf(n));
        int spots = 0;
        for (int n : threads) {
            List<FrameSpots> warm = ParallelSpotFinding.stills(inMemory, numbers, finder, n);
            spots = warm.stream().mapToInt(f -> f.spots().size()).sum();
            double[] t = new double[5];
            long cpu0 = processCpuNanos();
            for (int r = 0; r < t.length; r++) {
                long s = System.nanoTime();
                ParallelSpotFinding.stills(inMemory, numbers, finder, n);
                t[r] = (System.nanoTime() - s) * 1e-9;
            }
            double cpuPerFrameMs = (processCpuNanos() - cpu0) * 1e-6 / (t.length * frames.size());
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "mxflow_find_fps_N%d=%.2f%n", n, frames.size() / t[t.length / 2]);
            System.out.printf(Locale.ROOT, "mxflow_find_cpu_ms_per_frame_N%d=%.1f%n", n, cpuPerFrameMs);
        }
        System.out.printf(Locale.ROOT, "mxflow_spots=%d%n", spots);
        // End to end as dials.find_spots does it (no Content-MD5 check: dxtbx never verifies
        // it), then with the MD5 check that inspect and the engine keep on. Three passes each.
        for (boolean md5 : new boolean[] {false, true}) {
            String tag = md5 ? "_md5" : "";
            for (int n : threads) {
                ParallelSpotFinding.FrameReader fromDisk = k -> CbfReader.read(files.get(numbers.indexOf(k)), md5);
                long s = System.nanoTime();
                long cpu0 = processCpuNanos();
                for (int r = 0; r < 3; r++) {
                    ParallelSpotFinding.stills(fromDisk, numbers, finder, n);
                }
                long cpu = processCpuNanos() - cpu0;
                double wall = (System.nanoTime() - s) * 1e-9;
                System.out.printf(Locale.ROOT, "mxflow_read_decode_find%s_fps_N%d=%.2f%n", tag, n, 3 * frames.size() / wall);
                // Frames per CPU-second of the whole JVM (JIT and GC threads included): a per-core
                // rate that does not depend on how busy the machine is.
                System.out.printf(Locale.ROOT, "mxflow_read_decode_find%s_frames_per_cpu_s_N%d=%.2f%n", tag, n,
                        3 * frames.size() / (cpu * 1e-9));
            }
        }
    }
}
