package org.mxflow.spots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mxflow.image.CbfReader;
import org.mxflow.image.ImageFormatException;

/**
 * The frames of a raster-scan directory (ZOO {@code scanNN/2d}, {@code lvCC_RR}, {@code rvCC_RR},
 * or any directory of CBF frames, compressed or not), by frame number, and the scan grid
 * from ZOO's {@code diffscan.log} when it is there.
 *
 * @param directory the scan directory
 * @param frames    frame files by frame number (the digits before ".cbf")
 * @param grid      layout of the frames on the sample
 */
public record RasterScan(Path directory, Map<Integer, Path> frames, ScanGrid grid) {

    private static final Pattern FRAME = Pattern.compile("_(\\d+)\\.cbf(\\.gz|\\.bz2)?$", Pattern.CASE_INSENSITIVE);

    public static RasterScan open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + ": not a directory");
        }
        Map<Integer, Path> frames = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Matcher m = FRAME.matcher(f.getFileName().toString());
                if (m.find() && Files.isRegularFile(f)) {
                    int n = Integer.parseInt(m.group(1));
                    Path earlier = frames.put(n, f);
                    if (earlier != null) {
                        throw new IOException(directory + ": frame " + n + " exists twice: "
                                + earlier.getFileName() + " and " + f.getFileName());
                    }
                }
            }
        }
        if (frames.isEmpty()) {
            throw new IOException(directory + ": no frames (files named like prefix_0001.cbf, .cbf.gz or .cbf.bz2)");
        }
        ScanGrid grid = ScanGrid.fromDiffscanLog(directory.resolve("diffscan.log"))
                .filter(g -> g.columns() * g.rows() >= frames.size())
                .orElse(ScanGrid.nearSquare(frames.size()));
        return new RasterScan(directory, frames, grid);
    }

    public List<Integer> frameNumbers() {
        return new ArrayList<>(frames.keySet());
    }

    /** A thread-safe reader of this scan's frames. */
    public ParallelSpotFinding.FrameReader reader() {
        return n -> {
            Path f = frames.get(n);
            if (f == null) {
                throw new ImageFormatException(directory.resolve("frame " + n), "no such frame in " + directory);
            }
            return CbfReader.read(f);
        };
    }
}
