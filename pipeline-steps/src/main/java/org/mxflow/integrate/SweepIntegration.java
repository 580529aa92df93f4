package org.mxflow.integrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mxflow.image.Frame;
import org.mxflow.spots.ParallelSpotFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge where frames are read for integration: frames are read and measured on N threads
 * in windows of a few frames each, and the measurements are added in frame order, so only a
 * window of frames is ever in memory and the sums are identical for any thread count. The
 * integrator releases each shoebox once its profiles are known, so the shoeboxes held stay those of
 * a few profile blocks however long the sweep (logged as the peak).
 */
public final class SweepIntegration {

    private static final Logger LOG = LoggerFactory.getLogger(SweepIntegration.class);

    private SweepIntegration() {}

    public static List<IntegratedReflection> integrate(ParallelSpotFinding.FrameReader reader, int firstFrame, int lastFrame,
                                                       ShoeboxIntegrator integrator, int threads) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("need at least one thread, got " + threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "integrate");
            t.setDaemon(true);
            return t;
        });
        try {
            int window = 2 * threads;
            for (int start = firstFrame; start <= lastFrame; start += window) {
                List<Future<ShoeboxIntegrator.FrameMeasurement>> futures = new ArrayList<>();
                for (int f = start; f <= Math.min(lastFrame, start + window - 1); f++) {
                    int frame = f;
                    futures.add(pool.submit(() -> {
                        Frame fr = reader.read(frame);
                        return integrator.measureFrame(frame, fr.pixels());
                    }));
                }
                for (Future<ShoeboxIntegrator.FrameMeasurement> fu : futures) integrator.add(fu.get());
            }
            List<IntegratedReflection> out = integrator.finish();
            LOG.info("integrated frames {}-{}: {} reflections, at most {} shoeboxes held at once", firstFrame, lastFrame,
                    out.size(), integrator.peakLiveShoeboxes());
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("integration interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
