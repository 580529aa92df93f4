package org.mxflow.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes PILATUS-style miniCBF frames: a PILATUS_1.2 header with the keys real PILATUS
 * frames carry (Detector, Pixel_size, Silicon sensor, Exposure_time, Count_cutoff,
 * Wavelength, Detector_distance, Beam_xy, Start_angle, Angle_increment, Phi/Omega/Chi ...)
 * and byte-offset compressed signed 32-bit pixels with X-Binary-Size and Content-MD5.
 * A name ending in ".gz" is gzip-wrapped. The file is written under a temporary name and
 * renamed into place, so a crash never leaves a half-written frame that looks finished.
 */
public final class CbfWriter {

    /**
     * Header values beyond {@link ImageHeader} that the PILATUS convention records.
     *
     * @param sensorThicknessMm  silicon sensor thickness in mm
     * @param exposurePeriodS    frame period in seconds
     * @param oscillationAxis    the PILATUS "Oscillation_axis" text, e.g. "X.CW"
     * @param polarization       polarisation fraction (0.99 at a synchrotron)
     * @param timestamp          ISO date-time written below the Detector line
     */
    public record Extras(double sensorThicknessMm, double exposurePeriodS, String oscillationAxis,
                         double polarization, LocalDateTime timestamp) {

        /** Values typical of a PILATUS3 at a synchrotron, exposure period = exposure time. */
        public static Extras typical(ImageHeader h) {
            return new Extras(0.450, h.exposureS(), "X.CW", 0.990, LocalDateTime.of(2024, 1, 1, 0, 0));
        }
    }

    private CbfWriter() {
    }

    /** Writes {@code frame} with its header's geometry and typical PILATUS extras. */
    public static void write(Path file, Frame frame) throws IOException {
        write(file, frame, Extras.typical(frame.header()));
    }

    public static void write(Path file, Frame frame, Extras extras) throws IOException {
        byte[] cbf = toBytes(frame, extras, dataName(file));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // created like any other file (createTempFile would make frames 0600)
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                out.write(cbf);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String dataName(Path file) {
        String name = file.getFileName().toString().replaceFirst("(?i)\\.cbf(\\.gz|\\.bz2)?$", "");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The complete miniCBF file as bytes (uncompressed). */
    public static byte[] toBytes(Frame frame, Extras extras, String dataName) {
        ImageHeader h = frame.header();
        byte[] data = ByteOffsetCodec.encode(frame.pixels());
        String md5 = CbfReader.md5Base64(data, 0, data.length);
        String nl = "\r\n";
        StringBuilder s = new StringBuilder(4096);
        s.append("###CBF: VERSION 1.5, CBFlib v0.7.8 - PILATUS detectors").append(nl).append(nl);
        s.append("data_").append(dataName.isEmpty() ? "image" : dataName).append(nl).append(nl);
        s.append("_array_data.header_convention \"PILATUS_1.2\"").append(nl);
        s.append("_array_data.header_contents").append(nl).append(";").append(nl);
        line(s, "# Detector: %s", h.detector());
        line(s, "# %s", extras.timestamp().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")));
        line(s, "# Pixel_size %.0fe-6 m x %.0fe-6 m", h.pixelSizeXMm() * 1000, h.pixelSizeYMm() * 1000);
        line(s, "# Silicon sensor, thickness %.6f m", extras.sensorThicknessMm() / 1000);
        line(s, "# Exposure_time %.7f s", h.exposureS());
        line(s, "# Exposure_period %.7f s", extras.exposurePeriodS());
        line(s, "# Tau = 0 s");
        line(s, "# Count_cutoff %d counts", h.countCutoff());
        line(s, "# Wavelength %.5f A", h.wavelengthA());
        line(s, "# Detector_distance %.5f m", h.distanceMm() / 1000);
        line(s, "# Beam_xy (%.2f, %.2f) pixels", h.beamXPx(), h.beamYPx());
        line(s, "# Start_angle %.4f deg.", h.oscStartDeg());
        line(s, "# Angle_increment %.4f deg.", h.oscWidthDeg());
        line(s, "# Detector_2theta %.4f deg.", 0.0);
        line(s, "# Polarization %.3f", extras.polarization());
        line(s, "# Alpha %.4f deg.", 0.0);
        line(s, "# Kappa %.4f deg.", 0.0);
        line(s, "# Phi %.4f deg.", h.oscStartDeg());
        line(s, "# Phi_increment %.4f deg.", h.oscWidthDeg());
        line(s, "# Omega %.4f deg.", 0.0);
        line(s, "# Omega_increment %.4f deg.", 0.0);
        line(s, "# Chi %.4f deg.", 0.0);
        line(s, "# Chi_increment %.4f deg.", 0.0);
        line(s, "# Oscillation_axis %s", extras.oscillationAxis());
        line(s, "# N_oscillations 1");
        s.append(";").append(nl).append(nl);
        s.append("_array_data.data").append(nl).append(";").append(nl);
        s.append(CbfReader.BINARY_SECTION).append(nl);
        s.append("Content-Type: application/octet-stream;").append(nl);
        s.append("     conversions=\"x-CBF_BYTE_OFFSET\"").append(nl);
        s.append("Content-Transfer-Encoding: BINARY").append(nl);
        s.append("X-Binary-Size: ").append(data.length).append(nl);
        s.append("X-Binary-ID: 1").append(nl);
        s.append("X-Binary-Element-Type: \"signed 32-bit integer\"").append(nl);
        s.append("X-Binary-Element-Byte-Order: LITTLE_ENDIAN").append(nl);
        s.append("Content-MD5: ").append(md5).append(nl);
        s.append("X-Binary-Number-of-Elements: ").append(frame.pixels().length).append(nl);
        s.append("X-Binary-Size-Fastest-Dimension: ").append(h.width()).append(nl);
        s.append("X-Binary-Size-Second-Dimension: ").append(h.height()).append(nl);
        s.append("X-Binary-Size-Padding: 4095").append(nl).append(nl);

        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + data.length + 4200);
        out.writeBytes(s.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CbfReader.DATA_MARKER);
        out.writeBytes(data);
        out.writeBytes(new byte[4095]);
        out.writeBytes((nl + CbfReader.BINARY_SECTION + "--" + nl + ";" + nl + nl).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append("\r\n");
    }
}
