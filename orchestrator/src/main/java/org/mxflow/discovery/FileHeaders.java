package org.mxflow.discovery;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.mxflow.image.ImageFormatException;
import org.mxflow.image.ImageHeader;

/**
 * Reads headers from the files themselves: the text header of a PILATUS miniCBF (only the part
 * before the binary section) and the metadata and data links of an EIGER master (jhdf).
 * Pixels are never decoded here.
 */
public final class FileHeaders implements DatasetHeaders {

    private static final int MAX_CBF_HEADER_BYTES = 64 * 1024;
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?");

    @Override
    public ImageHeader cbf(Path frame) throws IOException {
        String text = cbfHeaderText(frame);
        if (!text.contains("_array_data") && !text.contains("###CBF")) {
            throw new ImageFormatException(frame, "not a CBF file (no CBF header in its first bytes)");
        }
        String detector = line(text, "# Detector:").map(s -> s.replaceFirst("^# Detector:\\s*", "").trim()).orElse("unknown");
        double[] pixel = numbers(text, "# Pixel_size", frame);
        double[] beam = numbers(text, "# Beam_xy", frame);
        double width = first(text, "# Angle_increment", frame);
        int nx = (int) first(text, "X-Binary-Size-Fastest-Dimension:", frame);
        int ny = (int) first(text, "X-Binary-Size-Second-Dimension:", frame);
        double exposure = optional(text, "# Exposure_time");
        double start = optional(text, "# Start_angle");
        double cutoff = optional(text, "# Count_cutoff");
        return new ImageHeader(detector, nx, ny, pixel[0] * 1000, pixel[pixel.length > 1 ? 1 : 0] * 1000,
                first(text, "# Wavelength", frame), first(text, "# Detector_distance", frame) * 1000,
                beam[0], beam[1], Double.isNaN(start) ? 0 : start, width, exposure,
                Double.isNaN(cutoff) ? Long.MAX_VALUE : (long) cutoff, 1);
    }

    /** The text before the binary data, decompressing .gz/.bz2/.xz on the fly. */
    static String cbfHeaderText(Path frame) throws IOException {
        String name = frame.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream raw = Files.newInputStream(frame);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw)
                     : name.endsWith(".bz2") ? new BZip2CompressorInputStream(raw)
                     : name.endsWith(".xz") ? new XZCompressorInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while (out.size() < MAX_CBF_HEADER_BYTES && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                byte[] b = out.toByteArray();
                int marker = indexOfBinaryStart(b);
                if (marker >= 0) {
                    return new String(b, 0, marker, StandardCharsets.ISO_8859_1);
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            if (e instanceof ImageFormatException) {
                throw e;
            }
            throw new ImageFormatException(frame, "cannot read the CBF header: " + e.getMessage(), e);
        }
    }

