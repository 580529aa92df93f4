package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.discovery.CompletenessRule;
import org.mxflow.discovery.Discovery;
import org.mxflow.discovery.FileHeaders;
import org.mxflow.engine.Engine;
import org.mxflow.plan.Planner;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.sheet.SampleSheet;
import org.mxflow.sheet.SampleSheets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process working on a beamtime root: takes the root's lock, recovers what a previous
 * process left, registers what discovery finds, and runs the queue, once ({@code run}) or until
 * stopped ({@code watch}). The catalog defaults to {@value #CATALOG_NAME} in the root, beside
 * {@code _kamoproc/}; WAL needs local disk, so give {@code --catalog} a local path when the root
 * is on NFS/GPFS/Lustre.
 */
public final class Processing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Processing.class);

    public static final String CATALOG_NAME = "mxflow-catalog.sqlite";

    /**
     * @param root            the beamtime root (raw data; processing trees are written inside)
     * @param sheet           the sample sheet, or null
     * @param catalogFile     the catalog, or null for {@code ROOT/mxflow-catalog.sqlite}
     * @param jobs            units at once
     * @param threadsPerUnit  threads each unit may use
     * @param settle          how long a dataset's files must be unchanged before it counts as complete
     * @param poll            how often {@code watch} looks at the tree
     * @param debounce        how long a merge's input set must be stable before it runs
     * @param retry           back-off for transient failures
     * @param interruptLimit  attempts of a unit that may die with their process before it is failed
     */
    public record Options(Path root, Path sheet, Path catalogFile, int jobs, int threadsPerUnit, Duration settle, Duration poll,
                          Duration debounce, RetryPolicy retry, int interruptLimit) {

        public Options(Path root, Path sheet, Path catalogFile, int jobs, int threadsPerUnit, Duration settle, Duration poll,
                       Duration debounce, RetryPolicy retry) {
            this(root, sheet, catalogFile, jobs, threadsPerUnit, settle, poll, debounce, retry, Scheduler.INTERRUPT_LIMIT);
        }

        public Path catalogPath() {
            return catalogFile != null ? catalogFile : root.resolve(CATALOG_NAME);
        }
    }

    private final Options options;
    private final RootLock lock;
    private final Catalog catalog;
    private final Scheduler scheduler;
    private final MergeTracker merges;
    private final long runId;
    private final SampleSheet sheet;
    private volatile ProcessingPlan plan;

    private Processing(Options options, RootLock lock, Catalog catalog, Scheduler scheduler, long runId, SampleSheet sheet) {
        this.options = options;
        this.lock = lock;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.runId = runId;
        this.sheet = sheet;
        this.merges = new MergeTracker(catalog, options.root(), options.debounce());
    }

    /** Locks the root's catalog and recovers from any previous crash. */
    public static Processing start(String command, Options options, Engine engine, Scheduler.Listener listener) throws IOException {
        if (!java.nio.file.Files.isDirectory(options.root())) {
            throw new IOException("root " + options.root() + " is not a directory");
        }
        SampleSheet sheet = options.sheet() == null ? null : SampleSheets.read(options.sheet());
        RootLock lock = RootLock.acquire(options.catalogPath());
        Catalog catalog = null;
        try {
            catalog = Catalog.open(options.catalogPath());
            catalog.session(options.root(), options.sheet() == null ? null : options.sheet().toString());
            long runId = catalog.startRun(command, RootLock.host(), RootLock.pid(), Instant.now());
            Scheduler scheduler = new Scheduler(catalog, options.root().toAbsolutePath().normalize(), engine, options.jobs(),
                    options.threadsPerUnit(), options.retry(), options.interruptLimit(), listener);
            List<UnitRecord> back = scheduler.recover();
            if (!back.isEmpty()) {
                LOG.info("recovered {} unit(s) left running by a process that stopped", back.size());
            }
            return new Processing(options, lock, catalog, scheduler, runId, sheet);
        } catch (IOException | RuntimeException e) {
            if (catalog != null) {
                catalog.close();
            }
            lock.close();
            throw e;
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public ProcessingPlan plan() {
        return plan;
    }

    /** Looks at the tree once and registers new units; returns the intake. */
    public Intake.Result scan() throws IOException {
        Instant now = Instant.now();
        Discovery discovery = new Discovery(new FileHeaders(), new CompletenessRule(options.settle(), CompletenessRule.DEFAULT.stall()));
        plan = Planner.spring8().plan(discovery.survey(options.root().toAbsolutePath().normalize(), sheet, now));
        Intake.Result in = Intake.of(plan, options.settle(), now);
        long session = catalog.session(options.root(), options.sheet() == null ? null : options.sheet().toString());
        int added = catalog.register(session, in.units());
        if (added > 0) {
            LOG.info("{} new unit(s) queued", added);
            scheduler.nudge();
        }
        return in;
    }

    /** {@code run}: everything that is complete now, then the merges (no debounce: nothing more is coming). */
    public void runOnce() throws IOException, InterruptedException {
        Intake.Result in = scan();
        for (String w : in.waiting()) {
            LOG.info("not complete, not processed: {}", w);
        }
        scheduler.runUntilIdle();
        if (plan != null) {
            Instant t = Instant.now();
            merges.update(plan, t);
            merges.mergeDue(t.plus(options.debounce()));
        }
        renderDeliverables();
    }

    /** Reports and archive after a change; a failure here is logged, never fatal to processing. */
    private void renderDeliverables() {
        try {
            Deliverables.render(options.root(), catalog, plan);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reports: {}", e.getMessage());
        }
    }

    /**
     * {@code watch}: a repeating Quartz trigger polls the tree every {@code poll} (the source of
     * truth on network file systems) and {@code hint} fires it sooner; units start as they become
     * complete, and the merge is a Quartz trigger pushed back on every change of a sample's
     * finished datasets (the debounce). Returns when {@code stop} is set.
     */
    public void watch(AtomicBoolean stop, TreeHint hint) throws InterruptedException {
        scheduler.afterEachUnit(this::trackMerges);
        scheduler.every("poll", options.poll(), this::poll);
        while (!stop.get()) {
            if (hint != null && hint.takeSignal()) {
                scheduler.fireNow("poll");
            }
            scheduler.awaitChange(Duration.ofMillis(Math.min(Math.max(options.poll().toMillis(), 1), 250)));
        }
    }

    /** One look at the tree (the poll trigger's job). */
    private void poll() {
        if (scheduler.stopping()) {
            return;
        }
        try {
            Instant now = Instant.now();
            scan();
            catalog.heartbeat(runId, now);
            scheduler.dispatch();
        } catch (IOException e) {
            // NFS hiccups and half-written headers must not stop a multi-day watch.
            LOG.warn("watch: {}", e.getMessage());
        }
        trackMerges();
    }

    /** Records merge inputs and (re)arms the merge trigger at the earliest merge whose debounce ends. */
    private synchronized void trackMerges() {
        ProcessingPlan p = plan;
        if (p == null || scheduler.stopping()) {
            return;
        }
        try {
            merges.update(p, Instant.now());
            merges.nextDue().ifPresent(t -> scheduler.at("merge", t, Scheduler.PRIORITY_MERGE, this::mergeWhenIdle));
        } catch (IOException e) {
            LOG.warn("merges: {}", e.getMessage());
        }
    }

    /** The merge trigger's job: processing first, so it waits while units run or are ready. */
    private void mergeWhenIdle() {
        try {
            Instant now = Instant.now();
            if (scheduler.running() > 0 || catalog.hasReadyUnit(now)) {
                scheduler.at("merge", now.plusSeconds(1), Scheduler.PRIORITY_MERGE, this::mergeWhenIdle);
                return;
            }
            if (merges.mergeDue(now) > 0) {
                renderDeliverables();
            }
            merges.nextDue().ifPresent(t -> scheduler.at("merge", t, Scheduler.PRIORITY_MERGE, this::mergeWhenIdle));
        } catch (IOException e) {
            LOG.warn("merges: {}", e.getMessage());
        }
    }

    /** Stops claiming work and interrupts running units; they are re-queued without counting as attempts. */
    public void stop(Duration grace) throws InterruptedException {
        scheduler.stop(grace);
    }

    @Override
    public void close() throws IOException {
        try {
            scheduler.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            catalog.stopRun(runId, "stopped", Instant.now());
        } finally {
            catalog.close();
            lock.close();
        }
    }
}
