package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog's queue with Quartz: claims the most urgent ready unit while fewer than
 * {@code jobs} run, fires one Quartz job per claimed unit (each unit gets {@code threadsPerUnit}
 * threads), installs results atomically and records the outcome in the catalog.
 *
 * <p><b>Two layers: the catalog is the truth, Quartz is the clock.</b> The catalog must already
 * say, for every unit, whether it is done, so the {@code unit} table's state column is the queue: a
 * claim is one IMMEDIATE transaction (pending to running, owner host:pid, an attempt row), and on
 * start-up, while holding the {@link RootLock}, units left running by a dead process go back to
 * pending ({@link #recover}), which reproduces Quartz's {@code requestsRecovery}. Quartz runs on
 * top of it with the in-memory {@code RAMJobStore}:
 * <ul>
 *   <li>each claimed unit is a Quartz job on a Quartz thread pool; a trigger's priority mirrors the
 *       unit's ({@code _kamoproc} before hit maps before {@code _kamo_30deg}, all before merging);</li>
 *   <li>a transient failure is written to the catalog with its {@code not_before} time and a
 *       Quartz trigger starting at that time claims it again (back-off without sleeping threads);</li>
 *   <li>{@code watch}'s poll is a repeating trigger and the debounced merge a one-shot trigger
 *       rescheduled on every change ({@link #every}, {@link #at}).</li>
 * </ul>
 * Why not Quartz's JDBCJobStore on SQLite (it works: dependencies.md §3)? It would be a second
 * persistent truth of what is queued, in 11 tables of serialised job data beside our own, and
 * the two could disagree after a kill -9; it also needs a connection pool, the PostgreSQL delegate
 * and lock-mode settings. Nothing Quartz holds here needs to survive a crash: every trigger is
 * rebuilt from the catalog at start-up (running units are requeued, back-offs are
 * {@code not_before} columns), so RAMJobStore loses nothing that matters and needs no datasource.
 *
 * <p>The Quartz pool has {@code jobs + 2} threads: units are limited to {@code jobs} by the claim
 * bound, and two more threads serve the short control triggers (poll, merge, back-off wake-ups) so
 * a long unit never delays a poll.
 *
 * <p>Crash safety: a unit is done exactly when the catalog says so, and that is written only
 * after its outputs were renamed into place ({@link WorkDirectories}). A crash before the record
 * leaves it running, so it is redone after restart; redoing a deterministic unit writes the same
 * bytes. Nothing runs twice at once: one process per catalog (the lock) and one claim per unit. A
 * unit whose attempts keep dying with the process (it kills the JVM) fails after
 * {@code interruptLimit} such attempts instead of taking every restart down.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Attempts that may die with their process before a unit is failed (default). */
    public static final int INTERRUPT_LIMIT = 3;

    /** Quartz trigger priorities: higher fires first among triggers due at once. */
    static final int PRIORITY_CONTROL = 2000;
    static final int PRIORITY_MERGE = 100;

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String UNITS = "units";
    private static final String CONTROL = "control";

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
    private final int interruptLimit;
    private final Listener listener;
    private final org.quartz.Scheduler quartz;
    private final AtomicInteger active = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean stopping;
    private volatile Runnable afterUnit = () -> { };
    private final String host = RootLock.host();
    private final long pid = RootLock.pid();

    public Scheduler(Catalog catalog, Path root, Engine engine, int jobs, int threadsPerUnit, RetryPolicy retry, Listener listener) {
        this(catalog, root, engine, jobs, threadsPerUnit, retry, INTERRUPT_LIMIT, listener);
    }

    /**
     * @param interruptLimit attempts of one unit that may die with their process (kill -9, crash)
     *                       before the unit is failed at start-up
     */
    public Scheduler(Catalog catalog, Path root, Engine engine, int jobs, int threadsPerUnit, RetryPolicy retry, int interruptLimit,
                     Listener listener) {
        if (jobs < 1 || threadsPerUnit < 1) {
            throw new IllegalArgumentException("need at least one job and one thread per unit, got -j " + jobs + " -N " + threadsPerUnit);
        }
        if (interruptLimit < 1) {
            throw new IllegalArgumentException("the interrupted-attempt limit must be at least 1, got " + interruptLimit);
        }
        this.catalog = catalog;
        this.root = root;
        this.engine = engine;
        this.jobs = jobs;
        this.threadsPerUnit = threadsPerUnit;
        this.retry = retry;
        this.interruptLimit = interruptLimit;
        this.listener = listener == null ? new Listener() { } : listener;
        this.quartz = startQuartz(jobs + 2);
    }

    private org.quartz.Scheduler startQuartz(int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mxflow-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "mxflow-worker");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            org.quartz.Scheduler q = new StdSchedulerFactory(p).getScheduler();
            q.setJobFactory((bundle, s) -> {
                Class<? extends Job> c = bundle.getJobDetail().getJobClass();
                return c == UnitJob.class ? new UnitJob() : new TaskJob();
            });
            q.start();
            return q;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Start-up recovery (call once, holding the root lock): re-queues units a dead process left
     * running and repairs their working directories; a unit whose attempts died
     * {@code interruptLimit} times is failed, with FAILED.txt in its working directory.
     */
    public List<UnitRecord> recover() throws IOException {
        Catalog.Recovery r = catalog.recoverInterrupted(Instant.now(), interruptLimit);
        for (UnitRecord u : r.requeued()) {
            WorkDirectories.recover(workDir(u));
            LOG.info("{}: was running when the last process stopped; queued again", u.workDir());
        }
        for (UnitRecord u : r.failed()) {
            Path dir = workDir(u);
            WorkDirectories.recover(dir);
            FailureNote.write(dir, catalog.unit(u.workDir()));
            LOG.error("{}: {}", u.workDir(), catalog.unit(u.workDir()).error());
        }
        return r.requeued();
    }

    /** Claims ready units while slots are free and fires a Quartz job for each; returns how many were started. */
    public synchronized int dispatch() throws IOException {
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
            JobDataMap data = new JobDataMap();
            data.put("owner", this);
            data.put("claim", c);
            JobDetail job = JobBuilder.newJob(UnitJob.class).withIdentity("unit-" + c.unit().id() + "-" + c.attempt(), UNITS)
                    .usingJobData(data).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(job.getKey().getName(), UNITS)
                    .withPriority(triggerPriority(c.unit())).startNow().build();
            try {
                quartz.scheduleJob(job, trigger);
            } catch (SchedulerException e) {
                // Left running in the catalog: redone after a restart, like a crash at this point.
                active.decrementAndGet();
                throw new IOException("could not schedule " + c.unit().workDir() + ": " + e.getMessage(), e);
            }
        }
        if (started == 0 && active.get() == 0 && !stopping) {
            armWake();
        }
        return started;
    }

    /** Unit priority 10 (first) .. 30 as Quartz trigger priorities 990 .. 970 (higher first). */
    static int triggerPriority(UnitRecord u) {
        return 1000 - u.priority();
    }

    /** Arms a Quartz trigger at the earliest back-off end, so a retry starts on time with no thread waiting. */
    private void armWake() throws IOException {
        Optional<Instant> next = catalog.nextRetryTime();
        if (next.isPresent()) {
            at("wake", next.get().plusMillis(5), PRIORITY_CONTROL, this::dispatchQuietly);
        }
    }

    private void dispatchQuietly() {
        try {
            dispatch();
        } catch (IOException e) {
            LOG.warn("could not start units: {}", e.getMessage());
        }
    }

    public int running() {
        return active.get();
    }

    /**
     * Processes the queue until nothing is running and nothing is ready or in back-off; retries
     * start from their Quartz triggers. Returns early when stopped.
     */
    public void runUntilIdle() throws IOException, InterruptedException {
        while (!stopping) {
            dispatch();
            if (active.get() == 0 && catalog.nextRetryTime().isEmpty() && !catalog.hasReadyUnit(Instant.now())) {
                return;
            }
            awaitChange(Duration.ofSeconds(1));
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

    /** Runs {@code task} after every unit that ends (the merge debounce listens here). */
    public void afterEachUnit(Runnable task) {
        this.afterUnit = task;
    }

    /**
     * A repeating Quartz trigger: {@code task} now and then every {@code period}, never two at
     * once (a slow poll delays the next instead of overlapping it).
     */
    public void every(String name, Duration period, Runnable task) {
        JobDetail job = taskJob(name, task);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, CONTROL).withPriority(PRIORITY_CONTROL).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(Math.max(1, period.toMillis()))
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            quartz.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule " + name + ": " + e.getMessage(), e);
        }
    }

    /** Fires the control job {@code name} now, in addition to its own trigger (a file-system hint). */
    public void fireNow(String name) {
        try {
            if (quartz.checkExists(JobKey.jobKey(name, CONTROL))) {
                quartz.triggerJob(JobKey.jobKey(name, CONTROL));
            }
        } catch (SchedulerException e) {
            LOG.debug("fire {}: {}", name, e.getMessage());
        }
    }

    /**
     * A one-shot Quartz trigger for {@code task} at {@code when}; calling again before it fired
     * moves it (a debounce: each change pushes the merge back).
     */
    public void at(String name, Instant when, int priority, Runnable task) {
        if (stopping) {
            return;
        }
        try {
            TriggerKey key = TriggerKey.triggerKey(name, CONTROL);
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(name, CONTROL).withPriority(priority)
                    .startAt(Date.from(when)).build();
            synchronized (quartz) {
                if (!quartz.checkExists(JobKey.jobKey(name, CONTROL))) {
                    quartz.addJob(taskJob(name, task), true, true);
                }
                if (quartz.checkExists(key)) {
                    quartz.rescheduleJob(key, trigger);
                } else {
                    quartz.scheduleJob(trigger);
                }
            }
        } catch (SchedulerException e) {
            LOG.warn("could not schedule {}: {}", name, e.getMessage());
        }
    }

    /** When the one-shot trigger {@code name} fires next, if it is armed. */
    public Optional<Instant> nextFire(String name) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(name, CONTROL));
            return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    private JobDetail taskJob(String name, Runnable task) {
        JobDataMap data = new JobDataMap();
        data.put("task", task);
        return JobBuilder.newJob(TaskJob.class).withIdentity(name, CONTROL).usingJobData(data).storeDurably().build();
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
                    if (dir != null) {
                        FailureNote.write(dir, catalog.unit(u.workDir()));
                    }
                }
            }
        } catch (IOException e) {
            // The catalog could not record it: the unit stays running and is redone after a restart.
            LOG.error("{}: could not record the outcome in the catalog: {}", u.workDir(), e.getMessage());
        } finally {
            listener.finished(u, outcome, elapsed, willRetry);
            active.decrementAndGet();
            try {
                afterUnit.run();
            } catch (RuntimeException e) {
                LOG.warn("after {}: {}", u.workDir(), e.toString());
            }
            dispatchQuietly();
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
        try {
            quartz.pauseAll();
            for (JobExecutionContext running : quartz.getCurrentlyExecutingJobs()) {
                if (running.getJobDetail().getKey().getGroup().equals(UNITS)) {
                    quartz.interrupt(running.getFireInstanceId());
                }
            }
        } catch (SchedulerException e) {
            LOG.warn("stopping units: {}", e.getMessage());
        }
        long end = System.nanoTime() + grace.toNanos();
        while (active.get() > 0 && System.nanoTime() < end) {
            awaitChange(Duration.ofMillis(50));
        }
        if (active.get() > 0) {
            LOG.warn("{} units did not stop within {} s; they will be redone after restart", active.get(), grace.toSeconds());
        }
        // Let a merge or poll in progress finish unless a unit is stuck.
        shutdownQuartz(active.get() == 0);
    }

    public boolean stopping() {
        return stopping;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (active.get() > 0 && System.nanoTime() < end) {
            awaitChange(Duration.ofMillis(50));
        }
        shutdownQuartz(active.get() == 0);
    }

    private void shutdownQuartz(boolean wait) {
        try {
            if (!quartz.isShutdown()) {
                quartz.shutdown(wait);
            }
        } catch (SchedulerException e) {
            LOG.warn("Quartz shutdown: {}", e.getMessage());
        }
    }

    /** One claimed unit, fired by its Quartz trigger; interruptible so SIGTERM can stop it. */
    public static final class UnitJob implements InterruptableJob {
        private volatile Thread thread;

        @Override
        public void execute(JobExecutionContext context) {
            thread = Thread.currentThread();
            try {
                JobDataMap data = context.getMergedJobDataMap();
                ((Scheduler) data.get("owner")).work((Catalog.Claim) data.get("claim"));
            } finally {
                thread = null;
                Thread.interrupted(); // do not hand an interrupt flag to the pool's next job
            }
        }

        @Override
        public void interrupt() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** A control task (poll, merge, back-off wake-up); Quartz never runs two of one name at once. */
    @DisallowConcurrentExecution
    public static final class TaskJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                ((Runnable) context.getMergedJobDataMap().get("task")).run();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", context.getJobDetail().getKey().getName(), e.toString());
            }
        }
    }
}
