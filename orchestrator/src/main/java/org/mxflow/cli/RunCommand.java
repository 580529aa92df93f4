package org.mxflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.engine.ProcessingOutcome;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code mxflow run ROOT}: process everything complete now, then merges; a summary table; exit 1 if any unit failed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Process every complete dataset of a beamtime root (both trees), then update merges, and print a summary.",
            "Safe to interrupt and run again: finished units are kept, interrupted ones are redone.",
            "Exit status 1 when any unit failed."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ProcessingOptionsMixin opts;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run("run", opts.options(0, 0), opts.engine(), spec.commandLine().getOut());
    }

    /**
     * {@code run}'s code path (also {@code demo}'s): process, merge, render; print the summary
     * table; 1 if any unit failed.
     */
    static int run(String command, Processing.Options options, org.mxflow.engine.Engine engine, PrintWriter out) throws Exception {
        Progress progress = new Progress(System.console() != null);
        long t0 = System.nanoTime();
        try (Processing p = Processing.start(command, options, engine, progress)) {
            progress.begin(p);
            p.runOnce();
            progress.close();
            out.printf(Locale.ROOT, "%n%s: %.1f s%n", options.root(), (System.nanoTime() - t0) / 1e9);
            StatusTable.units(out, p.catalog().units());
            Map<UnitState, Integer> counts = p.catalog().countsByState();
            StatusTable.counts(out, counts);
            StatusTable.merges(out, p.catalog().merges());
            out.flush();
            return counts.get(UnitState.FAILED) > 0 ? 1 : 0;
        } finally {
            progress.close();
        }
    }

    /** A progress bar on a terminal, one log line per unit otherwise. */
    static final class Progress implements Scheduler.Listener {
        private final boolean terminal;
        private final AtomicInteger finished = new AtomicInteger();
        private ProgressBar bar;

        Progress(boolean terminal) {
            this.terminal = terminal;
        }

        void begin(Processing p) throws java.io.IOException {
            if (terminal) {
                int total = p.catalog().units().size();
                bar = new ProgressBarBuilder().setTaskName("units").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250).build();
                bar.stepTo(p.catalog().countsByState().get(UnitState.DONE));
            }
        }

        @Override
        public synchronized void finished(UnitRecord u, ProcessingOutcome outcome, double elapsedS, boolean willRetry) {
            finished.incrementAndGet();
            String what = outcome instanceof ProcessingOutcome.Done d ? d.headline()
                    : ((ProcessingOutcome.Failed) outcome).message() + (willRetry ? " (will retry)" : "");
            if (bar != null) {
                if (outcome instanceof ProcessingOutcome.Done) {
                    bar.step();
                }
                bar.setExtraMessage(u.workDir().substring(u.workDir().lastIndexOf('/') + 1));
                if (outcome instanceof ProcessingOutcome.Failed) {
                    LOG.warn("{}: {}", u.workDir(), what);
                }
            } else if (outcome instanceof ProcessingOutcome.Done) {
                LOG.info("{} done in {} s: {}", u.workDir(), String.format(Locale.ROOT, "%.2f", elapsedS), what);
            } else {
                LOG.warn("{} failed: {}", u.workDir(), what);
            }
        }

        synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
