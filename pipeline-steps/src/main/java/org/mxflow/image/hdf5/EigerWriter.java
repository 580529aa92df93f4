package org.mxflow.image.hdf5;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mxflow.image.ImageHeader;

/**
 * Writes an EIGER dataset as DECTRIS does: an NXmx master {@code <prefix>_master.h5} with the
 * experiment's metadata and external links {@code /entry/data/data_NNNNNN} to data files
 * {@code <prefix>_data_NNNNNN.h5}, each holding up to {@code framesPerFile} frames as
 * bitshuffle-LZ4 uint32 chunks of one frame with {@code image_nr_low/high} attributes.
 *
 * <p>Pixels follow the PILATUS convention on the way in (-1 gap, -2 bad): both are stored as
 * the invalid value 0xFFFFFFFF, and the pixel mask (bit 0 gap, bit 1 dead) says which is which.
 * Frames are appended in order; {@link #encode(int[])} may run in parallel beforehand.
 */
public final class EigerWriter implements Closeable {

    private final Path dir;
    private final String prefix;
    private final ImageHeader header;
    private final double sensorThicknessMm;
    private final int[] pixelMask;
    private final int framesPerFile;
    private final List<byte[]> pending = new ArrayList<>();
    private final List<String> dataFiles = new ArrayList<>();
    private int written;
    private boolean closed;

    /**
     * @param dir               output directory
     * @param prefix            file-name prefix, e.g. {@code CPS1012-06-single_001}
     * @param header            geometry; oscStartDeg/oscWidthDeg describe frame 1
     * @param sensorThicknessMm silicon thickness
     * @param pixelMask         NXmx pixel mask (width x height, row-major), or null for none
     * @param framesPerFile     frames per data file (DECTRIS/SPring-8: 100)
     */
    public EigerWriter(Path dir, String prefix, ImageHeader header, double sensorThicknessMm, int[] pixelMask,
                       int framesPerFile) {
        if (!prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("EIGER prefix '" + prefix + "' must be letters, digits, '.', '_' or '-'");
        }
        if (pixelMask != null && pixelMask.length != header.width() * header.height()) {
            throw new IllegalArgumentException("pixel mask has " + pixelMask.length + " values for a "
                    + header.width() + "x" + header.height() + " detector");
        }
        this.dir = dir;
        this.prefix = prefix;
        this.header = header;
        this.sensorThicknessMm = sensorThicknessMm;
        this.pixelMask = pixelMask == null ? null : pixelMask.clone();
        this.framesPerFile = framesPerFile;
    }

    /** The master file's name for a prefix. */
    public static String masterName(String prefix) {
        return prefix + "_master.h5";
    }

    /** A data file's name: {@code <prefix>_data_NNNNNN.h5}, numbered from 1. */
    public static String dataName(String prefix, int fileNumber) {
        return String.format(Locale.ROOT, "%s_data_%06d.h5", prefix, fileNumber);
    }

