package org.mxflow.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.TreeHint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mxflow watch ROOT}: process datasets as they are collected, until SIGTERM. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch a beamtime root and process every dataset as soon as it is complete, merging as samples grow.",
            "Polls the tree (works on NFS/GPFS/Lustre); the platform file watcher only makes it look sooner.",
            "Stops cleanly on SIGTERM or Ctrl-C (running units are re-queued); resumes where it left off when started again."})
public final class WatchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);

    @Mixin
    ProcessingOptionsMixin opts;

    @Option(names = "--poll", defaultValue = "2", paramLabel = "S", description = "Seconds between looks at the tree. Default: ${DEFAULT-VALUE}.")
    double pollS;

    @Option(names = "--debounce", defaultValue = "60", paramLabel = "S",
            description = "Seconds a sample's set of finished datasets must stay unchanged before it is merged again. Default: ${DEFAULT-VALUE}.")
    double debounceS;

    @Option(names = "--grace", defaultValue = "30", paramLabel = "S",
            description = "Seconds to let running units stop on SIGTERM before exiting. Default: ${DEFAULT-VALUE}.")
    double graceS;

    @Override
    public Integer call() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Processing p = Processing.start("watch", opts.options(pollS, debounceS), opts.engine(), null);
             TreeHint hint = new TreeHint(opts.root.toAbsolutePath().normalize(), () -> { })) {
            Thread hook = new Thread(() -> {
                LOG.info("stop requested: finishing up");
                stop.set(true);
                p.scheduler().nudge();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info("watching {} (poll every {} s, {} units at once, {} threads each)", opts.root, pollS, opts.jobs, opts.threads);
            try {
                p.watch(stop, hint);
                p.stop(ProcessingOptionsMixin.seconds(graceS));
            } finally {
                p.close();
                LOG.info("watch stopped");
                stopped.countDown();
            }
        }
        return 0;
    }

}
