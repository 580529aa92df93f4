package org.mxflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mxflow.image.CbfReader;
import org.mxflow.image.Frame;
import org.mxflow.spots.CudaDispersionThreshold;
import org.mxflow.spots.DispersionThreshold;
import org.mxflow.spots.SpotFinderSettings;
import org.mxflow.spots.StrongPixels;

/**
 * GPU verification (bench/spotfinding-gpu runs it on the 19 thaumatin frames): the CUDA
 * backend's strong pixels must equal the CPU's on every frame, one frame per call and in batches;
 * then frames/s of the CUDA strong-pixel test (batched, host-to-device copies included) and of
 * the CPU test on one thread. Exits 1 on any difference, 2 when no CUDA device can be used.
 *
 * <p>usage: CudaSpotFindingCheck DIR [batchFrames]
 */
public final class CudaSpotFindingCheck {

    private CudaSpotFindingCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CudaSpotFindingCheck DIR [batchFrames]");
            System.exit(2);
        }
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.cbf(\\.gz|\\.bz2)?")).sorted().toList();
        }
        if (files.isEmpty()) {
            System.err.println(args[0] + ": no CBF frames");
            System.exit(2);
        }
        List<Frame> frames = new ArrayList<>();
        for (Path f : files) {
            frames.add(CbfReader.read(f));
        }
        Frame first = frames.get(0);
        int w = first.width();
        int h = first.height();
        long cutoff = first.header().countCutoff();
        SpotFinderSettings settings = SpotFinderSettings.dialsDefaults();
        DispersionThreshold cpu = new DispersionThreshold(settings);
        List<StrongPixels> expected = new ArrayList<>();
        for (Frame f : frames) {
            expected.add(cpu.strongPixels(f.pixels(), w, h, cutoff));
        }
        CudaDispersionThreshold gpu;
        try {
            gpu = CudaDispersionThreshold.open(settings, batch);
        } catch (CudaDispersionThreshold.CudaUnavailableException e) {
            System.out.println("no usable CUDA device: " + e.getMessage());
            System.exit(2);
            return;
        }
        int bad = 0;
        try (gpu) {
            System.out.println("device=" + gpu.name());
            List<int[]> pixels = frames.stream().map(Frame::pixels).toList();
            List<StrongPixels> batched = gpu.strongPixels(pixels, w, h, cutoff);
            for (int k = 0; k < frames.size(); k++) {
                StrongPixels single = gpu.strongPixels(frames.get(k).pixels(), w, h, cutoff);
                boolean same = single.equals(expected.get(k)) && batched.get(k).equals(expected.get(k));
                System.out.printf(Locale.ROOT, "frame %d: cpu %d strong, cuda %d (batched %d) %s%n", frames.get(k).number(),
                        expected.get(k).count(), single.count(), batched.get(k).count(), same ? "identical" : "DIFFERENT");
                if (!same) {
                    bad++;
                }
            }
            for (int r = 0; r < 3; r++) {
                gpu.strongPixels(pixels, w, h, cutoff);   // warm-up
            }
            int passes = 10;
            long t0 = System.nanoTime();
            for (int r = 0; r < passes; r++) {
                gpu.strongPixels(pixels, w, h, cutoff);
            }
            double gpuS = (System.nanoTime() - t0) * 1e-9;
            t0 = System.nanoTime();
            for (int r = 0; r < 2; r++) {
                for (Frame f : frames) {
                    cpu.strongPixels(f.pixels(), w, h, cutoff);
                }
            }
            double cpuS = (System.nanoTime() - t0) * 1e-9;
            double gpuFps = passes * frames.size() / gpuS;
            double cpuFps = 2 * frames.size() / cpuS;
            System.out.printf(Locale.ROOT, "cuda_strong_pixels_fps_batch%d=%.1f%n", batch, gpuFps);
            System.out.printf(Locale.ROOT, "cpu_strong_pixels_fps_N1=%.1f%n", cpuFps);
            System.out.printf(Locale.ROOT, "RATIO cuda / cpu one thread = %.1f%n", gpuFps / cpuFps);
        }
        System.out.println(bad == 0 ? "CUDA and CPU strong pixels identical on all " + frames.size() + " frames"
                : bad + " of " + frames.size() + " frames DIFFER between CUDA and CPU");
        System.exit(bad == 0 ? 0 : 1);
    }
}
