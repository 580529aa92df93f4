package org.mxflow.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.mxflow.image.hdf5.EigerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a complete simulated ZOO beamtime (kamo-conventions §1): the raw tree
 * {@code YYMMDD_BL45XU_<user>/} with one directory per pin, rotation data in {@code data00/},
 * raster scans in {@code scan00/}, the sample sheet as CSV, and beside it (never inside) the truth
 * {@code YYMMDD_BL45XU_<user>_truth/}: one JSON per crystal, {@code beamtime.json} and the true
 * intensities of each structure.
 */
public final class BeamtimeSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(BeamtimeSimulator.class);
    /** Frames per EIGER data file, as SPring-8 writes them. */
    static final int FRAMES_PER_DATA_FILE = 100;

    /** One dataset written: where, which crystal, which frames. */
    public record DatasetTruth(String pin, String sampleName, String mode, String crystalId, String group,
                               String template, int firstFrame, int lastFrame, double startDeg, double oscWidthDeg) {
    }

    /** What was written. */
    public record Result(Path rawRoot, Path truthDir, Path sampleSheetCsv, List<DatasetTruth> datasets,
                         List<Crystal> crystals, int framesWritten, long bytesWritten) {
    }

    private final SimulationPreset preset;
    private final long seed;

    public BeamtimeSimulator(SimulationPreset preset, long seed) {
        this.preset = preset;
        this.seed = seed;
    }

    /** Root directory name YYMMDD_BL45XU_user. */
    public static String rootName(LocalDate date, String user) {
        if (!user.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("user name '" + user + "' must be letters and digits only");
        }
        return date.format(DateTimeFormatter.ofPattern("yyMMdd")) + "_BL45XU_" + user;
    }

    public Result run(Path outDir, String user, LocalDate date) throws IOException {
        String rootName = rootName(date, user);
        Path root = outDir.resolve(rootName);
        Path truth = outDir.resolve(rootName + "_truth");
        if (Files.exists(root)) {
            throw new IOException(root + " already exists; choose an empty output directory");
        }
        Files.createDirectories(root);
        Files.createDirectories(truth);
        SplittableRandom master = new SplittableRandom(seed);

        // Structures: one random atomic model per group, structure factors to the preset's limit.
        Map<String, StructureFactors> structures = new LinkedHashMap<>();
        for (StructureGroup g : preset.groups()) {
            AtomicModel model = AtomicModel.random(g.atoms(), master.split());
            // A little beyond dMin so crystals whose cell is slightly larger still find every index.
            structures.put(g.label(), StructureFactors.compute(model, g.cell(), g.spaceGroup(), preset.dMinA() * 0.97));
        }
        for (StructureGroup g : preset.groups()) {
            writeIntensities(truth.resolve("intensities_" + g.label() + ".hkl"), g, structures.get(g.label()));
        }

        LocalDateTime clock = date.atTime(9, 0);
        List<DatasetTruth> datasets = new ArrayList<>();
        List<Crystal> crystals = new ArrayList<>();
        Map<String, String> crystalPin = new HashMap<>();
        long[] totals = new long[2];
        BackgroundModel bgModel = BackgroundModel.typical().scaled(preset.exposureS() / 0.1);
        double[] background = bgModel.meanCounts(preset.detector(), preset.beam().wavelengthA());
        FrameRenderer renderer = new FrameRenderer(preset.detector(), background);
        FrameRenderer rasterRenderer = new FrameRenderer(preset.detector(),
                bgModel.scaled(0.5).meanCounts(preset.detector(), preset.beam().wavelengthA()));
        for (PinPlan pin : preset.pins()) {
            Path pinDir = root.resolve(pin.directoryName());
            Path dataDir = pinDir.resolve("data00");
            Files.createDirectories(dataDir);
            SplittableRandom pinRng = master.split();
            int kkk = 0;
            Crystal first = null;
            double firstStart = 0;
            for (String groupLabel : pin.crystalGroups()) {
                kkk++;
                String prefix = String.format(Locale.ROOT, "%s-%s_%03d", pin.directoryName(), pin.mode(), kkk);
                // Helical and single pins hold large crystals: 6x the diffracting volume of a multi-mode
                // microcrystal, enough for the strongest low-resolution spots to overload the PILATUS.
                double meanScale = preset.meanScale() * (pin.mode().equals("multi") ? 1 : 6);
                Crystal crystal = CrystalDraw.draw(prefix, preset.group(groupLabel), meanScale, pinRng.split());
                double start = Math.floor(pinRng.nextDouble() * 360 / preset.oscWidthDeg()) * preset.oscWidthDeg();
                if (first == null) {
                    first = crystal;
                    firstStart = start;
                }
                int nFrames = (int) Math.round(pin.sweepDeg() / preset.oscWidthDeg());
                List<PredictedReflection> refl = ReflectionPredictor.predict(crystal, structures.get(groupLabel),
                        preset.beam(), Goniometer.standard(), preset.detector(), start,
                        start + nFrames * preset.oscWidthDeg(), preset.dMinA());
                LOG.info("{}: {} {} crystal, {} frames from {}°, {} reflection crossings", prefix, groupLabel,
                        crystal.spaceGroup().shortSymbol(), nFrames, start, refl.size());
                LocalDateTime t0 = clock;
                long seedBase = pinRng.nextLong();
                long[] bytes = new long[nFrames];
                java.util.function.IntFunction<int[]> frame = i -> {
                    double a = start + i * preset.oscWidthDeg();
                    double[] mean = renderer.expectedCounts(refl, a, a + preset.oscWidthDeg(), 0, 1.0);
                    return renderer.record(mean, new SplittableRandom(seedBase + i * 0x9E3779B97F4A7C15L));
                };
                String template;
                if (preset.format() == FrameFormat.EIGER) {
                    totals[1] += writeEiger(dataDir, prefix, start, nFrames, frame);
                    template = EigerWriter.masterName(prefix);
                } else {
                    IntStream.range(0, nFrames).parallel().forEach(i -> {
                        String name = String.format(Locale.ROOT, "%s_%05d", prefix, i + 1);
                        bytes[i] = writeFrame(dataDir.resolve(name + ".cbf"), i + 1, frame.apply(i),
                                start + i * preset.oscWidthDeg(), preset.oscWidthDeg(),
                                t0.plusNanos((long) (i * preset.exposureS() * 1e9)));
                    });
                    template = prefix + "_?????.cbf";
                }
                clock = clock.plusSeconds((long) Math.ceil(nFrames * preset.exposureS()) + 60);
                totals[0] += nFrames;
                totals[1] += java.util.Arrays.stream(bytes).sum();
                crystals.add(crystal);
                crystalPin.put(crystal.id(), pin.directoryName());
                datasets.add(new DatasetTruth(pin.directoryName(), pin.sampleName(), pin.mode(), crystal.id(), groupLabel,
                        root.relativize(dataDir.resolve(template)).toString(), 1, nFrames, start,
                        preset.oscWidthDeg()));
                writeCrystalTruth(truth.resolve(crystal.id() + ".json"), crystal, pin, datasets.get(datasets.size() - 1));
            }
            // Raster scans over the loop before collection: stills at the first crystal's start angle.
            Crystal target = first;
            List<PredictedReflection> still = ReflectionPredictor.predict(target, structures.get(target.group()),
                    preset.beam(), Goniometer.standard(), preset.detector(), firstStart, firstStart, preset.dMinA());
            totals[0] += writeScan(pinDir.resolve("scan00").resolve("2d"), pin.directoryName() + "-2d", still,
                    rasterRenderer, firstStart, rasterWeights(preset.rasterSide()), pinRng.nextLong(), clock);
            if (!pin.mode().equals("multi")) {
                double[] line = {0.0, 0.6, 1.0};
                totals[0] += writeScan(pinDir.resolve("scan00").resolve("lv00_00"), pin.directoryName() + "-lv00_00",
                        still, rasterRenderer, firstStart, line, pinRng.nextLong(), clock);
                if (pin.mode().equals("helical")) {
                    totals[0] += writeScan(pinDir.resolve("scan00").resolve("rv00_00"),
                            pin.directoryName() + "-rv00_00", still, rasterRenderer, firstStart,
                            new double[] {1.0, 0.5, 0.0}, pinRng.nextLong(), clock);
                }
            }
        }
        Path csv = root.resolve(rootName + ".csv");
        Files.writeString(csv, SampleSheetCsv.render(preset), StandardCharsets.UTF_8);
        writeBeamtimeTruth(truth.resolve("beamtime.json"), rootName, datasets);
        return new Result(root, truth, csv, List.copyOf(datasets), List.copyOf(crystals), (int) totals[0], totals[1]);
    }

    /** Hit strength over a side x side raster: the crystal in the middle, its edge half-lit, the corners empty. */
    static double[] rasterWeights(int side) {
        double[] w = new double[side * side];
        double c = (side - 1) / 2.0;
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                double r = Math.hypot(i - c, j - c) / Math.max(c, 1);
                w[j * side + i] = r < 0.5 ? 1.0 : r < 1.01 ? 0.4 : 0.0;
            }
        }
        return w;
    }

    private int writeScan(Path dir, String prefix, List<PredictedReflection> still, FrameRenderer renderer,
                          double angle, double[] weights, long scanSeed, LocalDateTime clock) throws IOException {
        Files.createDirectories(dir);
        IntStream.range(0, weights.length).parallel().forEach(i -> {
            double[] mean = renderer.expectedCounts(still, angle, angle, 0.1, 0.3 * weights[i]);
            int[] px = renderer.record(mean, new SplittableRandom(scanSeed + 31L * i));
            String name = String.format(Locale.ROOT, "%s_%05d", prefix, i + 1);
            writeFrame(dir.resolve(name + ".cbf"), i + 1, px, angle, 0.0, clock.plusSeconds(i));
        });
        return weights.length;
    }

    /**
     * Writes a rotation sweep as an EIGER master + data files of 100 frames, encoding each batch
     * of 100 in parallel; returns the bytes written.
     */
    private long writeEiger(Path dataDir, String prefix, double startDeg, int nFrames,
                            java.util.function.IntFunction<int[]> frame) throws IOException {
        Detector d = preset.detector();
        // DECTRIS firmware writes "Dectris EIGER..."; dxtbx recognises EIGER masters by that text.
        ImageHeader h = new ImageHeader("Dectris " + d.name().replace("PILATUS3", "EIGER2 X").replace("PILATUS", "EIGER"),
                d.nx(), d.ny(), d.pixelMm(), d.pixelMm(), preset.beam().wavelengthA(), d.distanceMm(), d.beamXPx(),
                d.beamYPx(), startDeg, preset.oscWidthDeg(), preset.exposureS(), d.countCutoff(), nFrames);
        // Gaps are the detector's geometry, the same on every frame: mask bit 0, as DECTRIS marks them.
        int[] mask = new int[d.nx() * d.ny()];
        for (int y = 0; y < d.ny(); y++) {
            for (int x = 0; x < d.nx(); x++) {
                mask[y * d.nx() + x] = d.isGap(x, y) ? 1 : 0;
            }
        }
        try (EigerWriter w = new EigerWriter(dataDir, prefix, h, d.sensorThicknessMm(), mask, FRAMES_PER_DATA_FILE)) {
            for (int first = 0; first < nFrames; first += FRAMES_PER_DATA_FILE) {
                int from = first;
                byte[][] chunks = new byte[Math.min(FRAMES_PER_DATA_FILE, nFrames - first)][];
                IntStream.range(0, chunks.length).parallel()
                        .forEach(i -> chunks[i] = EigerWriter.encode(frame.apply(from + i)));
                for (byte[] c : chunks) {
                    w.appendEncoded(c);
                }
            }
        }
        long total = 0;
        try (var files = Files.list(dataDir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix + "_")
                    && p.getFileName().toString().endsWith(".h5")).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    /** Writes one frame through the images module's PILATUS miniCBF writer; returns its size in bytes. */
    private long writeFrame(Path file, int number, int[] px, double startDeg, double widthDeg, LocalDateTime time) {
        Detector d = preset.detector();
        ImageHeader h = new ImageHeader(d.name(), d.nx(), d.ny(), d.pixelMm(), d.pixelMm(), preset.beam().wavelengthA(),
                d.distanceMm(), d.beamXPx(), d.beamYPx(), startDeg, widthDeg, preset.exposureS(), d.countCutoff(), 1);
        CbfWriter.Extras extras = new CbfWriter.Extras(d.sensorThicknessMm(), preset.exposureS(), "X.CW",
                preset.beam().polarizationFraction(), time);
        try {
            CbfWriter.write(file, new Frame(number, h, px), extras);
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * h k l I for every unique reflection of the structure, I = |F|²/ΣZ² (so the Wilson mean is 1
     * at zero angle); the index is the lexicographically largest of its symmetry mates and Friedel
     * mates. No temperature factor: a crystal's expected full intensity is scale·exp(-B/(2d²))·I.
     */
    static void writeIntensities(Path file, StructureGroup g, StructureFactors sf) throws IOException {
        TreeMap<Long, Double> sorted = new TreeMap<>(sf.byUniqueKey());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(String.format(Locale.ROOT, "# structure %s, space group %s (%d), reference cell %s%n", g.label(),
                    g.spaceGroup().hermannMauguin(), g.spaceGroup().number(), g.cell().format()));
            w.write("# h k l I   (I = |F|^2 / sum Z^2, no B; systematic absences have I = 0)\n");
            for (Map.Entry<Long, Double> e : sorted.entrySet()) {
                int[] hkl = SpaceGroupSetting.unpack(e.getKey());
                w.write(String.format(Locale.ROOT, "%d %d %d %.6g%n", hkl[0], hkl[1], hkl[2], e.getValue() / sf.sumZSquared()));
            }
        }
    }

    private void writeCrystalTruth(Path file, Crystal c, PinPlan pin, DatasetTruth ds) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crystal", c.id());
        m.put("pin", pin.directoryName());
        m.put("sample_name", pin.sampleName());
        m.put("mode", pin.mode());
        m.put("group", c.group());
        m.put("space_group", c.spaceGroup().hermannMauguin());
        m.put("space_group_number", c.spaceGroup().number());
        m.put("cell", c.cell().toArray());
        m.put("U", c.orientation().elements());
        m.put("A_lab_at_phi0", c.orientedReciprocalBasis().elements());
        m.put("A_convention", "DIALS lab frame: beam along -z, rotation axis +x, A = U B, B = (O^-1)^T (cctbx)");
        m.put("mosaicity_deg", c.mosaicityDeg());
        m.put("scale", c.scale());
        m.put("b_factor_A2", c.bFactorA2());
        m.put("d_min_A", preset.dMinA());
        m.put("intensities_file", "intensities_" + c.group() + ".hkl");
        m.put("template", ds.template());
        m.put("first_frame", ds.firstFrame());
        m.put("last_frame", ds.lastFrame());
        m.put("start_angle_deg", ds.startDeg());
        m.put("osc_width_deg", ds.oscWidthDeg());
        m.put("wavelength_A", preset.beam().wavelengthA());
        m.put("seed", seed);
        json().writeValue(file.toFile(), m);
    }

    private void writeBeamtimeTruth(Path file, String rootName, List<DatasetTruth> datasets) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", rootName);
        m.put("preset", preset.name());
        m.put("seed", seed);
        m.put("detector", preset.detector().name());
        m.put("datasets", datasets);
        json().writeValue(file.toFile(), m);
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
