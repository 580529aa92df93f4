package org.mxflow.spots;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where strong pixels are computed: the CUDA backend when a device and driver are there
 * ({@code auto}), else the CPU, with one log line saying which and why. Both give the same
 * strong pixels, so the choice changes speed only.
 */
public final class SpotFinderBackends {

    private static final Logger LOG = LoggerFactory.getLogger(SpotFinderBackends.class);
    /** Frames per GPU launch when the caller has a list of frames. */
    static final int DEFAULT_BATCH_FRAMES = 8;

    /** What a user asks for ({@code --backend}). */
    public enum Choice {
        CPU, CUDA, AUTO;

        /** Parses "cpu", "cuda" or "auto" (any case); anything else is refused with the choices. */
        public static Choice parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown spot-finding backend '" + text + "'; use cpu, cuda or auto");
            }
        }
    }

    /**
     * The backend chosen, and why, in words for a log line or a report.
     *
     * @param backend the backend to use
     * @param reason  why this one ("--backend cpu", "CUDA device found", "no usable CUDA device: ...")
     */
    public record Selection(SpotFinderBackend backend, String reason) {
    }

    private SpotFinderBackends() {
    }

    /** The fastest backend that works here (CUDA, else CPU), logged. */
    public static SpotFinderBackend best(SpotFinderSettings settings) {
        return choose(Choice.AUTO, settings).backend();
    }

    /**
     * The backend for a choice.
     *
     * @throws IllegalStateException when CUDA is forced but cannot be used, with the reason
     */
    public static Selection choose(Choice choice, SpotFinderSettings settings) {
        Selection s = switch (choice) {
            case CPU -> new Selection(new DispersionThreshold(settings), "--backend cpu");
            case CUDA -> {
                try {
                    yield new Selection(CudaDispersionThreshold.open(settings, DEFAULT_BATCH_FRAMES), "--backend cuda");
                } catch (CudaDispersionThreshold.CudaUnavailableException e) {
                    throw new IllegalStateException("spot finding backend cuda was asked for but cannot be used: "
                            + e.getMessage() + "; use --backend cpu or auto", e);
                }
            }
            case AUTO -> {
                try {
                    yield new Selection(CudaDispersionThreshold.open(settings, DEFAULT_BATCH_FRAMES),
                            "a CUDA device and driver were found");
                } catch (CudaDispersionThreshold.CudaUnavailableException e) {
                    yield new Selection(new DispersionThreshold(settings), "no usable CUDA device: " + e.getMessage());
                }
            }
        };
        LOG.info("spot finding on {} ({})", s.backend().name(), s.reason());
        return s;
    }
}