    /** Counts as uint32 (negative, i.e. gap or bad, as 0xFFFFFFFF), bitshuffle-LZ4 encoded. */
    public static byte[] encode(int[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(4 * pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : pixels) {
            b.putInt(p < 0 ? -1 : p);
        }
        return BitshuffleLz4Encoder.encode(b.array(), 4);
    }

    /** Appends the next frame. */
    public void append(int[] pixels) throws IOException {
        if (pixels.length != header.width() * header.height()) {
            throw new IllegalArgumentException("frame " + (written + 1) + " has " + pixels.length + " pixels, expected "
                    + header.width() * header.height());
        }
        appendEncoded(encode(pixels));
    }

    /** Appends the next frame, already passed through {@link #encode(int[])}. */
    public void appendEncoded(byte[] chunk) throws IOException {
        if (closed) {
            throw new IllegalStateException("EIGER dataset " + prefix + " is already closed");
        }
        pending.add(chunk);
        written++;
        if (pending.size() == framesPerFile) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        int low = written - pending.size() + 1;
        List<byte[]> chunks = List.copyOf(pending);
        pending.clear();
        Hdf5Group root = new Hdf5Group();
        root.group("entry").nxClass("NXentry");
        Hdf5Group data = root.group("entry/data").nxClass("NXdata");
        data.add("data", Hdf5Dataset.chunked(Datatype.U32,
                        Dataspace.of(chunks.size(), header.height(), header.width()),
                        new long[] {1, header.height(), header.width()},
                        List.of(Filter.bitshuffleLz4(4)), chunks::get))
                .attribute(Attribute.int32("image_nr_low", low))
                .attribute(Attribute.int32("image_nr_high", written));
        String name = dataName(prefix, dataFiles.size() + 1);
        Hdf5Writer.write(dir.resolve(name), root);
        dataFiles.add(name);
    }

    /** Writes the last data file and the master; returns the master file. */
    public Path finish() throws IOException {
        if (!closed) {
            flush();
            writeMaster();
            closed = true;
        }
        return dir.resolve(masterName(prefix));
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    /** The serial number in a header's detector text ("..., S/N 10-0159"), or "unknown". */
    static String serialNumber(String detector) {
        int i = detector.indexOf("S/N ");
        return i < 0 ? "unknown" : detector.substring(i + 4).trim();
    }

    private static double[] end(double[] start, double width) {
        double[] e = new double[start.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = start[i] + width;
        }
        return e;
    }

    private void writeMaster() throws IOException {
        Hdf5Group root = new Hdf5Group();
        root.group("entry").nxClass("NXentry");
        root.group("entry/instrument").nxClass("NXinstrument");
        Hdf5Group det = root.group("entry/instrument/detector").nxClass("NXdetector");
        det.text("description", header.detector());
        det.float32("x_pixel_size", header.pixelSizeXMm() / 1000).units("m");
        det.float32("y_pixel_size", header.pixelSizeYMm() / 1000).units("m");
        det.float32("detector_distance", header.distanceMm() / 1000).units("m");
        det.float32("beam_center_x", header.beamXPx()).units("pixel");
        det.float32("beam_center_y", header.beamYPx()).units("pixel");
        det.float32("count_time", header.exposureS()).units("s");
        det.float32("frame_time", header.exposureS()).units("s");
        // No saturation_value: DECTRIS does not write one, and dxtbx's EIGER reader creates it from
        // detectorSpecific/countrate_correction_count_cutoff (an existing one makes it fail).
        det.text("detector_number", serialNumber(header.detector()));
        det.float32("sensor_thickness", sensorThicknessMm / 1000).units("m");
        det.text("sensor_material", "Si");
        det.int32("bit_depth_image", 32);
        // DECTRIS geometry (dxtbx's EIGER reader builds the NXmx detector module from it): fast and
        // slow pixel directions -x and -y, and the detector origin at (beam centre in metres,
        // -distance), both in DECTRIS's frame with z against the beam.
        Hdf5Group geometry = det.group("geometry").nxClass("NXgeometry");
        geometry.group("orientation").nxClass("NXorientation").float32s("value", new double[] {-1, 0, 0, 0, -1, 0});
        geometry.group("translation").nxClass("NXtranslation").float32s("distances", new double[] {
                header.beamXPx() * header.pixelSizeXMm() / 1000, header.beamYPx() * header.pixelSizeYMm() / 1000,
                -header.distanceMm() / 1000});
        Hdf5Group spec = det.group("detectorSpecific").nxClass("NXcollection");
        spec.uint32("nimages", written);
        spec.uint32("ntrigger", 1);
        // Where DECTRIS firmware records the count cutoff (DIALS's EIGER reader looks here).
        spec.uint32("countrate_correction_count_cutoff", header.countCutoff());
        spec.uint32("x_pixels_in_detector", header.width());
        spec.uint32("y_pixels_in_detector", header.height());
        if (pixelMask != null) {
            ByteBuffer m = ByteBuffer.allocate(4 * pixelMask.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : pixelMask) {
                m.putInt(v);
            }
            byte[] encoded = BitshuffleLz4Encoder.encode(m.array(), 4);
            spec.add("pixel_mask", Hdf5Dataset.chunked(Datatype.U32, Dataspace.of(header.height(), header.width()),
                    new long[] {header.height(), header.width()}, List.of(Filter.bitshuffleLz4(4)), i -> encoded));
        }
        root.group("entry/instrument/beam").nxClass("NXbeam")
                .float32("incident_wavelength", header.wavelengthA()).units("angstrom");
        root.group("entry/sample").nxClass("NXsample");
        Hdf5Group gonio = root.group("entry/sample/goniometer").nxClass("NXtransformations");
        double[] omega = new double[written];
        for (int i = 0; i < written; i++) {
            omega[i] = header.oscStartDeg() + i * header.oscWidthDeg();
        }
        gonio.float32s("omega", omega).units("degree");
        gonio.float32("omega_start", header.oscStartDeg()).units("degree");
        gonio.float32s("omega_end", end(omega, header.oscWidthDeg())).units("degree");
        gonio.float32("omega_range_total", written * header.oscWidthDeg()).units("degree");
        gonio.float32("omega_increment", header.oscWidthDeg()).units("degree");
        gonio.float32("omega_range_average", header.oscWidthDeg()).units("degree");
        // The scan axis as NXmx spells it, so readers that fill in DECTRIS's missing
        // transformations (dxtbx) keep the true start angle instead of starting from 0°. The
        // vector is in the NeXus (McStas) frame: -x there is the +x rotation axis of the DIALS frame.
        root.group("entry/sample/transformations").nxClass("NXtransformations")
                .float32s("omega", omega)
                .units("degree")
                .attribute(Attribute.text("transformation_type", "rotation"))
                .attribute(Attribute.float64s("vector", -1, 0, 0))
                .attribute(Attribute.float64s("offset", 0, 0, 0))
                .attribute(Attribute.text("depends_on", "."));
        Hdf5Group data = root.group("entry/data").nxClass("NXdata");
        for (int i = 0; i < dataFiles.size(); i++) {
            data.externalLink(String.format(Locale.ROOT, "data_%06d", i + 1), dataFiles.get(i), "/entry/data/data");
        }
        Hdf5Writer.write(dir.resolve(masterName(prefix)), root);
    }
}
