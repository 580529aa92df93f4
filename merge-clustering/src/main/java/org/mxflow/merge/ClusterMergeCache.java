package org.mxflow.merge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Cluster merges already made for one sample, so that the CC clustering does not scale again a
 * cluster the BLEND clustering has just merged (the root and the large clusters are usually the
 * same datasets in both trees: 3 of 8 clusters, over half the observations, in bench/merge). A
 * merge is deterministic, so the same datasets (paths, labels and content) with the same settings
 * give the same files: a hit copies the earlier cluster directory, byte for byte, and returns the
 * earlier outcome, which holds no paths of its own directory.
 */
public final class ClusterMergeCache {

    private record Key(MultiMerge.Settings settings, List<MultiMerge.Dataset> datasets) {}

    private record Entry(Path directory, MultiMerge.Outcome outcome) {}

    private final Map<Key, Entry> done = new ConcurrentHashMap<>();
    private final AtomicInteger reused = new AtomicInteger();

    /** How many cluster merges were copied instead of made. */
    public int reused() {
        return reused.get();
    }

    /** The earlier outcome of the same merge, its files copied into {@code clusterDir}; empty if none. */
    Optional<MultiMerge.Outcome> reuse(MultiMerge.Settings settings, List<MultiMerge.Dataset> datasets, Path clusterDir) throws IOException {
        Entry e = done.get(new Key(settings, List.copyOf(datasets)));
        if (e == null || !Files.isDirectory(e.directory())) return Optional.empty();
        copyTree(e.directory(), clusterDir);
        reused.incrementAndGet();
        return Optional.of(e.outcome());
    }

    /** Remembers a finished merge and where its files are. */
    void remember(MultiMerge.Settings settings, List<MultiMerge.Dataset> datasets, Path clusterDir, MultiMerge.Outcome outcome) {
        done.putIfAbsent(new Key(settings, List.copyOf(datasets)), new Entry(clusterDir, outcome));
    }

    /** A pass directory was renamed (to its {@code _final} name): entries under it follow. */
    void moved(Path from, Path to) {
        done.replaceAll((k, e) -> e.directory().startsWith(from)
                ? new Entry(to.resolve(from.relativize(e.directory()).toString()), e.outcome()) : e);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
