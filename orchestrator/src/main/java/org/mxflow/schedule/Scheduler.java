package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.engine.Engine;
import org.mxflow.engine.FailureKind;
import org.mxflow.engine.ProcessingOutcome;
import org.mxflow.engine.WorkUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog's queue: claims the most urgent ready unit while fewer than {@code jobs} run,
 * gives each {@code threadsPerUnit} threads, installs results atomically and records the outcome.
 *
 * <p><b>Why the catalog is the queue and not Quartz.</b> The catalog must already say, for every
 * unit, whether it is done; a second persistent queue (Quartz's JDBC store, 11 tables of serialised
 * job data) would be a second truth to keep consistent across crashes. So the {@code unit} table's
 * state column is the queue: a claim is one IMMEDIATE transaction (pending to running, owner
 * host:pid, an attempt row), and on start-up, while holding the {@link RootLock}, units left
 * running by a dead process go back to pending. That reproduces Quartz's requestsRecovery, which
 * dependencies.md §3 verified, without its lock-mode traps. What Quartz would add on top (timers)
 * is small here: back-off is a {@code not_before} column, priorities are an ORDER BY, watch polling
 * and merge debouncing are a fixed-delay loop; a plain bounded thread pool runs the units. Quartz
 * is therefore not a dependency.
 *
 * <p>Crash safety: a unit is done exactly when the catalog says so, and that is written only
 * after its outputs were renamed into place ({@link WorkDirectories}). A crash before the record
 * leaves it running, so it is redone after restart; redoing a deterministic unit writes the same
 * bytes. Nothing runs twice at once: one process per catalog (the lock) and one claim per unit.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Told when units start and finish (progress display, tests). */
    public interface Listener {
        default void started(UnitRecord unit) {
        }

        default void finished(UnitRecord unit, ProcessingOutcome outcome, double elapsedS, boolean willRetry) {
        }
    }

    private final Catalog catalog;
    private final Path root;
    private final Engine engine;
    private final int jobs;
    private final int threadsPerUnit;
    private final RetryPolicy retry;
    private final Listener listener;
    private final ExecutorService pool;
    private final AtomicInteger active = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean stopping;
    private final String host = RootLock.host();
    private final long pid = RootLock.pid();

    public Scheduler(Catalog catalog, Path root, Engine engine, int jobs, int threadsPerUnit, RetryPolicy retry, Listener listener) {
        if (jobs < 1 || threadsPerUnit < 1) {
            throw new IllegalArgumentException("need at least one job and one thread per unit, got -j " + jobs + " -N " + threadsPerUnit);
        }
        this.catalog = catalog;
        this.root = root;
        this.engine = engine;
        this.jobs = jobs;
        this.threadsPerUnit = threadsPerUnit;
        this.retry = retry;
        this.listener = listener == null ? new Listener() { } : listener;
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "unit-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Start-up recovery (call once, holding the root lock): re-queues units a dead process left
     * running and repairs their working directories.
     */
    public List<UnitRecord> recover() throws IOException {
        List<UnitRecord> back = catalog.requeueInterrupted(Instant.now());
        for (UnitRecord u : back) {
            WorkDirectories.recover(workDir(u));
            LOG.info("{}: was running when the last process stopped; queued again", u.workDir());
        }
        return back;
    }

    /** Starts ready units while slots are free; returns how many were started. */
    public int dispatch() throws IOException {
        int started = 0;
        while (!stopping && active.get() < jobs) {
            Optional<Catalog.Claim> claim = catalog.claimNext(host, pid, Instant.now());
            if (claim.isEmpty()) {
                break;
            }
            active.incrementAndGet();
            started++;
            Catalog.Claim c = claim.get();
            listener.started(c.unit());
            pool.execute(() -> work(c));
        }
        return started;
    }

    public int running() {
        return active.get();
    }

    /**
     * Processes the queue until nothing is running and nothing is ready; waits out back-offs of
     * units that will be retried. Returns early when stopped.
     */
    public void runUntilIdle() throws IOException, InterruptedException {
        while (!stopping) {
            dispatch();
            if (active.get() == 0) {
                Optional<Instant> next = catalog.nextRetryTime();
                if (next.isEmpty()) {
                    return;
                }
                awaitChange(Duration.between(Instant.now(), next.get()).plusMillis(5));
            } else {
                awaitChange(Duration.ofSeconds(1));
            }
        }
    }

    /** Waits until a unit finishes or {@code timeout} passes. */
    public void awaitChange(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (!timeout.isNegative() && !timeout.isZero()) {
                changed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting loop (new work registered, stop requested). */
    public void nudge() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work(Catalog.Claim c) {
        UnitRecord u = c.unit();
        long t0 = System.nanoTime();
        ProcessingOutcome outcome;
        Path dir = null;
        try {
            dir = workDir(u);
            Path staging = WorkDirectories.prepare(dir);
            outcome = engine.process(WorkUnit.of(u, root), staging, threadsPerUnit);
            if (outcome instanceof ProcessingOutcome.Done) {
                WorkDirectories.install(dir);
            } else {
                WorkDirectories.discard(dir);
            }
        } catch (IOException e) {
            outcome = new ProcessingOutcome.Failed("working directory", e.getMessage(), FailureKind.TRANSIENT);
        } catch (RuntimeException | Error e) {
            LOG.error("{}: unexpected failure", u.workDir(), e);
            outcome = new ProcessingOutcome.Failed("engine " + engine.name(), e.toString(), FailureKind.DETERMINISTIC);
        }
        double elapsed = (System.nanoTime() - t0) * 1e-9;
        boolean willRetry = false;
        try {
            Instant end = Instant.now();
            if (outcome instanceof ProcessingOutcome.Done d) {
                catalog.finishDone(c, end, elapsed, d.summaryJson());
            } else if (outcome instanceof ProcessingOutcome.Failed f) {
                if (stopping) {
                    // Interrupted by a stop request, not the unit's fault: back to the queue as it was.
                    catalog.abandon(c, end, "stopped before it finished (" + f.message() + ")");
                    willRetry = true;
                } else if (f.kind() == FailureKind.TRANSIENT && retry.mayRetry(u.attempts() + 1)) {
                    Duration wait = retry.delayAfter(u.attempts() + 1);
                    catalog.retryLater(c, end, elapsed, f.message(), end.plus(wait));
                    willRetry = true;
                    LOG.warn("{}: {} (attempt {}, retrying in {} s)", u.workDir(), f.message(), u.attempts() + 1, wait.toMillis() / 1000.0);
                } else {
                    catalog.finishFailed(c, end, elapsed, f.kind().word(), f.message());
                }
            }
        } catch (IOException e) {
            // The catalog could not record it: the unit stays running and is redone after a restart.
            LOG.error("{}: could not record the outcome in the catalog: {}", u.workDir(), e.getMessage());
        } finally {
            listener.finished(u, outcome, elapsed, willRetry);
            active.decrementAndGet();
            nudge();
        }
    }

    /** The unit's working directory, which must lie inside its processing tree. */
    Path workDir(UnitRecord u) throws IOException {
        Path tree = root.resolve(u.tree()).normalize();
        Path dir = root.resolve(u.workDir()).normalize();
        if (!dir.startsWith(tree) || dir.equals(tree)) {
            throw new IOException("catalog working directory '" + u.workDir() + "' is outside " + tree);
        }
        return dir;
    }

    /**
     * Stops claiming, interrupts running units and waits up to {@code grace} for them; units that
     * end in the meantime go back to the queue without counting as attempts.
     */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        nudge();
        pool.shutdownNow();
        if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} units did not stop within {} s; they will be redone after restart", active.get(), grace.toSeconds());
        }
    }

    public boolean stopping() {
        return stopping;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
