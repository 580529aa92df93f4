package org.mxflow.schedule;

import java.time.Duration;

/**
 * Retries for transient failures: exponential back-off {@code base·2^(n-1)}, capped, up to
 * {@code maxAttempts} attempts in all. Deterministic failures are never retried.
 *
 * @param maxAttempts attempts in all (1: never retry)
 * @param base        delay before the second attempt
 * @param cap         longest delay
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    /** 3 attempts, 30 s then 60 s: long enough for an NFS server to come back. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("need at least 1 attempt, got " + maxAttempts);
        }
    }

    /** Whether a unit that has now failed transiently {@code attemptsSoFar} times may try again. */
    public boolean mayRetry(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /** Delay after the {@code attemptsSoFar}-th failure (1-based). */
    public Duration delayAfter(int attemptsSoFar) {
        long ms = base.toMillis() << Math.min(20, Math.max(0, attemptsSoFar - 1));
        return Duration.ofMillis(Math.min(ms, cap.toMillis()));
    }
}
