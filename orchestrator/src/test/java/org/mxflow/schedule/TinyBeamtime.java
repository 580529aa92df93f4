package org.mxflow.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;

/**
 * A ZOO-style beamtime from the simulator, small enough for crash tests: a 256x256 flat
 * PILATUS-like detector, 1°/frame, one multi pin (2 wedges of 10°), a 40° helical sweep (cut into
 * 30°+10° wedges in _kamo_30deg) and a 30° single sweep, each pin with a 3x3 raster scan.
 */
final class TinyBeamtime {

    static final SimulationPreset PRESET = new SimulationPreset("tiny",
            new Detector("PILATUS3 tiny, S/N 00-0001", 256, 256, 0.172, 60, 131.3, 124.6, 115897, 0.45, 0, 0, 0, 0),
            new Beam(1.0, 0.02, 0.99), 1.0, 0.1, 2.5, 4.0e4, 3, List.of(
                    new org.mxflow.simulate.StructureGroup("lysA", new org.mxflow.cell.UnitCell(78.6, 78.6, 37.9, 90, 90, 90),
                            org.mxflow.simulate.SpaceGroupSetting.p43212(), 60),
                    new org.mxflow.simulate.StructureGroup("proC", new org.mxflow.cell.UnitCell(52.3, 63.5, 71.9, 90, 90, 90),
                            org.mxflow.simulate.SpaceGroupSetting.p212121(), 60)),
            List.of(new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA"), 10),
                    new PinPlan("HEL0002", "01", "pro", "helical", List.of("proC"), 40),
                    new PinPlan("CPS1012", "06", "lys", "single", List.of("lysA"), 30)));

    /** Only the multi pin (two 10° wedges of one sample): small enough to integrate and merge ten times over in a crash test. */
    static final SimulationPreset MULTI_ONLY = new SimulationPreset("tiny-multi", PRESET.detector(), PRESET.beam(), 1.0, 0.1, 2.5,
            4.0e4, 3, PRESET.groups(), List.of(PRESET.pins().get(0)));

    private TinyBeamtime() {
    }

    /** Writes the beamtime under {@code out}; returns the raw root. */
    static BeamtimeSimulator.Result write(Path out, long seed) throws IOException {
        return write(PRESET, out, seed);
    }

    static BeamtimeSimulator.Result write(SimulationPreset preset, Path out, long seed) throws IOException {
        return new BeamtimeSimulator(preset, seed).run(out, "tiny", LocalDate.of(2026, 11, 21));
    }

    /** Copies a tree (raw data only; the simulator's output is read-only to tests). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /** True for what mxflow may write in a root: the processing trees and the catalog. */
    static boolean isMxflowOutput(Path root, Path p) {
        String first = root.relativize(p).getName(0).toString();
        String name = root.getFileName().toString();
        // The deliverable archive <root>.tgz and session reports <root>_NN.html sit in the root (kamo-conventions §1.1).
        return first.startsWith("_kamoproc") || first.startsWith("_kamo_30deg") || first.startsWith(Processing.CATALOG_NAME)
                || first.equals(name + ".tgz") || first.matches(java.util.regex.Pattern.quote(name) + "_\\d\\d\\.html");
    }

    /** SHA-256 of every raw file (everything that is not mxflow output), by relative path. */
    static Map<String, String> rawChecksums(Path root) throws IOException {
        return checksums(root, p -> !isMxflowOutput(root, p));
    }

    /** SHA-256 of every file under the processing trees, by relative path. */
    static Map<String, String> outputChecksums(Path root, java.util.function.Predicate<Path> keep) throws IOException {
        // The archive is named after the root and packs the report pages: its contents are compared as files in the trees.
        return checksums(root, p -> isMxflowOutput(root, p) && !p.getFileName().toString().startsWith(Processing.CATALOG_NAME)
                && !p.getFileName().toString().endsWith(".tgz") && keep.test(p));
    }

    private static Map<String, String> checksums(Path root, java.util.function.Predicate<Path> keep) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (keep.test(file)) {
                    out.put(root.relativize(file).toString(), sha256(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
