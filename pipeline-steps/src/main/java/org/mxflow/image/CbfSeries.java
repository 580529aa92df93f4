package org.mxflow.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A series of CBF frames sharing a prefix and a digit width ({@code cry00_00001.cbf},
 * {@code cry00_00002.cbf.gz}, ...), plain or wrapped in gzip/bzip2. Each frame is read with
 * its own header, so its start angle is the one written in its file.
 */
public final class CbfSeries implements ImageSource {

    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)(\\.cbf)(\\.gz|\\.bz2)?$", Pattern.CASE_INSENSITIVE);

    private final String template;
    private final TreeMap<Integer, Path> files;
    private final ImageHeader header;

    private CbfSeries(String template, TreeMap<Integer, Path> files, ImageHeader header) {
        this.template = template;
        this.files = files;
        this.header = header;
    }

    /** The series a frame file belongs to (just that file when its name has no frame number). */
    public static CbfSeries ofFrame(Path frame) throws IOException {
        if (!Files.isRegularFile(frame)) {
            throw new ImageFormatException(frame, Files.exists(frame) ? "not a regular file" : "no such file");
        }
        Matcher m = NUMBERED.matcher(frame.getFileName().toString());
        if (!m.matches()) {
            TreeMap<Integer, Path> one = new TreeMap<>();
            one.put(1, frame);
            return create(frame.toString(), one);
        }
        Path dir = frame.toAbsolutePath().normalize().getParent();
        return ofTemplate(dir, m.group(1), m.group(2).length(), m.group(3), frame);
    }

    /** The series of a {@code ?}-template such as {@code /data/cry00_?????.cbf}. */
    public static CbfSeries ofTemplate(Path template) throws IOException {
        String name = template.getFileName().toString();
        int first = name.indexOf('?');
        int last = name.lastIndexOf('?');
        if (first < 0 || !name.substring(first, last + 1).chars().allMatch(c -> c == '?')) {
            throw new ImageFormatException(template, "a template needs one run of '?' for the frame number");
        }
        String suffix = name.substring(last + 1).replaceFirst("(?i)(\\.gz|\\.bz2)$", "");
        Path dir = template.toAbsolutePath().normalize().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ImageFormatException(template, "directory " + dir + " does not exist");
        }
        return ofTemplate(dir, name.substring(0, first), last - first + 1, suffix, template);
    }

    private static CbfSeries ofTemplate(Path dir, String prefix, int digits, String suffix, Path asked) throws IOException {
        Pattern sibling = Pattern.compile("^" + Pattern.quote(prefix) + "(\\d{" + digits + "})"
                + Pattern.quote(suffix) + "(\\.gz|\\.bz2)?$");
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = sibling.matcher(p.getFileName().toString());
                if (m.matches()) {
                    Path clash = files.put(Integer.parseInt(m.group(1)), p);
                    if (clash != null) {
                        throw new ImageFormatException(p, "frame " + m.group(1) + " exists twice (also " + clash.getFileName() + ")");
                    }
                }
            }
        }
        String template = dir.resolve(prefix + "?".repeat(digits) + suffix).toString();
        if (files.isEmpty()) {
            throw new ImageFormatException(asked, "no frames match " + template);
        }
        return create(template, files);
    }

    private static CbfSeries create(String template, TreeMap<Integer, Path> files) throws IOException {
        Path first = files.firstEntry().getValue();
        ImageHeader h = CbfReader.readHeader(first).image();
        DetectorSupport.requireSupported(first, h);
        ImageHeader series = new ImageHeader(h.detector(), h.width(), h.height(), h.pixelSizeXMm(), h.pixelSizeYMm(),
                h.wavelengthA(), h.distanceMm(), h.beamXPx(), h.beamYPx(), h.oscStartDeg(), h.oscWidthDeg(),
                h.exposureS(), h.countCutoff(), files.size());
        return new CbfSeries(template, files, series);
    }

    /** The template with '?' for the frame-number digits. */
    public String template() {
        return template;
    }

    /** Frame number to file, in frame order. */
    public Map<Integer, Path> files() {
        return java.util.Collections.unmodifiableMap(files);
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public int firstFrame() {
        return files.firstKey();
    }

    @Override
    public int lastFrame() {
        return files.lastKey();
    }

    @Override
    public Frame read(int frameNumber) throws IOException {
        Path file = files.get(frameNumber);
        if (file == null) {
            throw new ImageFormatException(Path.of(template), "frame " + frameNumber + " is missing from the series ("
                    + files.size() + " files, frames " + firstFrame() + ".." + lastFrame() + ")");
        }
        Frame f = CbfReader.read(file);
        if (f.width() != header.width() || f.height() != header.height()) {
            throw new ImageFormatException(file, "frame is " + f.width() + "x" + f.height() + " but the series is "
                    + header.width() + "x" + header.height());
        }
        return new Frame(frameNumber, f.header(), f.pixels());
    }
}
