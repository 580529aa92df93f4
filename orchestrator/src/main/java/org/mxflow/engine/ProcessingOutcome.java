package org.mxflow.engine;

import java.nio.file.Path;

/** What happened to a unit: done with a summary, or failed with a reason a scientist can read. */
public sealed interface ProcessingOutcome {

    /**
     * @param workDir     where the outputs are
     * @param summaryJson the engine's summary (spot counts, timings), as written to result.json
     * @param headline    one line for the summary table ("3120 spots on 20 frames")
     */
    record Done(Path workDir, String summaryJson, String headline) implements ProcessingOutcome {
    }

    /**
     * @param step    the stage that failed ("read frames", "spot finding")
     * @param reason  e.g. "frame 7: /x/cry00_00007.cbf is truncated (2 of 65 kB)"
     * @param kind    whether trying again can help
     */
    record Failed(String step, String reason, FailureKind kind) implements ProcessingOutcome {
        public String message() {
            return step + ": " + reason;
        }
    }
}
