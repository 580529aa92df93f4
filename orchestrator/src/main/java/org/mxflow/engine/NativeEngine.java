package org.mxflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.mxflow.catalog.UnitKind;
import org.mxflow.engine.nativeengine.NativeOutcome;
import org.mxflow.engine.nativeengine.ProcessingRequest;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageFormatException;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;
import org.mxflow.indexing.BravaisLattice;
import org.mxflow.indexing.KnownSymmetry;
import org.mxflow.spots.DispersionSpotFinder;
import org.mxflow.spots.FrameComponents;
import org.mxflow.spots.HitFinding;
import org.mxflow.spots.ParallelSpotFinding;
import org.mxflow.spots.SpotFinderSettings;
import org.mxflow.spots.SpotXdsEntry;
import org.mxflow.spots.SpotXdsWriter;

/**
 * mxflow's own stages for a unit: frames through {@link ImageSources}, dispersion spot finding
 * ({@code org.mxflow.spots}) into {@code SPOT.XDS}, then indexing, integration and correction by
 * {@link org.mxflow.engine.nativeengine.NativeEngine} ({@code XDS_ASCII.HKL},
 * {@code XDS_ASCII.HKL_noscale}, {@code CORRECT.LP}), and {@code result.json} with the spot count
 * per frame, timings and the integration summary. A dataset that does not index fails with the
 * engine's reason. The spots found here are handed to the pipeline engine, so a unit finds them
 * once; the pin's sample-sheet symmetry goes with the request (prior cell, forced space group).
 * Raster scans get SHIKA-style hit maps ({@link HitFinding}).
 */
public final class NativeEngine implements Engine {

    /** Hit-map score window in Å (low, high resolution). */
    static final double HITMAP_D_MAX_A = 30;
    static final double HITMAP_D_MIN_A = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SpotFinderSettings settings;
    private final boolean integrate;

    /** Spot finding, then indexing, integration and correction. */
    public NativeEngine(SpotFinderSettings settings) {
        this(settings, true);
    }

    /** @param integrate false: spot finding only (hit maps, quick looks) */
    public NativeEngine(SpotFinderSettings settings, boolean integrate) {
        this.settings = settings;
        this.integrate = integrate;
    }

