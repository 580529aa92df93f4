package org.mxflow.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * When a dataset counts as complete or stalled (KAMO checks that all frames exist; it has no
 * timeout, kamo-conventions §1.5, so mxflow adds the stall state).
 *
 * @param settle how long every file must have been unchanged before a dataset with all frames is complete
 * @param stall  how long an incomplete dataset may stay unchanged before it is reported stalled
 */
public record CompletenessRule(Duration settle, Duration stall) {

    /** 10 s settle (a PILATUS frame takes milliseconds to write), 30 min before "stalled". */
    public static final CompletenessRule DEFAULT = new CompletenessRule(Duration.ofSeconds(10), Duration.ofMinutes(30));

    /**
     * Judges one dataset.
     *
     * @param allFramesPresent  every expected frame exists (CBF) or is in a resolvable data file (EIGER)
     * @param newestChange      the latest modification time among the dataset's files
     * @param now               the current time
     */
    public DatasetStatus judge(boolean allFramesPresent, Instant newestChange, Instant now) {
        Duration quiet = Duration.between(newestChange, now);
        if (allFramesPresent) {
            return quiet.compareTo(settle) >= 0 ? DatasetStatus.COMPLETE : DatasetStatus.COLLECTING;
        }
        return quiet.compareTo(stall) >= 0 ? DatasetStatus.STALLED : DatasetStatus.COLLECTING;
    }
}
