package org.mxflow.schedule;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A low-latency hint that something changed in the raw tree, from the platform watcher (inotify on
 * Linux). Only a hint: on NFS, GPFS or Lustre files written by another node raise no events, so
 * {@code watch} polls regardless and this merely makes it look sooner on local disks.
 * Directories down to {@code dataNN}/{@code scanNN/*} are registered on {@link #refresh}.
 */
public final class TreeHint implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TreeHint.class);
    private static final int DEPTH = 3;

    private final Path root;
    private final WatchService service;
    private final Set<Path> watched = new HashSet<>();
    private final AtomicBoolean signal = new AtomicBoolean();
    private final Thread thread;
    private final Runnable onChange;

    public TreeHint(Path root, Runnable onChange) throws IOException {
        this.root = root;
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        refresh();
        this.thread = new Thread(this::loop, "tree-hint");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers directories that appeared since the last call (skipping the processing trees). */
    public synchronized void refresh() {
        try (Stream<Path> dirs = Files.walk(root, DEPTH)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!Files.isDirectory(d) || name.startsWith("_kamo") || watched.contains(d)) {
                    continue;
                }
                d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                watched.add(d);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("tree hint: {}", e.getMessage());
        }
    }

    /** True once after any event since the last call. */
    public boolean takeSignal() {
        return signal.getAndSet(false);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    continue;
                }
                key.pollEvents();
                key.reset();
                signal.set(true);
                refresh();
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        service.close();
    }
}
