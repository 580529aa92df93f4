package org.mxflow.spots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.image.CbfReader;
import org.mxflow.image.ImageFormatException;
import org.mxflow.image.ImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spot-finding step of the native engine for a rotation sweep: strong spots joined across
 * frames, written to the working directory as {@code SPOT.XDS} (so XDS IDXREF can index from
 * it) and {@code spots.tsv} (every spot property, see {@link SpotTableWriter}).
 */
public final class SweepSpotFinding {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSpotFinding.class);

    /**
     * What the step produced.
     *
     * @param spots      the 3D spots, in the order found
     * @param frames     per-frame strong pixels and 2D components
     * @param spotXds    the SPOT.XDS written
     * @param spotTable  the spots.tsv written
     */
    public record Result(List<Spot> spots, List<FrameComponents> frames, Path spotXds, Path spotTable) {
    }

    private SweepSpotFinding() {
    }

    /**
     * Finds spots on CBF frames of one sweep (any order; frame numbers from the file names) and
     * writes SPOT.XDS and spots.tsv into {@code workDir}. Geometry comes from the first frame.
     */
    public static Result run(List<Path> frameFiles, Path workDir, SpotFinderSettings settings, int threads)
            throws IOException {
        if (frameFiles.isEmpty()) {
            throw new IOException("no frames given for spot finding into " + workDir);
        }
        Map<Integer, Path> byNumber = new HashMap<>();
        for (Path f : frameFiles) {
            Path earlier = byNumber.put(CbfReader.frameNumber(f), f);
            if (earlier != null) {
                throw new IOException("frame " + CbfReader.frameNumber(f) + " given twice: " + earlier + " and " + f);
            }
        }
        List<Integer> numbers = new ArrayList<>(byNumber.keySet());
        numbers.sort(null);
        ImageHeader header = CbfReader.readHeader(byNumber.get(numbers.get(0))).image();
        ParallelSpotFinding.FrameReader reader = n -> {
            Path f = byNumber.get(n);
            if (f == null) {
                throw new ImageFormatException(workDir, "frame " + n + " is not in the sweep");
            }
            return CbfReader.read(f);
        };
        return run(reader, numbers, header, workDir, settings, threads);
    }

    /** The same over any thread-safe frame reader. */
    public static Result run(ParallelSpotFinding.FrameReader reader, List<Integer> frameNumbers, ImageHeader header,
                             Path workDir, SpotFinderSettings settings, int threads) throws IOException {
        DispersionSpotFinder finder = new DispersionSpotFinder(settings);
        ParallelSpotFinding.SweepSpots sweep = ParallelSpotFinding.rotation(reader, frameNumbers, header, finder, threads);
        Files.createDirectories(workDir);
        Path spotXds = workDir.resolve("SPOT.XDS");
        Path table = workDir.resolve("spots.tsv");
        List<SpotXdsEntry> entries = new ArrayList<>(sweep.spots().size());
        sweep.spots().forEach(s -> entries.add(SpotXdsEntry.of(s)));
        SpotXdsWriter.write(spotXds, entries);
        SpotTableWriter.write(table, sweep.spots());
        LOG.info("{} frames {}-{}: {} strong spots -> {}", frameNumbers.size(), frameNumbers.get(0),
                frameNumbers.get(frameNumbers.size() - 1), sweep.spots().size(), spotXds);
        return new Result(sweep.spots(), sweep.frames(), spotXds, table);
    }
}
