package org.mxflow.spots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spot finding over many frames on N threads, one frame per task: the edge where frames are
 * read. Each thread reads and decodes its own frame, so decoding is parallel too.
 */
public final class ParallelSpotFinding {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSpotFinding.class);

    /** Reads one frame by number; must be safe to call from several threads at once. */
    @FunctionalInterface
    public interface FrameReader {
        Frame read(int frameNumber) throws IOException;
    }

    /** Spots of a rotation sweep: joined across frames, plus the per-frame strong-pixel counts. */
    public record SweepSpots(List<Spot> spots, List<FrameComponents> frames) {
    }

    private ParallelSpotFinding() {
    }

    /** Finds 2D spots on each frame independently (stills, raster scans), results in frame order. */
    public static List<FrameSpots> stills(FrameReader reader, List<Integer> frameNumbers,
                                          DispersionSpotFinder finder, int threads) throws IOException {
        return runAll(frameNumbers, threads, n -> {
            long t0 = System.nanoTime();
            Frame frame = reader.read(n);
            long t1 = System.nanoTime();
            FrameComponents c = finder.components(frame);
            List<Spot> spots = finder.spots(c.components(), DiffractionGeometry.of(frame.header()), false);
            long t2 = System.nanoTime();
            LOG.debug("frame {}: {} strong pixels, {} spots", n, c.strongPixels(), spots.size());
            return new FrameSpots(n, c.strongPixels(), spots, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
        });
    }

    /**
     * Finds spots in a rotation sweep: 2D components per frame in parallel, then joined across
     * consecutive frames into 3D spots with the geometry of {@code header}.
     */
    public static SweepSpots rotation(FrameReader reader, List<Integer> frameNumbers, ImageHeader header,
                                      DispersionSpotFinder finder, int threads) throws IOException {
        List<FrameComponents> frames = runAll(frameNumbers, threads, n -> finder.components(reader.read(n)));
        List<Spot> spots = finder.spots(ConnectedComponents.joinAcrossFrames(frames), DiffractionGeometry.of(header), true);
        return new SweepSpots(spots, frames);
    }

    @FunctionalInterface
    private interface FrameTask<T> {
        T run(int frameNumber) throws IOException;
    }

    private static <T> List<T> runAll(List<Integer> frameNumbers, int threads, FrameTask<T> task) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, frameNumbers.size())), r -> {
            Thread t = new Thread(r, "spotfinder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int n : frameNumbers) {
                futures.add(pool.submit(() -> task.run(n)));
            }
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("spot finding interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
