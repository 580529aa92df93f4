package org.mxflow.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.cluster.ClusterCompleteness;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.report.MergeReport;
import org.mxflow.report.ProcessingSummary;
import org.mxflow.report.ReportRenderer;
import org.mxflow.report.SessionReport;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * A made-up beamtime for the report benchmark and the browser tests: the view models of every
 * report of a ZOO session (multi pins with 10 crystals of 10°, single/helical pins with a 360°
 * sweep cut into 30° wedges in {@code _kamo_30deg}, one merge per sample), seeded so it is the
 * same every time. Numbers are plausible, not physics: the tests check how the pages render
 * them, not what they mean. With {@code createFiles} the directories and the small files the
 * pages link (heat-map PNGs, loop JPEGs, placeholder merge outputs) are created, so every link
 * resolves.
 */
public final class SyntheticBeamtime {

    /** Everything to render. */
    public record Beamtime(Path root, ProcessingSummary kamoproc, ProcessingSummary kamo30deg,
                           List<MergeReport> merges, SessionReport session) {}

    private SyntheticBeamtime() {}

    /**
     * @param root          the beamtime root (created if {@code createFiles})
     * @param multiPins     multi-mode pins, 10 crystals each
     * @param sweepPins     single/helical pins, one 3600-frame sweep each
     * @param samples       sample names are spread over this many groups (one merge report each)
     * @param samplePrefix  prefix of every sample name (the tests put HTML metacharacters here)
     * @param puckPrefix    puck ID of the first pin (a name with metacharacters tests path escaping)
     */
    public static Beamtime build(Path root, int multiPins, int sweepPins, int samples, String samplePrefix,
                                 String puckPrefix, boolean createFiles) throws IOException {
        Random rnd = new Random(20261121L);
        Path kamoproc = root.resolve("_kamoproc"), kamo30 = root.resolve("_kamo_30deg");
        List<ProcessingSummary.Dataset> proc = new ArrayList<>(), wedges = new ArrayList<>();
        List<SessionReport.Pin> pins = new ArrayList<>();
        List<List<ProcessingSummary.Dataset>> bySample = new ArrayList<>();
        for (int s = 0; s < samples; s++) bySample.add(new ArrayList<>());
        UnitCell lysozyme = new UnitCell(79.1, 79.1, 37.9, 90, 90, 90);
        int totalPins = multiPins + sweepPins;
        for (int p = 0; p < totalPins; p++) {
            boolean multi = p < multiPins;
            String puck = p == 0 && puckPrefix != null ? puckPrefix : String.format("CPS%04d", 1000 + p / 16);
            String pinId = String.format("%02d", p % 16 + 1);
            String pinDir = puck + "-" + pinId;
            int sample = p % samples;
            String sampleName = (samplePrefix == null ? "" : samplePrefix) + "Lys" + sample;
            String mode = multi ? "multi" : (p % 2 == 0 ? "helical" : "single");
            int crystals = multi ? 10 : 1;
            for (int k = 1; k <= crystals; k++) {
                int frames = multi ? 100 : 3600;
                String prefix = multi ? String.format("%s-multi_%03d", pinDir, k) : (mode.equals("helical") ? "cry00" : "single");
                Path wd = kamoproc.resolve(pinDir).resolve("data00").resolve(prefix + "_1-" + frames);
                ProcessingSummary.Dataset d = dataset(rnd, wd, puck, pinId, 1, frames, lysozyme, k == 3 && p % 5 == 1);
                proc.add(d);
                if (d.status() == ProcessingSummary.Status.DONE) bySample.get(sample).add(d);
                // 30° wedges (kamo-conventions 2.4): 300 frames at 0.1°, aligned to absolute frame numbers
                for (int lo = 1; lo <= frames; lo += 300) {
                    int hi = Math.min(frames, lo + 299);
                    Path w = kamo30.resolve(pinDir).resolve("data00").resolve(prefix + "_" + lo + "-" + hi);
                    wedges.add(dataset(rnd, w, puck, pinId, lo, hi, lysozyme, false));
                }
            }
            Path pinPath = root.resolve(pinDir);
            Path heat = pinPath.resolve("scan00/2d/spotfinder/hitmap.png");
            Path table = pinPath.resolve("scan00/2d/spotfinder/hitmap.tsv");
            Path loop = pinPath.resolve("raster.jpg");
            boolean found = !(p % 7 == 6);
            if (createFiles) {
                writeHeatMap(heat, rnd, 23, 25);
                Files.writeString(table, "# row\tcolumn\tscore\n1\t1\t0\n", StandardCharsets.UTF_8);
                writeLoop(loop);
                Files.createDirectories(kamoproc.resolve(pinDir));
                Files.createDirectories(kamo30.resolve(pinDir));
            }
            pins.add(new SessionReport.Pin(puck, pinId, sampleName, mode, 1.0, multi ? 10.0 : 360.0, 0.1, 20, 20,
                    470, 503, 23, 25, found ? crystals : 0,
                    found ? "Normal termination" : (multi ? "No crystals found in a raster scan" : "X-ray centering failed"),
                    3 + rnd.nextDouble() * 20, loop, heat, table,
                    List.of(new SessionReport.Link("_kamoproc", kamoproc.resolve(pinDir)),
                            new SessionReport.Link("_kamo_30deg", kamo30.resolve(pinDir))),
                    new ArrayList<>()));
        }
        List<MergeReport> merges = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            String sampleName = (samplePrefix == null ? "" : samplePrefix) + "Lys" + s;
            List<ProcessingSummary.Dataset> members = bySample.get(s);
            if (members.size() < 2) continue;
            Path sampleDir = MergeDirectoryNames.sampleDirectory(kamoproc, MergeDirectoryNames.Clustering.BLEND, 2.2, sampleName);
            Path pass = sampleDir.resolve(MergeDirectoryNames.passDirectoryName(MergeDirectoryNames.Clustering.BLEND, 2.05, true));
            merges.add(merge(rnd, pass, sampleName, members, createFiles));
            for (int i = 0; i < pins.size(); i++) {
                SessionReport.Pin pin = pins.get(i);
                if (pin.sampleName().equals(sampleName)) {
                    List<SessionReport.Link> m = new ArrayList<>(pin.merges());
                    m.add(new SessionReport.Link(pass.getFileName().toString(), pass.resolve("report.html")));
                    pins.set(i, new SessionReport.Pin(pin.puckId(), pin.pinId(), pin.sampleName(), pin.mode(), pin.wavelengthA(),
                            pin.totalPhiDeg(), pin.oscillationDeg(), pin.rasterBeamHUm(), pin.rasterBeamVUm(), pin.rasterAreaHUm(),
                            pin.rasterAreaVUm(), pin.gridH(), pin.gridV(), pin.datasets(), pin.logComment(), pin.measTimeMin(),
                            pin.loopImage(), pin.heatMap(), pin.hitReport(), pin.processing(), m));
                }
            }
        }
        if (createFiles) {
            for (ProcessingSummary.Dataset d : proc) Files.createDirectories(d.workDir());
            for (ProcessingSummary.Dataset d : wedges) Files.createDirectories(d.workDir());
        }
        String title = root.getFileName().toString();
        return new Beamtime(root,
                new ProcessingSummary("mxflow processing report (_kamoproc)", root, kamoproc, proc),
                new ProcessingSummary("mxflow processing report (_kamo_30deg)", root, kamo30, wedges),
                merges,
                new SessionReport(root, title, pins, List.of(
                        new SessionReport.Link("_kamoproc/report.html", kamoproc.resolve("report.html")),
                        new SessionReport.Link("_kamo_30deg/report.html", kamo30.resolve("report.html")))));
    }

    /** Renders every report of the beamtime; returns the number of pages written. */
    public static int renderAll(ReportRenderer r, Beamtime b) throws IOException {
        r.renderProcessingReport(b.kamoproc(), b.kamoproc().treeDir().resolve("report.html"));
        r.renderProcessingReport(b.kamo30deg(), b.kamo30deg().treeDir().resolve("report.html"));
        for (MergeReport m : b.merges()) {
            r.renderMergeReport(m);
        }
        r.renderSessionReport(b.session(), b.root().resolve(b.session().title() + "_00.html"));
        return 3 + b.merges().size();
    }

    private static ProcessingSummary.Dataset dataset(Random rnd, Path wd, String puck, String pin, int first, int last,
                                                     UnitCell cell, boolean fail) {
        int n = last - first + 1;
        String sampleId = puck + "(" + pin + ")";
        if (fail) {
            return new ProcessingSummary.Dataset(wd, null, sampleId, ProcessingSummary.Status.FAILED,
                    "indexing: 12 spots, need 20", first, last, 1.0, n * 0.1, 0.1, Double.NaN, null, null,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), spots(rnd, n, 15), new double[0]);
        }
        double[] scale = new double[n];
        double decay = 0.2 * rnd.nextDouble();
        for (int i = 0; i < n; i++) scale[i] = 1 + decay * i / n + 0.02 * rnd.nextGaussian();
        double isa = 8 + 25 * rnd.nextDouble();
        List<String> problems = isa < 10 ? List.of("CORRECT") : List.of();
        UnitCell c = new UnitCell(cell.a() * (1 + 0.004 * rnd.nextGaussian()), cell.b() * (1 + 0.004 * rnd.nextGaussian()),
                cell.c() * (1 + 0.004 * rnd.nextGaussian()), 90, 90, 90);
        return new ProcessingSummary.Dataset(wd, null, sampleId, ProcessingSummary.Status.DONE, null, first, last, 1.0,
                n * 0.1, 0.1, 85 + 15 * rnd.nextDouble(), "P43212", c, 1.6 + rnd.nextDouble(),
                n >= 1000 ? 99 + rnd.nextDouble() : 20 + 30 * rnd.nextDouble(), isa, 99 + rnd.nextDouble(), problems,
                spots(rnd, n, 150), scale);
    }

    private static double[] spots(Random rnd, int n, int mean) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.max(0, Math.round(mean * (1 + 0.3 * Math.sin(i / 40.0)) + Math.sqrt(mean) * rnd.nextGaussian()));
        return s;
    }

    private static MergeReport merge(Random rnd, Path pass, String sampleName, List<ProcessingSummary.Dataset> members,
                                     boolean createFiles) throws IOException {
        int n = members.size();
        List<MergeReport.InputFile> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(new MergeReport.InputFile(i + 1, members.get(i).workDir().resolve("XDS_ASCII.HKL_noscale"), members.get(i).cell()));
        }
        Dendrogram tree = randomTree(rnd, n);
        List<ClusterChoice.Candidate> candidates = new ArrayList<>();
        for (int k = 1; k <= tree.clusterCount(); k++) {
            int size = tree.merge(k).size();
            candidates.add(new ClusterChoice.Candidate(k, size, tree.height(k),
                    new ClusterCompleteness.Estimate(Math.min(100, 20 + 8 * size), 0.9 * size, Math.min(100, 12 + 6 * size), 0.45 * size),
                    0.3 + 0.1 * size, 0.2 + 0.05 * size, Double.NaN, Double.NaN));
        }
        List<MergeReport.MergedCluster> merged = new ArrayList<>();
        int top = tree.clusterCount();
        for (int k = top; k >= Math.max(1, top - 2); k--) {
            int size = tree.merge(k).size();
            Path clusterDir = pass.resolve(MergeDirectoryNames.clusterDirectoryName(k));
            int finalRun = k == top ? 3 : 2;
            Path run = clusterDir.resolve(MergeDirectoryNames.runDirectoryName(finalRun));
            List<Path> outputs = List.of(run.resolve("xscale.hkl"), run.resolve("XSCALE.LP"), run.resolve("ccp4/xscale.mtz"));
            int[] m = tree.members(k);
            List<MergeReport.Removal> removals = new ArrayList<>();
            removals.add(new MergeReport.Removal(1, inputs.get(m[0]).file(), List.of(41, 42, 43, 44, 97), "framecc",
                    "frame CC ≤ cutoff 0.62 (Q1 − 1.5·IQR of all frames)"));
            if (finalRun == 3) {
                removals.add(new MergeReport.Removal(2, inputs.get(m[m.length - 1]).file(), List.of(), "bad_em.b",
                        "b = 0.0141 above the upper fence 0.0093"));
            }
            merged.add(new MergeReport.MergedCluster(k, tree.height(k), 0.4, 0.3, size, finalRun,
                    size - (finalRun == 3 ? 1 : 0), "P 43 21 2", new UnitCell(79.1, 79.1, 37.9, 90, 90, 90),
                    statistics(rnd, 40, 2.05, size), 22 + rnd.nextDouble() * 5, 1.9, 2.3, 2.02, removals, outputs));
            if (createFiles) {
                Files.createDirectories(run.resolve("ccp4"));
                for (Path o : outputs) Files.writeString(o, "placeholder written by SyntheticBeamtime\n");
                Files.writeString(clusterDir.resolve("merge.log"), "placeholder merge.log\n");
                Path run1 = clusterDir.resolve("run_01");
                Files.createDirectories(run1);
                Files.writeString(run1.resolve("xscale.hkl"), "earlier run: not archived\n");
            }
        }
        List<Integer> leaves = new ArrayList<>();
        for (int i = 1; i <= n; i++) leaves.add(i);
        if (createFiles) {
            Files.createDirectories(pass);
            Files.writeString(pass.resolve("cluster_summary.dat"), "# d_min= 2.050 A\n");
        }
        return new MergeReport(pass, sampleName, "BLEND", 2.05, true, "P 4 2 2", inputs,
                List.of(new MergeReport.Tree("Cell-based clustering (BLEND-style, Ward)", tree, leaves, "Ward height", true)),
                candidates, merged);
    }

    /** Shells equally spaced in 1/d², CC½ falling as the tanh model with the half point near dMin. */
    public static MergingStatistics statistics(Random rnd, double dMax, double dMin, int datasets) {
        List<ShellStatistics> shells = new ArrayList<>();
        long obsT = 0, uniT = 0, posT = 0;
        double s0 = 1 / (dMax * dMax), s1 = 1 / (dMin * dMin);
        for (int i = 1; i <= 9; i++) {
            double s = s0 + (s1 - s0) * i / 9;
            double d = 1 / Math.sqrt(s);
            double cc = 100 * 0.5 * (1 - Math.tanh((s - 0.92 * s1) / (0.08 * s1)));
            long possible = 800 + 100L * i;
            long unique = Math.round(possible * (0.99 - 0.01 * i));
            long observed = unique * (2 + datasets / 2);
            double iOverSigma = 25 * Math.exp(-3.2 * (s - s0) / (s1 - s0)) + 0.3 * rnd.nextDouble();
            shells.add(new ShellStatistics(d, observed, unique, possible, 100.0 * unique / possible, 5 + 8 * i, 4 + 7 * i,
                    observed - unique, iOverSigma, 6 + 9 * i, cc, cc > 20, 10 - i, i < 5, 0.8 + 0.02 * i, unique / 2));
            obsT += observed;
            uniT += unique;
            posT += possible;
        }
        ShellStatistics total = new ShellStatistics(dMin, obsT, uniT, posT, 100.0 * uniT / posT, 12, 10, obsT - uniT, 8.5,
                14, 99.6, true, 4, true, 0.85, uniT / 2);
        return new MergingStatistics(dMax, shells, total);
    }

    /** A random binary tree with increasing heights, merges in R's member order. */
    static Dendrogram randomTree(Random rnd, int n) {
        List<Integer> active = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            active.add(-i);
            sizes.add(1);
        }
        List<Dendrogram.Merge> merges = new ArrayList<>();
        double h = 0;
        for (int k = 1; k < n; k++) {
            int a = rnd.nextInt(active.size());
            int b = rnd.nextInt(active.size() - 1);
            if (b >= a) b++;
            int x = active.get(a), y = active.get(b);
            int sx = sizes.get(a), sy = sizes.get(b);
            int left, right;
            if ((x < 0) != (y < 0)) {          // a leaf before a cluster
                left = Math.min(x, y);
                right = Math.max(x, y);
            } else if (x < 0) {                // two leaves ascending by item number
                left = Math.max(x, y);
                right = Math.min(x, y);
            } else {                           // two clusters ascending
                left = Math.min(x, y);
                right = Math.max(x, y);
            }
            h += 0.2 + rnd.nextDouble();
            merges.add(new Dendrogram.Merge(left, right, h, sx + sy));
            active.remove(Math.max(a, b));
            sizes.remove(Math.max(a, b));
            active.remove(Math.min(a, b));
            sizes.remove(Math.min(a, b));
            active.add(k);
            sizes.add(sx + sy);
        }
        return new Dendrogram(n, merges);
    }

    private static void writeHeatMap(Path png, Random rnd, int w, int h) throws IOException {
        Files.createDirectories(png.getParent());
        BufferedImage img = new BufferedImage(w * 4, h * 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r2 = Math.pow((x - w / 2.0) / (w / 3.0), 2) + Math.pow((y - h / 2.0) / (h / 4.0), 2);
                int v = (int) Math.max(0, Math.min(255, 255 * Math.exp(-r2) + 20 * rnd.nextDouble()));
                int rgb = (v << 16) | ((v / 2) << 8) | (255 - v);
                for (int dy = 0; dy < 4; dy++) for (int dx = 0; dx < 4; dx++) img.setRGB(4 * x + dx, 4 * y + dy, rgb);
            }
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void writeLoop(Path jpg) throws IOException {
        Files.createDirectories(jpg.getParent());
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) img.setRGB(x, y, ((x * 4) << 16) | ((y * 5) << 8) | 128);
        ImageIO.write(img, "jpg", jpg.toFile());
    }
}
