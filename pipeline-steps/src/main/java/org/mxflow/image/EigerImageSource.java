package org.mxflow.image;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An EIGER dataset: the NXmx master file ({@code *_master.h5}) and the data files its
 * {@code /entry/data/data_NNNNNN} external links point to, each holding images
 * {@code image_nr_low..image_nr_high}. Frames are decoded chunk by chunk through jhdf (with
 * {@link FastBitshuffleLz4Filter} for bitshuffle-LZ4). The pixel mask becomes the PILATUS
 * convention: mask bit 0 (gap) gives -1, any other mask bit -2, and the detector's invalid
 * value (all bits set) -2.
 */
public final class EigerImageSource implements ImageSource {

    private static final String DET = "/entry/instrument/detector/";

    private record DataFile(Path file, String datasetPath, int firstImage, int lastImage) {
    }

    private final Path master;
    private final ImageHeader header;
    private final int[] pixelMask;
    private final TreeMap<Integer, DataFile> dataByFirstImage = new TreeMap<>();
    private final List<DataFile> dataFiles = new ArrayList<>();
    private final String scanAxis;
    private final double[] angles;
    private HdfFile openData;
    private DataFile openDataFile;

    private EigerImageSource(Path master, ImageHeader header, int[] pixelMask, List<DataFile> files, String scanAxis,
                             double[] angles) {
        this.master = master;
        this.header = header;
        this.pixelMask = pixelMask;
        this.scanAxis = scanAxis;
        this.angles = angles;
        for (DataFile f : files) {
            dataByFirstImage.put(f.firstImage(), f);
            dataFiles.add(f);
        }
    }

    /** Opens a master file; every data file it links to must exist. */
    public static EigerImageSource open(Path master) throws IOException {
        return read(master, true);
    }

    /**
     * The master file's metadata alone, without opening data files (frame count from
     * nimages x ntrigger); for a first look at a master whose data files are elsewhere.
     */
    public static ImageHeader readHeader(Path master) throws IOException {
        try (EigerImageSource s = read(master, false)) {
            return s.header();
        }
    }

