package org.mxflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mxflow.image.CbfReader;
import org.mxflow.image.CbfSeries;
import org.mxflow.image.EigerImageSource;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;
import org.mxflow.image.PixelStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mxflow inspect FILE...}: header and pixel statistics of CBF frames and EIGER master files. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the header and pixel statistics of CBF frames, ?-templates and EIGER master files.")
public final class InspectCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(InspectCommand.class);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "a CBF frame (.cbf, .cbf.gz, .cbf.bz2), a template like cry_????.cbf, or a *_master.h5")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON for machines instead of text.")
    boolean json;

    @Option(names = "--no-stats", description = "Headers only; skip decoding the pixels.")
    boolean noStats;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What {@code inspect} reports for one file; lengths in mm, wavelength in Å, angles in degrees.
     *
     * @param frame  the frame whose pixels were counted (null without statistics)
     */
    public record Report(String file, String format, ImageHeader header, int firstFrame, int lastFrame,
                         String series, Integer frame, PixelStatistics statistics) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // --debug is inherited: it may be given before or after "inspect".
        CommandLine.ParseResult own = spec.commandLine().getParseResult();
        CommandLine parent = spec.commandLine().getParent();
        boolean debug = (own != null && own.hasMatchedOption("--debug"))
                || (parent != null && parent.getParseResult() != null && parent.getParseResult().hasMatchedOption("--debug"));
        List<Report> reports = new ArrayList<>();
        int failures = 0;
        for (Path file : files) {
            try {
                Report r = inspect(file, !noStats);
                reports.add(r);
                if (!json) {
                    out.print(text(r));
                    out.flush();
                }
            } catch (Exception e) {
                failures++;
                err.println("mxflow: error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                if (debug) {
                    e.printStackTrace(err);
                } else {
                    LOG.debug("inspect {}", file, e);
                }
                err.flush();
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(reports));
            out.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    /** Reads one file's dataset header and, if asked, the pixels of the named (or first) frame. */
    public static Report inspect(Path file, boolean withStats) throws java.io.IOException {
        try (ImageSource src = ImageSources.open(file)) {
            String format;
            String series = null;
            int frameNumber;
            if (src instanceof CbfSeries s) {
                format = CbfReader.readHeader(s.files().get(s.firstFrame())).convention();
                series = s.template();
                boolean isTemplate = file.getFileName().toString().contains("?");
                frameNumber = isTemplate ? s.firstFrame() : CbfReader.frameNumber(file);
                if (!s.files().containsKey(frameNumber)) {
                    frameNumber = s.firstFrame();
                }
            } else if (src instanceof EigerImageSource) {
                format = "EIGER HDF5 (NXmx master)";
                frameNumber = src.firstFrame();
            } else {
                format = src.getClass().getSimpleName();
                frameNumber = src.firstFrame();
            }
            PixelStatistics stats = null;
            ImageHeader header = src.header();
            if (withStats) {
                Frame f = src.read(frameNumber);
                stats = PixelStatistics.of(f);
            }
            return new Report(file.toString(), format, header, src.firstFrame(), src.lastFrame(), series,
                    withStats ? frameNumber : null, stats);
        }
    }

    static String text(Report r) {
        ImageHeader h = r.header();
        StringBuilder s = new StringBuilder();
        s.append(r.file()).append('\n');
        row(s, "format", r.format());
        row(s, "detector", h.detector());
        row(s, "size", String.format(Locale.ROOT, "%d x %d pixels of %.4g x %.4g mm", h.width(), h.height(),
                h.pixelSizeXMm(), h.pixelSizeYMm()));
        row(s, "wavelength", String.format(Locale.ROOT, "%.5f Å (%.1f eV)", h.wavelengthA(), 12398.42 / h.wavelengthA()));
        row(s, "distance", String.format(Locale.ROOT, "%.2f mm", h.distanceMm()));
        row(s, "beam centre", String.format(Locale.ROOT, "x %.2f, y %.2f pixels", h.beamXPx(), h.beamYPx()));
        row(s, "oscillation", String.format(Locale.ROOT, "start %.4f°, width %.4f°%s", h.oscStartDeg(), h.oscWidthDeg(),
                h.oscWidthDeg() == 0 ? " (still)" : ""));
        row(s, "exposure", Double.isNaN(h.exposureS()) ? "not recorded"
                : java.math.BigDecimal.valueOf(h.exposureS()).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + " s");
        row(s, "count cutoff", String.format(Locale.ROOT, "%d", h.countCutoff()));
        row(s, "frames", String.format(Locale.ROOT, "%d (%d..%d)%s", h.frameCount(), r.firstFrame(), r.lastFrame(),
                r.series() == null ? "" : ", " + r.series()));
        PixelStatistics p = r.statistics();
        if (p != null) {
            row(s, "pixels", String.format(Locale.ROOT, "frame %d: %,d valid, min %d, max %d, mean %.4f",
                    r.frame(), p.validPixels(), p.minValid(), p.maxValid(), p.meanValid()));
            row(s, "untrusted", String.format(Locale.ROOT, "%,d gap (-1), %,d bad/masked (-2), %,d overloaded (>= %d)",
                    p.gapPixels(), p.badPixels(), p.overloadPixels(), h.countCutoff()));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append(String.format(Locale.ROOT, "  %-13s %s%n", label, value));
    }
}
