package org.mxflow.simulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes one frame as a PILATUS miniCBF: the "PILATUS_1.2" header DIALS/dxtbx and XDS read
 * (keys as in real PILATUS3 frames), then the byte-offset compressed int32 pixels.
 *
 * <p>Kept inside the simulator until the images module's CbfWriter lands; the format is small.
 */
public final class MiniCbfWriter {

    /** Per-frame header values. */
    public record FrameHeader(Detector detector, double wavelengthA, double exposureS, double startAngleDeg,
                              double angleIncrementDeg, String timestamp, double polarizationFraction) {
    }

    private MiniCbfWriter() {
    }

    /** Byte-offset compression: deltas as 1 byte, escape 0x80 to int16, escape 0x8000 to int32. */
    public static byte[] byteOffset(int[] pixels) {
        // Worst case 7 bytes per pixel; a plain array avoids ByteArrayOutputStream's synchronised writes.
        byte[] out = new byte[pixels.length * 7];
        int n = 0;
        int prev = 0;
        for (int v : pixels) {
            long d = (long) v - prev;
            if (d >= -127 && d <= 127) {
                out[n++] = (byte) d;
            } else if (d >= -32767 && d <= 32767) {
                out[n++] = (byte) 0x80;
                out[n++] = (byte) d;
                out[n++] = (byte) (d >> 8);
            } else {
                out[n++] = (byte) 0x80;
                out[n++] = 0x00;
                out[n++] = (byte) 0x80;
                out[n++] = (byte) d;
                out[n++] = (byte) (d >> 8);
                out[n++] = (byte) (d >> 16);
                out[n++] = (byte) (d >> 24);
            }
            prev = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The complete file content. */
    public static byte[] encode(String dataName, FrameHeader h, int[] pixels) {
        Detector d = h.detector();
        byte[] binary = byteOffset(pixels);
        String md5;
        try {
            md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(binary));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder s = new StringBuilder();
        String nl = "\r\n";
        s.append("###CBF: VERSION 1.5, CBFlib v0.7.8 - PILATUS detectors").append(nl);
        s.append("data_").append(dataName).append(nl).append(nl);
        s.append("_array_data.header_convention \"PILATUS_1.2\"").append(nl);
        s.append("_array_data.header_contents").append(nl);
        s.append(";").append(nl);
        s.append(f("# Detector: %s", d.name())).append(nl);
        s.append(f("# %s", h.timestamp())).append(nl);
        s.append(f("# Pixel_size %.0fe-6 m x %.0fe-6 m", d.pixelMm() * 1000, d.pixelMm() * 1000)).append(nl);
        s.append(f("# Silicon sensor, thickness %.6f m", d.sensorThicknessMm() / 1000)).append(nl);
        s.append(f("# Exposure_time %.7f s", h.exposureS() * 0.999)).append(nl);
        s.append(f("# Exposure_period %.7f s", h.exposureS())).append(nl);
        s.append("# Tau = 0 s").append(nl);
        s.append(f("# Count_cutoff %d counts", d.countCutoff())).append(nl);
        s.append("# Threshold_setting: 6200 eV").append(nl);
        s.append("# Gain_setting: autog (vrf = 1.000)").append(nl);
        s.append("# N_excluded_pixels = 0").append(nl);
        s.append("# Excluded_pixels: badpix_mask.tif").append(nl);
        s.append("# Flat_field: (nil)").append(nl);
        s.append("# Trim_file: (nil)").append(nl);
        s.append("# Image_path: /simulated/").append(nl);
        s.append("# Comment: simulated by mxflow").append(nl);
        s.append(f("# Wavelength %.5f A", h.wavelengthA())).append(nl);
        s.append("# Energy_range (0, 0) eV").append(nl);
        s.append(f("# Detector_distance %.5f m", d.distanceMm() / 1000)).append(nl);
        s.append("# Detector_Voffset 0.00000 m").append(nl);
        s.append(f("# Beam_xy (%.2f, %.2f) pixels", d.beamXPx(), d.beamYPx())).append(nl);
        s.append("# Flux 0.000000").append(nl);
        s.append("# Filter_transmission 1.0000").append(nl);
        s.append(f("# Start_angle %.4f deg.", h.startAngleDeg())).append(nl);
        s.append(f("# Angle_increment %.4f deg.", h.angleIncrementDeg())).append(nl);
        s.append("# Detector_2theta 0.0000 deg.").append(nl);
        s.append(f("# Polarization %.3f", h.polarizationFraction())).append(nl);
        s.append("# Alpha 0.0000 deg.").append(nl);
        s.append("# Kappa 0.0000 deg.").append(nl);
        s.append(f("# Phi %.4f deg.", h.startAngleDeg())).append(nl);
        s.append(f("# Phi_increment %.4f deg.", h.angleIncrementDeg())).append(nl);
        s.append("# Chi 0.0000 deg.").append(nl);
        s.append("# Chi_increment 0.0000 deg.").append(nl);
        s.append("# Oscillation_axis X.CW").append(nl);
        s.append("# N_oscillations 1").append(nl);
        s.append(";").append(nl).append(nl);
        s.append("_array_data.data").append(nl);
        s.append(";").append(nl);
        s.append("--CIF-BINARY-FORMAT-SECTION--").append(nl);
        s.append("Content-Type: application/octet-stream;").append(nl);
        s.append("     conversions=\"x-CBF_BYTE_OFFSET\"").append(nl);
        s.append("Content-Transfer-Encoding: BINARY").append(nl);
        s.append(f("X-Binary-Size: %d", binary.length)).append(nl);
        s.append("X-Binary-ID: 1").append(nl);
        s.append("X-Binary-Element-Type: \"signed 32-bit integer\"").append(nl);
        s.append("X-Binary-Element-Byte-Order: LITTLE_ENDIAN").append(nl);
        s.append("Content-MD5: ").append(md5).append(nl);
        s.append(f("X-Binary-Number-of-Elements: %d", pixels.length)).append(nl);
        s.append(f("X-Binary-Size-Fastest-Dimension: %d", d.nx())).append(nl);
        s.append(f("X-Binary-Size-Second-Dimension: %d", d.ny())).append(nl);
        s.append("X-Binary-Size-Padding: 4095").append(nl);
        s.append(nl);
        byte[] head = s.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (nl + "--CIF-BINARY-FORMAT-SECTION----" + nl + ";" + nl + nl).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + binary.length + 4100 + tail.length);
        out.writeBytes(head);
        out.writeBytes(new byte[] {0x0C, 0x1A, 0x04, (byte) 0xD5});
        out.writeBytes(binary);
        out.writeBytes(new byte[4095]);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** Writes to a temporary name and renames into place, so a half-written frame never looks finished. */
    public static void write(Path file, String dataName, FrameHeader h, int[] pixels) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            os.write(encode(dataName, h, pixels));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
