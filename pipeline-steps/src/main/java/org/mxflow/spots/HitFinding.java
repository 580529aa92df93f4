package org.mxflow.spots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raster-scan hit-finding step (SHIKA's job): spots on every frame of a scan directory,
 * a score per frame, and the table, JSON and heat map written to the scan's {@code spotfinder/}
 * directory (or another). Used by {@code mxflow hitmap} and by {@code run}/{@code watch}.
 */
public final class HitFinding {

    private static final Logger LOG = LoggerFactory.getLogger(HitFinding.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What the step produced.
     *
     * @param scan     the scan that was scored
     * @param window   resolution window of the score, {dMaxA, dMinA}
     * @param scores   one score per frame, in frame order
     * @param frames   the spots per frame
     * @param outDir   where the files were written
     */
    public record Result(RasterScan scan, double[] window, List<HitScore> scores, List<FrameSpots> frames, Path outDir) {
        public Path png() {
            return outDir.resolve("hitmap.png");
        }

        public Path json() {
            return outDir.resolve("hitmap.json");
        }
    }

    private HitFinding() {
    }

    /**
     * Default output: the scan's own {@code spotfinder/} directory, as ZOO/SHIKA keep it (for an
     * EIGER master, beside the master).
     */
    public static Path defaultOutDir(Path scanDir) {
        if (Files.isRegularFile(scanDir)) {
            return scanDir.toAbsolutePath().getParent().resolve("spotfinder");
        }
        return scanDir.resolve("spotfinder");
    }

    /**
     * Hit finding on the CPU backend, without Content-MD5 checks (like dxtbx; the byte-offset
     * decoder still refuses truncated or malformed frames).
     */
    public static Result run(Path scanDir, Path outDir, SpotFinderSettings settings, int threads,
                             double dMaxA, double dMinA) throws IOException {
        return run(scanDir, outDir, settings, new DispersionThreshold(settings), false, threads, dMaxA, dMinA);
    }

    /**
     * Hit finding on a scan directory or EIGER master.
     *
     * @param backend    where strong pixels are computed (see {@link SpotFinderBackends})
     * @param verifyMd5  whether each CBF's Content-MD5 is checked (about 10 ms per 6M frame)
     */
    public static Result run(Path scanDir, Path outDir, SpotFinderSettings settings, SpotFinderBackend backend,
                             boolean verifyMd5, int threads, double dMaxA, double dMinA) throws IOException {
        if (!(dMaxA > dMinA) || dMinA <= 0) {
            throw new IllegalArgumentException("resolution window must have d_max > d_min > 0, got "
                    + dMaxA + " .. " + dMinA + " Å");
        }
        RasterScan scan = RasterScan.open(scanDir);
        refuseReadOnlyParent(outDir);   // before the work, not after it
        LOG.info("{}: {} frames, grid {}x{} ({})", scanDir, scan.frames().size(), scan.grid().columns(),
                scan.grid().rows(), scan.grid().source());
        DispersionSpotFinder finder = new DispersionSpotFinder(settings, backend);
        List<FrameSpots> frames;
        try (RasterScan.Reader reader = scan.reader(verifyMd5)) {
            frames = ParallelSpotFinding.stills(reader, scan.frameNumbers(), finder, threads);
        }
        List<HitScore> scores = new ArrayList<>();
        for (FrameSpots f : frames) {
            scores.add(HitScore.of(f, dMaxA, dMinA));
        }
        try {
            Files.createDirectories(outDir);
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("cannot create output directory " + outDir + " (" + e.getClass().getSimpleName()
                    + "); give another with --out", e);
        }
        Result result = new Result(scan, new double[] {dMaxA, dMinA}, scores, frames, outDir);
        writeJson(result, result.json());
        writeTable(result, outDir.resolve("hitmap.tsv"));
        List<Spot> all = new ArrayList<>();
        frames.forEach(f -> all.addAll(f.spots()));
        SpotTableWriter.write(outDir.resolve("spots.tsv"), all);
        HitMapImage.write(HitMapImage.render(scores, scan.grid()), result.png());
        return result;
    }

    /**
     * Raw-data directories are made read-only after collection; honour the mode bits even when
     * running as root (which could write anyway), so hit finding never adds files beside frames
     * that were meant to stay untouched.
     */
    static void refuseReadOnlyParent(Path outDir) throws IOException {
        Path p = outDir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        try {
            var perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)) {
                throw new IOException("cannot write " + outDir + ": " + p + " is read-only ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); give another directory with --out");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the ordinary write check
        }
    }

    /** The JSON document: the scan, the grid, the window and one record per frame. */
    public static Map<String, Object> toJson(Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("directory", r.scan().directory().toString());
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("columns", r.scan().grid().columns());
        grid.put("rows", r.scan().grid().rows());
        grid.put("layout", r.scan().grid().source());
        doc.put("grid", grid);
        doc.put("d_max_A", r.window()[0]);
        doc.put("d_min_A", r.window()[1]);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < r.scores().size(); i++) {
            HitScore s = r.scores().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", s.frameNumber());
            m.put("file", r.scan().frames().get(s.frameNumber()).getFileName().toString());
            if (r.scan().eigerMaster() != null) {
                m.put("image", s.frameNumber());
            }
            m.put("column", r.scan().grid().column(i));
            m.put("row", r.scan().grid().row(i));
            m.put("spots", s.spotCount());
            m.put("spots_in_window", s.spotsInWindow());
            m.put("total_intensity", Math.round(s.totalIntensityCounts()));
            m.put("estimated_d_min_A", Double.isNaN(s.estimatedDMinA()) ? null
                    : Math.round(s.estimatedDMinA() * 100) / 100.0);
            m.put("strong_pixels", s.strongPixels());
            rows.add(m);
        }
        doc.put("frames", rows);
        return doc;
    }

    public static String jsonText(Result r) throws IOException {
        return JSON.writeValueAsString(toJson(r));
    }

    /** The table a beamline scientist reads: one line per frame. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%6s %6s %6s %8s %12s %8s%n", "frame", "spots", "score", "d_min/A", "intensity", "strong"));
        for (HitScore s : r.scores()) {
            b.append(String.format("%6d %6d %6d %8s %12.0f %8d%n", s.frameNumber(), s.spotCount(), s.spotsInWindow(),
                    Double.isNaN(s.estimatedDMinA()) ? "-" : String.format("%.2f", s.estimatedDMinA()),
                    s.totalIntensityCounts(), s.strongPixels()));
        }
        return b.toString();
    }

    private static void writeJson(Result r, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        JSON.writeValue(tmp.toFile(), toJson(r));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeTable(Result r, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(tmp, "# score = spots with " + r.window()[1] + " <= d <= " + r.window()[0]
                + " A off ice rings; layout " + r.scan().grid().source() + "\n" + table(r));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
