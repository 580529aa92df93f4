package org.mxflow.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.mxflow.image.ImageHeader;
import org.mxflow.sheet.Mode;
import org.mxflow.sheet.Pin;
import org.mxflow.sheet.PinId;
import org.mxflow.sheet.SampleSheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the name-based {@link RawTree}, image headers and the sample sheet into a
 * {@link BeamtimeSurvey}: datasets with frame ranges, missing frames and completeness, pins of
 * the sheet without data (with ZOO's likely reason) and data without a sheet row.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    private static final Pattern HELICAL_NAME = Pattern.compile("(^|.*[-_])(cry[0-9]+|helical)([-_].*|$)");

    private final DatasetHeaders headers;
    private final CompletenessRule rule;

    public Discovery(DatasetHeaders headers, CompletenessRule rule) {
        this.headers = headers;
        this.rule = rule;
    }

    /** Scans {@code root} and surveys it at time {@code now}; {@code sheet} may be null. */
    public BeamtimeSurvey survey(Path root, SampleSheet sheet, Instant now) throws IOException {
        return survey(TreeScanner.scan(root), sheet, now);
    }

    public BeamtimeSurvey survey(RawTree tree, SampleSheet sheet, Instant now) {
        List<String> notes = new ArrayList<>(tree.notes());
        Map<String, PinDirectory> dirs = new LinkedHashMap<>();
        for (PinDirectory d : tree.pins()) {
            dirs.put(PinId.canonical(d.id()), d);
        }
        List<PinReport> reports = new ArrayList<>();
        Map<String, Boolean> reported = new HashMap<>();
        if (sheet != null) {
            for (Pin p : sheet.pins()) {
                String key = PinId.canonical(p.id());
                PinDirectory d = dirs.get(key);
                reported.put(key, true);
                List<Dataset> ds = d == null ? List.of() : datasets(tree.root(), d, p, notes, now);
                reports.add(new PinReport(d == null ? p.id() : d.id(), p, d, ds, ds.isEmpty() ? whyNoData(d) : ""));
            }
        }
        for (Map.Entry<String, PinDirectory> e : dirs.entrySet()) {
            if (reported.containsKey(e.getKey())) {
                continue;
            }
            PinDirectory d = e.getValue();
            List<Dataset> ds = datasets(tree.root(), d, null, notes, now);
            String comment = sheet == null ? (ds.isEmpty() ? whyNoData(d) : "")
                    : (ds.isEmpty() ? "not in the sample sheet; " + whyNoData(d) : "not in the sample sheet");
            reports.add(new PinReport(d.id(), null, d, ds, comment));
        }
        return new BeamtimeSurvey(tree.root(), sheet, reports, notes);
    }

    /**
     * ZOO's reason for a pin without data, read from what is on disk (ZOO's report words,
     * kamo-conventions §6; an inference, since ZOO's own log is not read).
     */
    static String whyNoData(PinDirectory d) {
        if (d == null) {
            return "no pin directory: not measured";
        }
        Map<String, Integer> attempts = new HashMap<>();
        boolean grid = false;
        for (RasterScan s : d.scans()) {
            if (s.kind() == RasterScan.Kind.GRID_2D) {
                grid = true;
            } else {
                attempts.merge(s.kind() + "/" + s.crystal(), s.attempt() + 1, Math::max);
            }
        }
        int most = attempts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most >= RasterScan.MAX_EDGE_ATTEMPTS) {
            return "X-ray centering failed (" + most + " edge-scan attempts)";
        }
        if (!attempts.isEmpty()) {
            return "no dataset after edge scans (" + most + " attempt" + (most == 1 ? "" : "s") + ")";
        }
        if (grid) {
            return "No crystals found in a raster scan";
        }
        if (!d.loopImages().isEmpty()) {
            return "no raster scan: loop centering failed?";
        }
        if (!d.series().isEmpty()) {
            return "only still images (oscillation width 0) in " + String.join(", ", d.dataDirectories());
        }
        return d.dataDirectories().isEmpty() ? "empty pin directory" : "data directory without images";
    }

    private List<Dataset> datasets(Path root, PinDirectory d, Pin pin, List<String> notes, Instant now) {
        List<Dataset> out = new ArrayList<>();
        for (ImageSeries s : d.series()) {
            String rel = root.relativize(s.directory()).toString().replace('\\', '/');
            if (s.format() == ImageFormat.CBF) {
                Dataset ds = cbfDataset(d, s, rel, pin, notes, now);
                if (ds != null) {
                    out.add(ds);
                }
            } else {
                out.addAll(eigerDatasets(d, s, rel, pin, now));
            }
        }
        return out;
    }

    private Dataset cbfDataset(PinDirectory d, ImageSeries s, String rel, Pin pin, List<String> notes, Instant now) {
        ImageHeader header = null;
        String note = "";
        try {
            header = headers.cbf(s.headerFile());
        } catch (IOException | RuntimeException e) {
            note = "header unreadable: " + e.getMessage();
            LOG.debug("CBF header of {}", s.headerFile(), e);
        }
        if (header != null && header.oscWidthDeg() == 0) {
            notes.add(rel + "/" + s.template() + ": stills (oscillation width 0), not a rotation dataset; skipped");
            return null;
        }
        double width = header != null ? header.oscWidthDeg() : pin != null ? pin.oscWidthDeg() : Double.NaN;
        int expected = 0;
        if (pin != null && pin.totalOscDeg() > 0 && width > 0) {
            expected = (int) Math.round(pin.totalOscDeg() / width);
        }
        int[] f = s.frames();
        int maxFound = f[f.length - 1];
        FrameRange range = expected > 0 ? new FrameRange(1, Math.max(expected, maxFound)) : new FrameRange(f[0], maxFound);
        List<FrameRange> present = FrameRange.runs(f);
        List<FrameRange> missing = FrameRange.missing(range, present);
        DatasetStatus status = rule.judge(missing.isEmpty(), s.newestChange(), now);
        return new Dataset(d.id(), rel, s.directory(), s.prefix(), ImageFormat.CBF, s.template(), range, present, missing,
                mode(s.prefix(), pin), width, header, status, note);
    }

    /** One dataset per trigger (KAMO's split_hdf_miniset): in multi mode each trigger is one crystal. */
    private List<Dataset> eigerDatasets(PinDirectory d, ImageSeries s, String rel, Pin pin, Instant now) {
        DatasetHeaders.EigerMaster m;
        try {
            m = headers.eiger(s.headerFile());
        } catch (IOException | RuntimeException e) {
            LOG.debug("EIGER master {}", s.headerFile(), e);
            FrameRange none = new FrameRange(1, 1);
            return List.of(new Dataset(d.id(), rel, s.directory(), s.prefix(), ImageFormat.EIGER, s.template(), none,
                    List.of(), List.of(none), mode(s.prefix(), pin), Double.NaN, null,
                    rule.judge(false, s.newestChange(), now), "master unreadable: " + e.getMessage()));
        }
        List<FrameRange> available = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (DatasetHeaders.DataLink l : m.links()) {
            if (l.resolves()) {
                available.add(new FrameRange(l.imageNrLow(), l.imageNrHigh()));
            } else {
                broken.add(l.file());
            }
        }
        available = merge(available);
        String note = broken.isEmpty() ? "" : "data file" + (broken.size() == 1 ? " " : "s ") + String.join(", ", broken) + " not readable yet";
        List<Dataset> out = new ArrayList<>();
        int n = m.nimages();
        int total = m.totalFrames();
        for (int t = 0; t < Math.max(1, m.ntrigger()); t++) {
            FrameRange range = new FrameRange(t * n + 1, Math.min((t + 1) * n, total));
            List<FrameRange> present = clip(available, range);
            List<FrameRange> missing = FrameRange.missing(range, available);
            out.add(new Dataset(d.id(), rel, s.directory(), s.prefix(), ImageFormat.EIGER, s.template(), range, present,
                    missing, mode(s.prefix(), pin), m.header().oscWidthDeg(), m.header(),
                    rule.judge(missing.isEmpty(), s.newestChange(), now), missing.isEmpty() ? "" : note));
        }
        return out;
    }

    private static List<FrameRange> merge(List<FrameRange> ranges) {
        List<FrameRange> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingInt(FrameRange::first));
        List<FrameRange> out = new ArrayList<>();
        for (FrameRange r : sorted) {
            if (!out.isEmpty() && r.first() <= out.get(out.size() - 1).last() + 1) {
                FrameRange last = out.remove(out.size() - 1);
                out.add(new FrameRange(last.first(), Math.max(last.last(), r.last())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static List<FrameRange> clip(List<FrameRange> ranges, FrameRange to) {
        List<FrameRange> out = new ArrayList<>();
        for (FrameRange r : ranges) {
            int a = Math.max(r.first(), to.first()), b = Math.min(r.last(), to.last());
            if (a <= b) {
                out.add(new FrameRange(a, b));
            }
        }
        return out;
    }

    /** The mode the file names show (ZOO's "multi", "cryNN"/"helical", "single"), else the sheet's. */
    static Mode mode(String prefix, Pin pin) {
        String p = prefix.toLowerCase(Locale.ROOT);
        if (p.contains("multi")) {
            return Mode.MULTI;
        }
        if (HELICAL_NAME.matcher(p).matches()) {
            return Mode.HELICAL;
        }
        if (p.contains("single")) {
            return Mode.SINGLE;
        }
        return pin == null ? null : pin.mode();
    }
}
