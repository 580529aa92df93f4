package org.mxflow.spots;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mxflow.image.CbfReader;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageFormatException;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;

/**
 * The frames of a raster scan, by frame number, and the scan grid from ZOO's
 * {@code diffscan.log} when it is there. A scan is a directory of CBF frames (ZOO
 * {@code scanNN/2d}, {@code lvCC_RR}, {@code rvCC_RR}, compressed or not), or an EIGER
 * {@code *_master.h5} (named directly, or the only master in the directory), whose images are
 * the scan's frames in order.
 *
 * @param directory    the scan directory (for EIGER, the master's directory)
 * @param frames       frame files by frame number (the digits before ".cbf"; for EIGER every
 *                     frame maps to the master file)
 * @param grid         layout of the frames on the sample
 * @param eigerMaster  the EIGER master file, or null for a CBF scan
 */
public record RasterScan(Path directory, Map<Integer, Path> frames, ScanGrid grid, Path eigerMaster) {

    private static final Pattern FRAME = Pattern.compile("_(\\d+)\\.cbf(\\.gz|\\.bz2)?$", Pattern.CASE_INSENSITIVE);

    /** Opens a scan directory or an EIGER master file. */
    public static RasterScan open(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            if (!ImageSources.isHdf5(path)) {
                throw new IOException(path + ": neither a scan directory nor an EIGER master file (*_master.h5)");
            }
            return eiger(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IOException(path + ": no such directory or EIGER master file");
        }
        Map<Integer, Path> frames = new TreeMap<>();
        List<Path> masters = new ArrayList<>();
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                Matcher m = FRAME.matcher(name);
                if (m.find() && Files.isRegularFile(f)) {
                    int n = Integer.parseInt(m.group(1));
                    Path earlier = frames.put(n, f);
                    if (earlier != null) {
                        throw new IOException(path + ": frame " + n + " exists twice: "
                                + earlier.getFileName() + " and " + f.getFileName());
                    }
                } else if (name.endsWith("_master.h5") && Files.isRegularFile(f)) {
                    masters.add(f);
                }
            }
        }
        if (frames.isEmpty() && masters.size() == 1) {
            return eiger(masters.get(0));
        }
        if (frames.isEmpty() && masters.size() > 1) {
            throw new IOException(path + ": " + masters.size() + " EIGER master files and no CBF frames;"
                    + " name the master of the scan");
        }
        if (frames.isEmpty()) {
            throw new IOException(path + ": no frames (files named like prefix_0001.cbf, .cbf.gz or .cbf.bz2,"
                    + " or an EIGER *_master.h5)");
        }
        return new RasterScan(path, frames, grid(path, frames.size()), null);
    }

    private static RasterScan eiger(Path master) throws IOException {
        Path dir = master.toAbsolutePath().getParent();
        Map<Integer, Path> frames = new TreeMap<>();
        try (ImageSource src = ImageSources.open(master)) {
            for (int n = src.firstFrame(); n <= src.lastFrame(); n++) {
                frames.put(n, master);
            }
        }
        if (frames.isEmpty()) {
            throw new ImageFormatException(master, "EIGER master lists no images");
        }
        return new RasterScan(dir, frames, grid(dir, frames.size()), master);
    }

    private static ScanGrid grid(Path directory, int frameCount) throws IOException {
        return ScanGrid.fromDiffscanLog(directory.resolve("diffscan.log"))
                .filter(g -> g.columns() * g.rows() >= frameCount)
                .orElse(ScanGrid.nearSquare(frameCount));
    }

    public List<Integer> frameNumbers() {
        return new ArrayList<>(frames.keySet());
    }

    /** A thread-safe reader of this scan's frames, verifying CBF Content-MD5. */
    public Reader reader() {
        return reader(true);
    }

    /**
     * A thread-safe reader of this scan's frames; close it when done (it holds the EIGER files
     * open). Each thread gets its own EIGER source, so decompression runs in parallel.
     *
     * @param verifyMd5 whether to check each CBF's Content-MD5 (dxtbx does not; see {@link CbfReader})
     */
    public Reader reader(boolean verifyMd5) {
        return new Reader(verifyMd5);
    }

    /** Reads frames of the scan by number. */
    public final class Reader implements ParallelSpotFinding.FrameReader, Closeable {
        private final boolean verifyMd5;
        private final List<ImageSource> opened = Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<ImageSource> perThread = new ThreadLocal<>();

        private Reader(boolean verifyMd5) {
            this.verifyMd5 = verifyMd5;
        }

        @Override
        public Frame read(int n) throws IOException {
            Path f = frames.get(n);
            if (f == null) {
                throw new ImageFormatException(directory.resolve("frame " + n), "no such frame in " + directory);
            }
            if (eigerMaster == null) {
                return CbfReader.read(f, verifyMd5);
            }
            ImageSource src = perThread.get();
            if (src == null) {
                src = ImageSources.open(eigerMaster);
                perThread.set(src);
                opened.add(src);
            }
            return src.read(n);
        }

        @Override
        public void close() throws IOException {
            synchronized (opened) {
                for (ImageSource s : opened) {
                    s.close();
                }
                opened.clear();
            }
        }
    }
}