    private static EigerImageSource read(Path master, boolean withData) throws IOException {
        if (!Files.isRegularFile(master)) {
            throw new ImageFormatException(master, "no such file");
        }
        try (HdfFile h5 = new HdfFile(master)) {
            int width = (int) number(h5, master, DET + "detectorSpecific/x_pixels_in_detector");
            int height = (int) number(h5, master, DET + "detectorSpecific/y_pixels_in_detector");
            List<DataFile> files = withData ? dataFiles(h5, master) : List.of();
            int frames = !files.isEmpty() ? files.get(files.size() - 1).lastImage() - files.get(0).firstImage() + 1
                    : has(h5, DET + "detectorSpecific/nimages")
                    ? (int) (number(h5, master, DET + "detectorSpecific/nimages")
                            * (has(h5, DET + "detectorSpecific/ntrigger") ? number(h5, master, DET + "detectorSpecific/ntrigger") : 1))
                    : 0;

            // The rotation axis is the goniometer axis that moves; stills report omega.
            String axis = "omega";
            for (String a : new String[] {"omega", "phi", "kappa", "chi"}) {
                if (has(h5, "/entry/sample/goniometer/" + a + "_increment")
                        && number(h5, master, "/entry/sample/goniometer/" + a + "_increment") != 0) {
                    axis = a;
                    break;
                }
            }
            double[] angles = has(h5, "/entry/sample/goniometer/" + axis)
                    ? doubles(h5, "/entry/sample/goniometer/" + axis) : new double[0];
            double start = has(h5, "/entry/sample/goniometer/" + axis + "_start")
                    ? number(h5, master, "/entry/sample/goniometer/" + axis + "_start")
                    : angles.length > 0 ? angles[0] : 0.0;
            double increment = has(h5, "/entry/sample/goniometer/" + axis + "_increment")
                    ? number(h5, master, "/entry/sample/goniometer/" + axis + "_increment") : 0.0;

            long cutoff = has(h5, DET + "saturation_value") ? (long) number(h5, master, DET + "saturation_value")
                    : has(h5, DET + "detectorSpecific/countrate_correction_count_cutoff")
                    ? (long) number(h5, master, DET + "detectorSpecific/countrate_correction_count_cutoff")
                    : Integer.MAX_VALUE;
            String wavelengthPath = has(h5, "/entry/instrument/beam/incident_wavelength")
                    ? "/entry/instrument/beam/incident_wavelength" : "/entry/instrument/monochromator/wavelength";
            String description = has(h5, DET + "description") ? text(h5, DET + "description") : "EIGER";
            ImageHeader header = new ImageHeader(
                    description,
                    width, height,
                    metres(number(h5, master, DET + "x_pixel_size")),
                    metres(number(h5, master, DET + "y_pixel_size")),
                    number(h5, master, wavelengthPath),
                    metres(number(h5, master, DET + "detector_distance")),
                    number(h5, master, DET + "beam_center_x"),
                    number(h5, master, DET + "beam_center_y"),
                    start, increment,
                    number(h5, master, DET + "count_time"),
                    cutoff,
                    frames);
            int[] mask = withData && has(h5, DET + "detectorSpecific/pixel_mask")
                    ? ints(h5, master, DET + "detectorSpecific/pixel_mask", width * height) : null;
            return new EigerImageSource(master, header, mask, files, axis, angles);
        } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
            throw new ImageFormatException(master, "not a readable EIGER/NeXus master file: " + e.getMessage(), e);
        }
    }

    /** The data files behind /entry/data, checked to exist, in image order. */
    private static List<DataFile> dataFiles(HdfFile h5, Path master) throws ImageFormatException {
        Node dataGroup = h5.getByPath("/entry/data");
        if (!(dataGroup instanceof Group g)) {
            throw new ImageFormatException(master, "/entry/data is not a group");
        }
        List<DataFile> files = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(g.getChildren().keySet())) {
            if (!name.startsWith("data_")) {
                continue;
            }
            Node node = g.getChildren().get(name);
            Path file;
            String path;
            if (node instanceof Link link) {
                String target = link.getTargetPath();
                int colon = target.lastIndexOf(':');
                if (colon < 0) {
                    throw new ImageFormatException(master, "/entry/data/" + name + " is a link to '" + target
                            + "' inside the master file; only external data files are supported");
                }
                file = master.toAbsolutePath().getParent().resolve(target.substring(0, colon));
                path = target.substring(colon + 1);
                if (!Files.isRegularFile(file)) {
                    throw new ImageFormatException(master, "data file " + file.getFileName() + " (linked from /entry/data/"
                            + name + ") is missing: expected at " + file);
                }
            } else {
                throw new ImageFormatException(master, "/entry/data/" + name
                        + " is stored inside the master file; only external data files are supported");
            }
            try (HdfFile data = new HdfFile(file)) {
                Dataset ds = data.getDatasetByPath(path);
                int[] dims = ds.getDimensions();
                if (dims.length != 3) {
                    throw new ImageFormatException(file, path + " has " + dims.length + " dimensions, expected 3 (images, y, x)");
                }
                int low = ds.getAttribute("image_nr_low") == null ? -1
                        : ((Number) scalar(ds.getAttribute("image_nr_low").getData())).intValue();
                int high = ds.getAttribute("image_nr_high") == null ? -1
                        : ((Number) scalar(ds.getAttribute("image_nr_high").getData())).intValue();
                if (low < 0) {
                    low = files.isEmpty() ? 1 : files.get(files.size() - 1).lastImage() + 1;
                    high = low + dims[0] - 1;
                }
                if (high - low + 1 != dims[0]) {
                    throw new ImageFormatException(file, "image_nr_low..high " + low + ".." + high + " but " + dims[0]
                            + " images in " + path);
                }
                files.add(new DataFile(file, path, low, high));
            } catch (HdfException e) {
                throw new ImageFormatException(file, "cannot read data set " + path + ": " + e.getMessage(), e);
            }
        }
        files.sort((a, b) -> Integer.compare(a.firstImage(), b.firstImage()));
        return files;
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public int firstFrame() {
        return dataFiles.isEmpty() ? 1 : dataFiles.get(0).firstImage();
    }

    @Override
    public int lastFrame() {
        return dataFiles.isEmpty() ? 0 : dataFiles.get(dataFiles.size() - 1).lastImage();
    }

    /** The goniometer axis that rotates ("omega" or "phi"...). */
    public String scanAxis() {
        return scanAxis;
    }

    /** The pixel mask as stored (null when the master has none). */
    public int[] pixelMask() {
        return pixelMask == null ? null : pixelMask.clone();
    }

    @Override
    public synchronized Frame read(int frameNumber) throws IOException {
        var entry = dataByFirstImage.floorEntry(frameNumber);
        if (entry == null || frameNumber > entry.getValue().lastImage()) {
            throw new ImageFormatException(master, "frame " + frameNumber + " is not in this dataset (frames "
                    + firstFrame() + ".." + lastFrame() + ")");
        }
        DataFile df = entry.getValue();
        int index = frameNumber - df.firstImage();
        int w = header.width();
        int h = header.height();
        int[] pixels = new int[w * h];
        try {
            if (openDataFile != df) {
                closeData();
                openData = new HdfFile(df.file());
                openDataFile = df;
            }
            Dataset ds = openData.getDatasetByPath(df.datasetPath());
            int[] dims = ds.getDimensions();
            if (dims[1] != h || dims[2] != w) {
                throw new ImageFormatException(df.file(), "images are " + dims[2] + "x" + dims[1]
                        + " but the master says " + w + "x" + h);
            }
            DataType type = ds.getDataType();
            if (!(type instanceof FixedPoint fp)) {
                throw new ImageFormatException(df.file(), "pixel type " + type.getClass().getSimpleName() + " is not an integer type");
            }
            if (ds instanceof ChunkedDataset chunked && chunked.getChunkDimensions()[0] == 1
                    && chunked.getChunkDimensions()[1] == h && chunked.getChunkDimensions()[2] == w) {
                byte[] raw = chunked.getDecompressedChunk(new int[] {index, 0, 0});
                toCounts(ByteBuffer.wrap(raw).order(fp.getByteOrder()), fp.getSize(), fp.isSigned(), pixels);
            } else {
                Object data = ds.getData(new long[] {index, 0, 0}, new int[] {1, h, w});
                flatten(data, pixels);
            }
        } catch (HdfException | IllegalArgumentException e) {
            throw new ImageFormatException(df.file(), "cannot decode image " + frameNumber + ": " + e.getMessage(), e);
        }
        applyMask(pixels);
        // The per-image angle array, when it covers every image, is what the goniometer recorded.
        int k = frameNumber - firstFrame();
        double start = angles.length == header.frameCount() && k < angles.length
                ? angles[k]
                : header.oscStartDeg() + k * header.oscWidthDeg();
        ImageHeader fh = new ImageHeader(header.detector(), w, h, header.pixelSizeXMm(), header.pixelSizeYMm(),
                header.wavelengthA(), header.distanceMm(), header.beamXPx(), header.beamYPx(), start,
                header.oscWidthDeg(), header.exposureS(), header.countCutoff(), 1);
        return new Frame(frameNumber, fh, pixels);
    }

    /** Little- or big-endian integers to counts; the unsigned "all bits set" value becomes -2. */
    static void toCounts(ByteBuffer b, int size, boolean signed, int[] out) {
        int n = out.length;
        switch (size) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    int v = signed ? b.get(i) : b.get(i) & 0xff;
                    out[i] = !signed && v == 0xff ? -2 : v;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    int v = signed ? b.getShort(2 * i) : b.getShort(2 * i) & 0xffff;
                    out[i] = !signed && v == 0xffff ? -2 : v;
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int v = b.getInt(4 * i);
                    // Unsigned counts above 2^31-1 only occur as the invalid marker 0xFFFFFFFF.
                    out[i] = !signed && v < 0 ? -2 : v;
                }
            }
            default -> throw new IllegalArgumentException(size + "-byte pixels are not supported");
        }
    }

    private void applyMask(int[] pixels) {
        if (pixelMask == null) {
            return;
        }
        for (int i = 0; i < pixels.length; i++) {
            int m = pixelMask[i];
            if (m != 0) {
                pixels[i] = (m & 1) != 0 ? -1 : -2;
            }
        }
    }

    private static void flatten(Object data, int[] out) {
        int[] k = {0};
        flattenInto(data, out, k);
    }

    private static void flattenInto(Object data, int[] out, int[] k) {
        if (data.getClass().isArray() && data.getClass().getComponentType().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                flattenInto(Array.get(data, i), out, k);
            }
        } else {
            int n = Array.getLength(data);
            for (int i = 0; i < n; i++) {
                long v = ((Number) Array.get(data, i)).longValue();
                out[k[0]++] = v > Integer.MAX_VALUE ? -2 : (int) v;
            }
        }
    }

    private void closeData() {
        if (openData != null) {
            openData.close();
            openData = null;
            openDataFile = null;
        }
    }

    @Override
    public synchronized void close() {
        closeData();
    }

    private static double metres(double m) {
        return new java.math.BigDecimal(Double.toString(m)).movePointRight(3).doubleValue();
    }

    private static boolean has(HdfFile h5, String path) {
        try {
            h5.getByPath(path);
            return true;
        } catch (HdfException e) {
            return false;
        }
    }

    private static double number(HdfFile h5, Path file, String path) throws ImageFormatException {
        Object v;
        try {
            v = h5.getDatasetByPath(path).getData();
        } catch (HdfException e) {
            throw new ImageFormatException(file, "master file lacks " + path);
        }
        v = scalar(v);
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString());   // float32 as written (0.97918), not 0.9791799783706665
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ImageFormatException(file, path + " is not a number (" + v + ")");
    }

    private static Object scalar(Object v) {
        while (v != null && v.getClass().isArray()) {
            if (Array.getLength(v) == 0) {
                return null;
            }
            v = Array.get(v, 0);
        }
        return v;
    }

    private static String text(HdfFile h5, String path) {
        Object v = scalar(h5.getDatasetByPath(path).getData());
        return v == null ? "" : v.toString().trim();
    }

    private static double[] doubles(HdfFile h5, String path) {
        Object v = h5.getDatasetByPath(path).getDataFlat();
        if (!v.getClass().isArray()) {
            return new double[] {((Number) v).doubleValue()};
        }
        double[] d = new double[Array.getLength(v)];
        for (int i = 0; i < d.length; i++) {
            Object x = Array.get(v, i);
            d[i] = x instanceof Float f ? Double.parseDouble(f.toString()) : ((Number) x).doubleValue();
        }
        return d;
    }

    private static int[] ints(HdfFile h5, Path file, String path, int expected) throws ImageFormatException {
        Object v = h5.getDatasetByPath(path).getDataFlat();
        int n = Array.getLength(v);
        if (n != expected) {
            throw new ImageFormatException(file, path + " has " + n + " values, expected " + expected);
        }
        int[] out = new int[n];
        if (v instanceof int[] a) {
            return a;
        } else if (v instanceof long[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = (int) a[i];
            }
        } else if (v instanceof short[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (v instanceof byte[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(v, i)).intValue();
            }
        }
        return out;
    }
}
