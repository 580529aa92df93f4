package org.mxflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.CompletenessRule;
import org.mxflow.discovery.Discovery;
import org.mxflow.discovery.FileHeaders;
import org.mxflow.plan.Planner;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.sheet.SampleSheet;
import org.mxflow.sheet.SampleSheets;

/**
 * Times discovery of a large raw-data tree: {@code pins} helical pins of {@code frames} empty CBF
 * placeholders each (plus a raster-scan directory and a loop image), with a sample sheet.
 * Placeholder headers cannot be read; discovery notes that and goes on, as for a real file being written.
 *
 * <p>Usage: {@code DiscoveryBenchmark DIR [pins=200] [frames=3600] [repeats=3]}; creates the tree
 * under DIR when it is not there yet, and leaves it for a peer to scan.
 */
public final class DiscoveryBenchmark {

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int pins = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 3600;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path root = dir.resolve("201128_BL45XU_bench");
        Path sheetFile = dir.resolve("bench.csv");
        if (!Files.exists(root)) {
            long t0 = System.nanoTime();
            build(root, sheetFile, pins, frames);
            System.out.printf(Locale.ROOT, "created %d pins x %d frames (%d files) in %.1f s%n", pins, frames,
                    (long) pins * frames, (System.nanoTime() - t0) / 1e9);
        }
        SampleSheet sheet = SampleSheets.read(sheetFile);
        Discovery discovery = new Discovery(new FileHeaders(), CompletenessRule.DEFAULT);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            BeamtimeSurvey s = discovery.survey(root, sheet, Instant.now());
            long t1 = System.nanoTime();
            ProcessingPlan plan = Planner.spring8().plan(s);
            long t2 = System.nanoTime();
            int found = s.datasets().stream().mapToInt(d -> d.presentCount()).sum();
            System.out.printf(Locale.ROOT, "run %d: discovery %.3f s (%d datasets, %d frames), plan %.3f s (%d units)%n",
                    r + 1, (t1 - t0) / 1e9, s.datasets().size(), found, (t2 - t1) / 1e9, plan.units().size());
            if (found != pins * frames) {
                throw new IllegalStateException("found " + found + " frames, expected " + pins * frames);
            }
            best = Math.min(best, (t1 - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "mxflow discovery best: %.3f s%n", best);
    }

    static void build(Path root, Path sheetFile, int pins, int frames) throws IOException {
        StringBuilder sheet = new StringBuilder("puckid,pinid,sample_name,mode,wavelength,total_osc,osc_width\n");
        for (int p = 0; p < pins; p++) {
            String puck = String.format(Locale.ROOT, "BEN%04d", p / 16);
            String pin = String.format(Locale.ROOT, "%02d", p % 16 + 1);
            Path pinDir = root.resolve(puck + "-" + pin);
            Files.createDirectories(pinDir.resolve("scan00/2d"));
            Files.createFile(pinDir.resolve("before.ppm"));
            Path data = Files.createDirectories(pinDir.resolve("data00"));
            for (int f = 1; f <= frames; f++) {
                Files.createFile(data.resolve(String.format(Locale.ROOT, "cry00_%05d.cbf", f)));
            }
            sheet.append(puck).append(',').append(pin).append(",sample").append(p % 10).append(",helical,1.0,")
                    .append(frames / 10.0).append(",0.1\n");
        }
        Files.writeString(sheetFile, sheet);
    }
}
