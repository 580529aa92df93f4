package org.mxflow.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mxflow.catalog.UnitKind;
import org.mxflow.engine.nativeengine.NativeOutcome;
import org.mxflow.engine.nativeengine.ProcessingRequest;

/**
 * The native engine end to end behind the {@link Engine} seam: rotation units go through
 * {@link org.mxflow.engine.nativeengine.NativeEngine} (spots, indexing, integration, correction;
 * XDS_ASCII.HKL, XDS_ASCII.HKL_noscale, CORRECT.LP, result.json), raster hit maps through the
 * spot-finding {@link NativeEngine}. Outputs do not depend on the thread count, so a unit rerun
 * after a crash gives the same files.
 */
public final class NativeProcessingEngine implements Engine {

    private final NativeEngine hitMaps = NativeEngine.withDialsDefaults();

    @Override
    public String name() {
        return "native";
    }

    @Override
    public ProcessingOutcome process(WorkUnit unit, Path workDir, int threads) {
        if (unit.kind() == UnitKind.HITMAP) return hitMaps.process(unit, workDir, threads);
        Path source = unit.source();
        String name = source.getFileName().toString();
        if (name.endsWith(".h5") && !name.endsWith("_master.h5") && name.contains("?")) {
            // discovery names EIGER series by a data-file template; the master holds the geometry
            source = source.resolveSibling(name.substring(0, name.indexOf('?')).replaceFirst("_$", "") + "_master.h5");
        }
        try {
            NativeOutcome o = new org.mxflow.engine.nativeengine.NativeEngine().process(new ProcessingRequest(source, workDir,
                    unit.firstFrame(), unit.lastFrame(), Math.max(1, threads), Optional.empty(), Optional.empty()));
            if (o instanceof NativeOutcome.Done d) {
                return new ProcessingOutcome.Done(workDir, Files.readString(workDir.resolve("result.json")), d.summary());
            }
            NativeOutcome.Failed f = (NativeOutcome.Failed) o;
            return new ProcessingOutcome.Failed(f.step(), f.reason(), FailureKind.DETERMINISTIC);
        } catch (IOException e) {
            return NativeEngine.ioFailure(e);
        } catch (RuntimeException e) {
            return new ProcessingOutcome.Failed("processing", e.getClass().getSimpleName() + ": " + e.getMessage(), FailureKind.DETERMINISTIC);
        }
    }
}