    public static NativeEngine withDialsDefaults() {
        return new NativeEngine(SpotFinderSettings.dialsDefaults());
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public ProcessingOutcome process(WorkUnit unit, Path workDir, int threads) {
        try {
            return unit.kind() == UnitKind.HITMAP ? hitMap(unit, workDir, threads) : findSpots(unit, workDir, threads);
        } catch (IOException e) {
            return ioFailure(e);
        } catch (RuntimeException e) {
            return new ProcessingOutcome.Failed("spot finding", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    FailureKind.DETERMINISTIC);
        }
    }

    /**
     * A unit that could not read its data: a corrupt, unreadable or missing frame fails the same way
     * every time (no retry); any other I/O fault may pass (retried with back-off).
     */
    static ProcessingOutcome.Failed ioFailure(IOException e) {
        if (e instanceof ImageFormatException) {
            return new ProcessingOutcome.Failed("read frames", e.getMessage(), FailureKind.DETERMINISTIC);
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return new ProcessingOutcome.Failed("read frames", "no such file " + n.getFile(), FailureKind.DETERMINISTIC);
        }
        return new ProcessingOutcome.Failed("I/O", e.getClass().getSimpleName() + ": " + e.getMessage(), FailureKind.TRANSIENT);
    }

    private ProcessingOutcome findSpots(WorkUnit unit, Path workDir, int threads) throws IOException {
        long t0 = System.nanoTime();
        Path source = unit.source();
        if (source.getFileName().toString().endsWith(".h5") && !source.getFileName().toString().endsWith("_master.h5")) {
            // Discovery names EIGER series by a data-file template; the master holds the geometry.
            String name = source.getFileName().toString();
            source = source.resolveSibling(name.substring(0, name.indexOf('?')).replaceFirst("_$", "") + "_master.h5");
        }
        try (ImageSource images = ImageSources.open(source)) {
            if (unit.firstFrame() < images.firstFrame() || unit.lastFrame() > images.lastFrame()) {
                return new ProcessingOutcome.Failed("read frames", "frames " + unit.firstFrame() + "-" + unit.lastFrame()
                        + " asked, " + source + " holds " + images.firstFrame() + "-" + images.lastFrame(), FailureKind.DETERMINISTIC);
            }
            List<Integer> numbers = IntStream.rangeClosed(unit.firstFrame(), unit.lastFrame()).boxed().toList();
            ParallelSpotFinding.FrameReader reader = threadSafeReader(images);
            DispersionSpotFinder finder = new DispersionSpotFinder(settings);
            long t1 = System.nanoTime();
            ParallelSpotFinding.SweepSpots sweep = ParallelSpotFinding.rotation(reader, numbers, images.header(), finder, threads);
            long t2 = System.nanoTime();
            List<SpotXdsEntry> entries = sweep.spots().stream().map(SpotXdsEntry::of).toList();
            SpotXdsWriter.write(workDir.resolve("SPOT.XDS"), entries);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("engine", name());
            result.put("source", source.toString());
            result.put("frames", List.of(unit.firstFrame(), unit.lastFrame()));
            result.put("spots", entries.size());
            List<Map<String, Object>> perFrame = new ArrayList<>();
            for (FrameComponents f : sweep.frames()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("frame", f.frameNumber());
                m.put("strong_pixels", f.strongPixels());
                m.put("components", f.componentCount());
                perFrame.add(m);
            }
            result.put("per_frame", perFrame);
            result.put("open_s", round3((t1 - t0) * 1e-9));
            result.put("spot_finding_s", round3((t2 - t1) * 1e-9));
            result.put("threads", threads);
            if (!integrate) {
                result.put("steps", List.of(Map.of("step", "spot finding", "status", "done"),
                        Map.of("step", "indexing", "status", "not run: integration switched off")));
                String json = JSON.writeValueAsString(result);
                writeAtomically(workDir.resolve("result.json"), json);
                return new ProcessingOutcome.Done(workDir, json, String.format(Locale.ROOT, "%d spots on %d frames", entries.size(), numbers.size()));
            }
            // Indexing, integration and correction (org.mxflow.engine.nativeengine): XDS_ASCII.HKL,
            // XDS_ASCII.HKL_noscale, CORRECT.LP; its result.json becomes the "integration" part of ours.
            ProcessingRequest request = request(unit, source, workDir, threads);
            // The pipeline engine finds exactly these spots with the DIALS defaults: hand them over instead of finding them twice.
            if (settings.equals(SpotFinderSettings.dialsDefaults())) {
                request = request.withSpots(sweep.spots());
            }
            NativeOutcome n = new org.mxflow.engine.nativeengine.NativeEngine().process(request);
            Path engineResult = workDir.resolve("result.json");
            if (Files.isRegularFile(engineResult)) {
                result.put("integration", JSON.readTree(engineResult.toFile()));
            }
            if (n instanceof NativeOutcome.Failed f) {
                // The same frames index (or fail to) the same way every time.
                return new ProcessingOutcome.Failed(f.step(), f.reason(), FailureKind.DETERMINISTIC);
            }
            String json = JSON.writeValueAsString(result);
            writeAtomically(engineResult, json);
            return new ProcessingOutcome.Done(workDir, json, ((NativeOutcome.Done) n).summary());
        }
    }

    /**
     * The pipeline engine's request for a unit: the sheet's cell as the prior for indexing (when the
     * sheet gives one) and its space group forced in correction, as KAMO's known.* defaults.
     */
    static ProcessingRequest request(WorkUnit unit, Path source, Path workDir, int threads) {
        Optional<KnownSymmetry> prior = unit.known().flatMap(k -> k.unitCell().map(cell ->
                new KnownSymmetry(cell, BravaisLattice.valueOf(k.spaceGroup().latticeType().name()))));
        return new ProcessingRequest(source, workDir, unit.firstFrame(), unit.lastFrame(), threads, prior,
                unit.known().map(org.mxflow.sheet.KnownSymmetry::symbol));
    }

    private ProcessingOutcome hitMap(WorkUnit unit, Path workDir, int threads) throws IOException {
        HitFinding.Result r = HitFinding.run(unit.source(), workDir, settings, threads, HITMAP_D_MAX_A, HITMAP_D_MIN_A);
        int hits = (int) r.scores().stream().filter(s -> s.spotsInWindow() > 0).count();
        String json = Files.readString(r.json());
        return new ProcessingOutcome.Done(workDir, json,
                String.format(Locale.ROOT, "%d of %d stills with spots", hits, r.scores().size()));
    }

    /** CBF series read one file per call; other sources (EIGER via jhdf) are read one frame at a time. */
    private static ParallelSpotFinding.FrameReader threadSafeReader(ImageSource images) {
        if (images instanceof org.mxflow.image.CbfSeries) {
            return images::read;
        }
        return n -> {
            synchronized (images) {
                Frame f = images.read(n);
                return f;
            }
        };
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
