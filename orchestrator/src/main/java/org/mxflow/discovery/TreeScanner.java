package org.mxflow.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.mxflow.sheet.PinId;

/**
 * Lists a beamtime's raw-data tree (kamo-conventions §1) into a {@link RawTree}, by file name.
 *
 * <p>Speed: data directories hold thousands of frames, so they are listed by name only
 * ({@link DirectoryStream}, no stat per file); only the two highest-numbered frames of each CBF
 * series (the ones still being written) and the EIGER master and data files are stat'ed, for
 * their modification times. Raster-scan subtrees are not descended into. The processing trees
 * {@code _kamoproc} and {@code _kamo_30deg} and hidden directories are skipped.
 */
public final class TreeScanner {

    private TreeScanner() {
    }

    public static RawTree scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a directory");
        }
        List<PinDirectory> pins = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            ds.forEach(children::add);
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Path> pinDirs = new ArrayList<>();
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (!Files.isDirectory(child) || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (PinId.split(name) == null) {
                notes.add("directory " + name + " is not a <Puck>-<Pin> directory; ignored");
                continue;
            }
            pinDirs.add(child);
        }
        // Pins are independent; listing them in parallel hides file-system latency (NFS above all).
        List<List<String>> pinNotes = new ArrayList<>();
        for (int i = 0; i < pinDirs.size(); i++) {
            pinNotes.add(new ArrayList<>());
        }
        try {
            pins.addAll(java.util.stream.IntStream.range(0, pinDirs.size()).parallel().mapToObj(i -> {
                try {
                    return scanPin(pinDirs.get(i), pinNotes.get(i));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        pinNotes.forEach(notes::addAll);
        return new RawTree(root, pins, notes);
    }

    static PinDirectory scanPin(Path pinDir, List<String> notes) throws IOException {
        List<String> loopImages = new ArrayList<>();
        List<RasterScan> scans = new ArrayList<>();
        List<String> dataDirs = new ArrayList<>();
        List<ImageSeries> series = new ArrayList<>();
        Files.walkFileTree(pinDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(pinDir)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                String rel = pinDir.relativize(dir).toString();
                if (name.startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (ImageFileNames.DATA_DIRECTORY.matcher(name).matches()) {
                    dataDirs.add(rel);
                    series.addAll(scanDataDirectory(dir, notes));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.equals("2d") && dir.getParent() != null
                        && ImageFileNames.SCAN_DIRECTORY.matcher(dir.getParent().getFileName().toString()).matches()) {
                    scans.add(new RasterScan(rel, RasterScan.Kind.GRID_2D, -1, -1));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Matcher edge = ImageFileNames.EDGE_SCAN.matcher(name);
                if (edge.matches()) {
                    scans.add(new RasterScan(rel, edge.group(1).equals("l") ? RasterScan.Kind.LEFT_EDGE : RasterScan.Kind.RIGHT_EDGE,
                            Integer.parseInt(edge.group(2)), Integer.parseInt(edge.group(3))));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.equals("spotfinder")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (pinDir.equals(file.getParent()) && ImageFileNames.isLoopImage(file.getFileName().toString())) {
                    loopImages.add(file.getFileName().toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                notes.add("cannot read " + file + ": " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        loopImages.sort(null);
        scans.sort(Comparator.comparing(RasterScan::relativeDirectory));
        dataDirs.sort(null);
        series.sort(Comparator.comparing((ImageSeries s) -> s.directory().toString()).thenComparing(ImageSeries::prefix));
        return new PinDirectory(pinDir.getFileName().toString(), pinDir, loopImages, scans, dataDirs, series);
    }

    /**
     * The frames of one series as {@code frame * 4 + compression index}, so one int per file and a
     * plain sort puts each frame's plain file before its compressed copies.
     */
    private static final class Frames {
        int[] a = new int[64];
        int n;
        ImageFileNames.CbfName name;

        void add(ImageFileNames.CbfName c) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = c.frame() * 4 + c.compressionIndex();
        }

        /** Sorted distinct frames and, in {@code suffix}, the compression index of the file used for each. */
        int[] sortedDistinct(byte[][] suffix) {
            int[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            int[] frames = new int[s.length];
            byte[] comp = new byte[s.length];
            int m = 0;
            for (int i = 0; i < s.length; i++) {
                if (m == 0 || frames[m - 1] != s[i] / 4) {
                    frames[m] = s[i] / 4;
                    comp[m++] = (byte) (s[i] % 4);
                }
            }
            suffix[0] = Arrays.copyOf(comp, m);
            return Arrays.copyOf(frames, m);
        }
    }

    static List<ImageSeries> scanDataDirectory(Path dir, List<String> notes) throws IOException {
        Map<String, Frames> cbf = new HashMap<>();
        Map<String, Path> masters = new TreeMap<>();
        Map<String, List<Path>> dataFiles = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                ImageFileNames.CbfName c = ImageFileNames.cbf(name);
                if (c != null) {
                    if (c.frame() == 0) {
                        continue; // KAMO ignores frame 0
                    }
                    Frames f = cbf.computeIfAbsent(c.seriesKey(), k -> new Frames());
                    if (f.name == null) {
                        f.name = c;
                    }
                    f.add(c);
                    continue;
                }
                String master = ImageFileNames.eigerMasterPrefix(name);
                if (master != null) {
                    masters.put(master, p);
                    continue;
                }
                String data = ImageFileNames.eigerDataPrefix(name);
                if (data != null) {
                    dataFiles.computeIfAbsent(data, k -> new ArrayList<>()).add(p);
                }
            }
        }
        List<ImageSeries> out = new ArrayList<>();
        for (Frames f : cbf.values()) {
            byte[][] suffix = new byte[1][];
            int[] frames = f.sortedDistinct(suffix);
            byte[] comp = suffix[0];
            ImageFileNames.CbfName n = f.name;
            Instant newest = Instant.EPOCH;
            // Frames are written in order: the highest two are the only ones that can still be growing.
            for (int i = Math.max(0, frames.length - 2); i < frames.length; i++) {
                newest = max(newest, modified(dir.resolve(frameFile(n, frames[i], comp[i]))));
            }
            // The template names the compression all frames share; mixed series get KAMO's plain template.
            boolean uniform = true;
            for (byte b : comp) {
                uniform &= b == comp[0];
            }
            String template = n.head() + "?".repeat(n.digits()) + ".cbf" + (uniform ? ImageFileNames.COMPRESSIONS.get(comp[0]) : "");
            out.add(new ImageSeries(dir, n.prefix(), ImageFormat.CBF, template, frames,
                    dir.resolve(frameFile(n, frames[0], comp[0])), List.of(), newest));
        }
        for (Map.Entry<String, Path> m : masters.entrySet()) {
            List<Path> data = new ArrayList<>(dataFiles.getOrDefault(m.getKey(), List.of()));
            data.sort(null);
            Instant newest = modified(m.getValue());
            for (Path d : data) {
                newest = max(newest, modified(d));
            }
            out.add(new ImageSeries(dir, m.getKey(), ImageFormat.EIGER, ImageFileNames.eigerTemplate(m.getKey()),
                    new int[0], m.getValue(), List.copyOf(data), newest));
        }
        for (String prefix : dataFiles.keySet()) {
            if (!masters.containsKey(prefix)) {
                notes.add(dir + ": EIGER data files " + prefix + "_data_*.h5 have no master file " + prefix + "_master.h5");
            }
        }
        return out;
    }

    static String frameFile(ImageFileNames.CbfName n, int frame, int compressionIndex) {
        String digits = String.valueOf(frame);
        return n.head() + "0".repeat(Math.max(0, n.digits() - digits.length())) + digits + ".cbf"
                + ImageFileNames.COMPRESSIONS.get(compressionIndex);
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH; // vanished between listing and stat: judged by the frames present
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