    /** The CBF binary section starts after the bytes 0C 1A 04 D5. */
    private static int indexOfBinaryStart(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0x0C && b[i + 1] == 0x1A && b[i + 2] == 0x04 && b[i + 3] == (byte) 0xD5) {
                return i;
            }
        }
        return -1;
    }

    private static java.util.Optional<String> line(String text, String key) {
        for (String l : text.split("\r?\n")) {
            if (l.startsWith(key)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    private static double[] numbers(String text, String key, Path file) throws ImageFormatException {
        String l = line(text, key).orElseThrow(() -> new ImageFormatException(file, "CBF header has no '" + key.replace("# ", "") + "' line"));
        Matcher m = NUMBER.matcher(l.substring(key.length()));
        List<Double> v = new ArrayList<>();
        while (m.find()) {
            v.add(Double.parseDouble(m.group()));
        }
        if (v.isEmpty()) {
            throw new ImageFormatException(file, "CBF header line '" + l.trim() + "' has no number");
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double first(String text, String key, Path file) throws ImageFormatException {
        return numbers(text, key, file)[0];
    }

    private static double optional(String text, String key) {
        try {
            return numbers(text, key, Path.of("-"))[0];
        } catch (ImageFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public EigerMaster eiger(Path master) throws IOException {
        try (HdfFile hdf = new HdfFile(master)) {
            String det = "/entry/instrument/detector/";
            int nimages = (int) number(hdf, det + "detectorSpecific/nimages", master);
            int ntrigger = (int) optionalNumber(hdf, det + "detectorSpecific/ntrigger", 1);
            double pxX = number(hdf, det + "x_pixel_size", master) * 1000;
            double pxY = number(hdf, det + "y_pixel_size", master) * 1000;
            int nx = (int) optionalNumber(hdf, det + "detectorSpecific/x_pixels_in_detector", 0);
            int ny = (int) optionalNumber(hdf, det + "detectorSpecific/y_pixels_in_detector", 0);
            double width = optionalNumber(hdf, "/entry/sample/goniometer/omega_range_average", Double.NaN);
            if (Double.isNaN(width)) {
                width = optionalNumber(hdf, "/entry/sample/goniometer/omega_increment", Double.NaN);
            }
            double start = optionalNumber(hdf, "/entry/sample/goniometer/omega_start", 0);
            double cutoff = optionalNumber(hdf, det + "detectorSpecific/countrate_correction_count_cutoff", Long.MAX_VALUE);
            String description = text(hdf, det + "description");
            ImageHeader header = new ImageHeader(description, nx, ny, pxX, pxY,
                    number(hdf, "/entry/instrument/beam/incident_wavelength", master),
                    number(hdf, det + "detector_distance", master) * 1000,
                    number(hdf, det + "beam_center_x", master), number(hdf, det + "beam_center_y", master),
                    start, width, optionalNumber(hdf, det + "count_time", Double.NaN), (long) cutoff, nimages * ntrigger);
            return new EigerMaster(header, nimages, ntrigger, links(hdf));
        } catch (ImageFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageFormatException(master, "cannot read the EIGER master: " + e.getMessage(), e);
        }
    }

    private static List<DataLink> links(HdfFile hdf) {
        List<DataLink> out = new ArrayList<>();
        Node data = hdf.getByPath("/entry/data");
        if (!(data instanceof Group g)) {
            return out;
        }
        for (Node child : g.getChildren().values()) {
            if (!child.getName().startsWith("data_")) {
                continue;
            }
            String file = child instanceof ExternalLink ext ? externalFile(ext) : hdf.getFile().getName();
            try {
                Node target = child instanceof Link link ? link.getTarget() : child;
                if (!(target instanceof Dataset ds)) {
                    out.add(new DataLink(child.getName(), file, false, 0, 0));
                    continue;
                }
                int low = attributeInt(ds, "image_nr_low");
                int high = attributeInt(ds, "image_nr_high");
                if (low <= 0 || high < low) {
                    // Without the attributes, count the frames of the dataset; links are in order.
                    int previous = out.isEmpty() ? 0 : out.get(out.size() - 1).imageNrHigh();
                    low = previous + 1;
                    high = previous + ds.getDimensions()[0];
                }
                out.add(new DataLink(child.getName(), file, true, low, high));
            } catch (RuntimeException e) {
                out.add(new DataLink(child.getName(), file, false, 0, 0));
            }
        }
        out.sort(java.util.Comparator.comparing(DataLink::name));
        return out;
    }

    /** jhdf gives an external link's target as "file.h5:/entry/data/data". */
    private static String externalFile(ExternalLink ext) {
        String t = ext.getTargetPath();
        int colon = t.lastIndexOf(":/");
        return colon > 0 ? t.substring(0, colon) : t;
    }

    private static int attributeInt(Dataset ds, String name) {
        Attribute a = ds.getAttribute(name);
        if (a == null) {
            return 0;
        }
        return (int) scalar(a.getData());
    }

    private static double scalar(Object v) {
        while (v != null && v.getClass().isArray()) {
            v = Array.get(v, 0);
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    private static double number(HdfFile hdf, String path, Path file) throws ImageFormatException {
        try {
            Node n = hdf.getByPath(path);
            if (n instanceof Dataset ds) {
                return scalar(ds.getData());
            }
        } catch (RuntimeException e) {
            // fall through to the clear message
        }
        throw new ImageFormatException(file, "EIGER master has no number at " + path);
    }

    private static double optionalNumber(HdfFile hdf, String path, double fallback) {
        try {
            Node n = hdf.getByPath(path);
            return n instanceof Dataset ds ? scalar(ds.getData()) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String text(HdfFile hdf, String path) {
        try {
            Node n = hdf.getByPath(path);
            if (n instanceof Dataset ds) {
                Object v = ds.getData();
                return v instanceof String s ? s : String.valueOf(v);
            }
        } catch (RuntimeException e) {
            // optional
        }
        return "EIGER";
    }
}
