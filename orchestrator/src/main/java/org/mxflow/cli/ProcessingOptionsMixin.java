package org.mxflow.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.RetryPolicy;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by run, watch and rerun. */
final class ProcessingOptionsMixin {

    @Parameters(index = "0", paramLabel = "ROOT", description = "The beamtime root (raw data; _kamoproc/ and _kamo_30deg/ are written inside).")
    Path root;

    @Option(names = "--sheet", paramLabel = "F", description = "Sample sheet (CSV, XLSX or SQLite).")
    Path sheet;

    @Option(names = "--catalog", paramLabel = "PATH",
            description = "Catalog file (default ROOT/" + Processing.CATALOG_NAME + "); must be on local disk (SQLite WAL).")
    Path catalog;

    @Option(names = {"-j", "--jobs"}, defaultValue = "2", description = "Units processed at once. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = {"-N", "--threads"}, defaultValue = "4", description = "Threads per unit. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--settle", defaultValue = "5", paramLabel = "S",
            description = "Seconds a dataset's files must be unchanged before it counts as complete. Default: ${DEFAULT-VALUE}.")
    double settleS;

    @Option(names = "--retries", defaultValue = "3", description = "Attempts for transient (I/O) failures. Default: ${DEFAULT-VALUE}.")
    int attempts;

    @Option(names = "--retry-delay", defaultValue = "30", paramLabel = "S",
            description = "Seconds before the first retry, doubling after each. Default: ${DEFAULT-VALUE}.")
    double retryDelayS;

    @Option(names = "--max-interrupted", defaultValue = "" + org.mxflow.schedule.Scheduler.INTERRUPT_LIMIT, paramLabel = "N",
            description = "A unit whose attempt dies with the process (kill, crash, out of memory) this many times is failed, "
                    + "not retried. Default: ${DEFAULT-VALUE}.")
    int maxInterrupted;

    @Option(names = "--engine", defaultValue = "native", paramLabel = "NAME",
            description = "native: spot finding, indexing, integration, correction (XDS_ASCII.HKL); spots: spot finding only. "
                    + "Default: ${DEFAULT-VALUE}.")
    String engine;

    org.mxflow.engine.NativeEngine engine() {
        return switch (engine) {
            case "native" -> org.mxflow.engine.NativeEngine.withDialsDefaults();
            case "spots" -> new org.mxflow.engine.NativeEngine(org.mxflow.spots.SpotFinderSettings.dialsDefaults(), false);
            default -> throw new IllegalArgumentException("--engine must be native or spots, not '" + engine + "'");
        };
    }

    Processing.Options options(double pollS, double debounceS) {
        return new Processing.Options(root, sheet, catalog, jobs, threads, seconds(settleS), seconds(pollS), seconds(debounceS),
                new RetryPolicy(attempts, seconds(retryDelayS), Duration.ofMinutes(10)), maxInterrupted);
    }

    static Duration seconds(double s) {
        if (!(s >= 0)) {
            throw new IllegalArgumentException("durations must be >= 0 seconds, got " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
