package org.mxflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mxflow.spots.HitFinding;
import org.mxflow.spots.SpotFinderBackends;
import org.mxflow.spots.SpotFinderSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mxflow hitmap DIR}: spot counts per frame of a raster scan and its heat map (SHIKA's job). */
@Command(name = "hitmap", mixinStandardHelpOptions = true,
        description = {"Find spots on every frame of a raster scan (ZOO scanNN/2d, lvCC_RR, rvCC_RR, any "
                + "directory of CBF frames, compressed or not, or an EIGER master file), print a per-frame table and draw a heat map.",
            "Writes hitmap.png, hitmap.json, hitmap.tsv and spots.tsv to DIR/spotfinder/ (or --out); "
                + "frames are never modified."})
public final class HitmapCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "scan directory, or an EIGER *_master.h5")
    Path dir;

    @Option(names = "--json", description = "print the per-frame records as JSON instead of a table")
    boolean json;

    @Option(names = "-N", paramLabel = "THREADS", description = "threads (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "OUTDIR", description = "output directory (default: DIR/spotfinder)")
    Path out;

    @Option(names = "--d-max", paramLabel = "A", description = "low-resolution end of the score window in Å (default ${DEFAULT-VALUE})")
    double dMaxA = 50.0;

    @Option(names = "--d-min", paramLabel = "A", description = "high-resolution end of the score window in Å (default ${DEFAULT-VALUE})")
    double dMinA = 3.0;

    @Option(names = "--backend", paramLabel = "cpu|cuda|auto",
            description = "where strong pixels are computed: auto uses a CUDA GPU when one works, else the CPU"
                    + " (same results either way; default ${DEFAULT-VALUE})")
    String backend = "auto";

    @Option(names = "--verify-md5", description = "check each CBF frame's Content-MD5 (off by default, as in DIALS;"
            + " sizes and byte-offset data are always checked)")
    boolean verifyMd5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path outDir = out != null ? out : HitFinding.defaultOutDir(dir);
        SpotFinderSettings settings = SpotFinderSettings.dialsDefaults();
        SpotFinderBackends.Selection selection = SpotFinderBackends.choose(SpotFinderBackends.Choice.parse(backend), settings);
        HitFinding.Result r;
        try {
            r = HitFinding.run(dir, outDir, settings, selection.backend(), verifyMd5, threads, dMaxA, dMinA);
        } finally {
            if (selection.backend() instanceof AutoCloseable c) {
                c.close();
            }
        }
        if (json) {
            stdout.println(HitFinding.jsonText(r));
        } else {
            stdout.printf("%s: %d frames, grid %d x %d (%s); score = spots with %.1f >= d >= %.1f A off ice rings%n",
                    dir, r.scores().size(), r.scan().grid().columns(), r.scan().grid().rows(), r.scan().grid().source(),
                    dMaxA, dMinA);
            stdout.print(HitFinding.table(r));
            stdout.println("heat map: " + r.png());
        }
        stdout.flush();
        return 0;
    }
}
