package org.mxflow.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.cluster.HierarchicalClustering;
import org.mxflow.cluster.Linkage;

/**
 * Benchmark of Ward clustering (the step BLEND/KAMO hand to R or SciPy): N random 5-D points,
 * distance matrix + true Ward, median wall time of repeated runs. Writes the points and the
 * heights so bench/ward-clustering can time SciPy on the same input and compare.
 * Usage: WardBench N OUT_DIR
 */
public final class WardBench {

    private WardBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path out = Path.of(args.length > 1 ? args[1] : "bench/out");
        Files.createDirectories(out);
        Random rnd = new Random(1);
        double[][] pts = new double[n][5];
        for (double[] p : pts) for (int i = 0; i < 5; i++) p[i] = rnd.nextGaussian() * (i + 1);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("ward_points.csv")))) {
            for (double[] p : pts) w.println(String.join(",", Arrays.stream(p).mapToObj(Double::toString).toList()));
        }
        HierarchicalClustering hc = new HierarchicalClustering(Linkage.WARD_D2);
        Dendrogram tree = null;
        for (int i = 0; i < 3; i++) tree = hc.cluster(HierarchicalClustering.euclideanDistances(pts)); // warm-up
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            tree = hc.cluster(HierarchicalClustering.euclideanDistances(pts));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("ward_heights_java.txt")))) {
            for (double h : tree.heights()) w.println(h);
        }
        System.out.printf(Locale.ROOT, "java  ward N=%d: median %.1f ms (min %.1f, max %.1f) incl. distance matrix%n", n, ms[2], ms[0], ms[4]);
        System.out.printf(Locale.ROOT, "JAVA_MS=%.3f%n", ms[2]);
    }
}
