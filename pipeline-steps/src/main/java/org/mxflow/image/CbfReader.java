package org.mxflow.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CBF frames: PILATUS miniCBF (header convention PILATUS_1.2) and full imgCIF CBF with
 * axis categories, byte-offset compressed, optionally wrapped in gzip or bzip2. The MIME
 * header's X-Binary-Size and element count are always checked, so a truncated file is refused
 * with a message that names the file.
 *
 * <p><b>Content-MD5.</b> {@link #read(Path)} verifies the MD5 digest when the header carries
 * one: that is what {@code inspect} and the engine's reads use, where a user expects an
 * integrity check. It costs about 10 ms per PILATUS 6M frame, a quarter of reading and
 * decoding. dxtbx (DIALS) never verifies it, so the raster-scan hit finder, which must keep up
 * with the detector, reads with {@code read(file, false)} unless asked otherwise
 * ({@code hitmap --verify-md5}); a corrupt frame there still fails the size and byte-offset
 * checks, only a same-length bit flip goes unnoticed. Uncompressed files are read with one
 * copy, from the page cache straight into an array of the file's size, and decoded in place.
 */
public final class CbfReader {

    static final String BINARY_SECTION = "--CIF-BINARY-FORMAT-SECTION--";
    static final byte[] DATA_MARKER = {0x0c, 0x1a, 0x04, (byte) 0xd5};
    private static final Pattern FRAME_NUMBER = Pattern.compile("(\\d+)\\.cbf(?:\\.gz|\\.bz2)?$", Pattern.CASE_INSENSITIVE);

    private CbfReader() {
    }

    /**
     * What the text part of a CBF file says, and where its binary data lie.
     *
     * @param image       geometry (from imgCIF categories for a full CBF, else the PILATUS header)
     * @param pilatus     the PILATUS header lines (empty map when there are none)
     * @param convention  "PILATUS_1.2 miniCBF" or "imgCIF (full CBF)"
     * @param mime        the MIME header of the binary section, keys as written
     * @param dataOffset  offset of the first compressed byte (after the 0C 1A 04 D5 marker)
     */
    public record CbfHeader(ImageHeader image, PilatusHeader pilatus, String convention,
                            Map<String, String> mime, int dataOffset) {

        public int binarySize() {
            return Integer.parseInt(mime.get("X-Binary-Size"));
        }
    }

    /** Reads and decodes one CBF frame, checking size and MD5. */
    public static Frame read(Path file) throws IOException {
        return read(file, true);
    }

    /**
     * Reads and decodes one CBF frame, checking sizes and, when {@code verifyMd5} is set and
     * the header has a Content-MD5, the digest of the binary data.
     */
    public static Frame read(Path file, boolean verifyMd5) throws IOException {
        return decode(file, CompressedFiles.readAll(file), verifyMd5);
    }

    /** The whole file, decompressed from gzip or bzip2 when it is wrapped. */
    public static byte[] readAllDecompressed(Path file) throws IOException {
        return CompressedFiles.readAll(file);
    }

    /** Reads only the text header (decompressing no further than the binary marker). */
    public static CbfHeader readHeader(Path file) throws IOException {
        byte[] head;
        try (InputStream in = CompressedFiles.open(file)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 15);
            byte[] chunk = new byte[1 << 14];
            int n;
            // Headers are a few kB; stop once the data marker has been seen.
            boolean seen = false;
            byte[] window = new byte[chunk.length + 3];
            int carried = 0;
            while (!seen && buf.size() <= (4 << 20) && (n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                buf.write(chunk, 0, n);
                // The marker may straddle two chunks: search the last 3 bytes of the previous one too.
                System.arraycopy(chunk, 0, window, carried, n);
                seen = indexOf(window, DATA_MARKER, 0, carried + n) >= 0;
                int keep = Math.min(3, carried + n);
                System.arraycopy(window, carried + n - keep, window, 0, keep);
                carried = keep;
            }
            head = buf.toByteArray();
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read header: " + e.getMessage(), e);
        }
        return parseHeader(file, head, head.length, false);
    }

    /** Decodes a CBF file already in memory (decompressed). */
    public static Frame decode(Path file, byte[] content) throws ImageFormatException {
        return decode(file, content, true);
    }

    /** Decodes a CBF file already in memory, verifying the MD5 only when asked. */
    public static Frame decode(Path file, byte[] content, boolean verifyMd5) throws ImageFormatException {
        CbfHeader h = parseHeader(file, content, content.length, true);
        int[] pixels = new int[h.image().width() * h.image().height()];
        decodePixels(file, content, h, pixels, verifyMd5);
        return new Frame(frameNumber(file), h.image(), pixels);
    }

    /** Decodes the binary section into {@code pixels}, checking the MD5 when the header has one. */
    public static void decodePixels(Path file, byte[] content, CbfHeader h, int[] pixels) throws ImageFormatException {
        decodePixels(file, content, h, pixels, true);
    }

    /** Decodes the binary section into {@code pixels}, checking the MD5 only when asked. */
    public static void decodePixels(Path file, byte[] content, CbfHeader h, int[] pixels, boolean verifyMd5)
            throws ImageFormatException {
        int size = h.binarySize();
        String md5 = verifyMd5 ? h.mime().get("Content-MD5") : null;
        if (md5 != null) {
            String actual = md5Base64(content, h.dataOffset(), size);
            if (!actual.equals(md5)) {
                throw new ImageFormatException(file, "Content-MD5 mismatch: header says " + md5
                        + " but the " + size + " data bytes give " + actual + " (corrupt file)");
            }
        }
        try {
            ByteOffsetCodec.decode(content, h.dataOffset(), size, pixels);
        } catch (ByteOffsetCodec.CorruptDataException e) {
            throw new ImageFormatException(file, "byte-offset data are corrupt: " + e.getMessage()
                    + " (X-Binary-Size " + size + ")");
        }
    }

    /** Frame number from the digits before ".cbf" in the file name; 1 when there are none. */
    public static int frameNumber(Path file) {
        Matcher m = FRAME_NUMBER.matcher(file.getFileName().toString());
        if (m.find()) {
            String digits = m.group(1);
            return digits.length() > 9 ? 1 : Integer.parseInt(digits);
        }
        return 1;
    }

    /**
     * Parses the text part and the MIME header of the binary section.
     *
     * @param complete whether {@code content} is the whole file (then the declared binary size is
     *                 checked against what is there)
     */
    public static CbfHeader parseHeader(Path file, byte[] content, int length, boolean complete) throws ImageFormatException {
        if (length == 0) {
            throw new ImageFormatException(file, "empty file");
        }
        int section = indexOf(content, BINARY_SECTION.getBytes(StandardCharsets.US_ASCII), 0, Math.min(length, 4 << 20));
        if (section < 0) {
            boolean looksCbf = length >= 6 && new String(content, 0, 6, StandardCharsets.ISO_8859_1).equals("###CBF");
            throw new ImageFormatException(file, looksCbf
                    ? "CBF header has no binary section (" + BINARY_SECTION + "); file truncated in the header?"
                    : "not a CBF file: it does not start with ###CBF and has no CIF binary section");
        }
        int marker = indexOf(content, DATA_MARKER, section, Math.min(length, section + 8192));
        if (marker < 0) {
            throw new ImageFormatException(file, "CBF binary section has no data marker 0C 1A 04 D5 (truncated header?)");
        }
        String text = new String(content, 0, section, StandardCharsets.ISO_8859_1);
        Map<String, String> mime = parseMime(new String(content, section, marker - section, StandardCharsets.ISO_8859_1));
        int dataOffset = marker + DATA_MARKER.length;

        String conversions = mime.getOrDefault("conversions", "");
        if (!conversions.toLowerCase(Locale.ROOT).contains("x-cbf_byte_offset")) {
            throw new ImageFormatException(file, "CBF compression '" + (conversions.isEmpty() ? "none" : conversions)
                    + "' is not supported; only x-CBF_BYTE_OFFSET");
        }
        String order = mime.getOrDefault("X-Binary-Element-Byte-Order", "LITTLE_ENDIAN");
        if (!order.equalsIgnoreCase("LITTLE_ENDIAN")) {
            throw new ImageFormatException(file, "CBF byte order " + order + " is not supported");
        }
        String type = mime.getOrDefault("X-Binary-Element-Type", "signed 32-bit integer");
        if (!type.matches("(?i)(un)?signed (16|32)-bit integer")) {
            throw new ImageFormatException(file, "CBF element type '" + type + "' is not supported");
        }
        int size = mimeInt(file, mime, "X-Binary-Size");
        int width = mimeInt(file, mime, "X-Binary-Size-Fastest-Dimension");
        int height = mimeInt(file, mime, "X-Binary-Size-Second-Dimension");
        if (mime.containsKey("X-Binary-Number-of-Elements")) {
            long elements = mimeInt(file, mime, "X-Binary-Number-of-Elements");
            if (elements != (long) width * height) {
                throw new ImageFormatException(file, "X-Binary-Number-of-Elements " + elements + " is not "
                        + width + " x " + height);
            }
        }
        if (complete && (long) dataOffset + size > length) {
            throw new ImageFormatException(file, "truncated: X-Binary-Size declares " + size + " bytes of data but only "
                    + (length - dataOffset) + " follow the data marker");
        }

        CifBlock cif = CifBlock.parse(text);
        String contents = cif.value("_array_data.header_contents");
        PilatusHeader pilatus = PilatusHeader.parse(contents == null ? "" : contents);
        ImageHeader image;
        String convention;
        if (ImgCifGeometry.isFullCbf(cif)) {
            image = ImgCifGeometry.header(file, cif, pilatus.keys().get("Detector"));
            if (image.width() != width || image.height() != height) {
                throw new ImageFormatException(file, "imgCIF array is " + image.width() + "x" + image.height()
                        + " but the binary section holds " + width + "x" + height);
            }
            // imgCIF has no standard exposure or cutoff item in every file; take the PILATUS line then.
            if (Double.isNaN(image.exposureS()) && pilatus.has("Exposure_time")) {
                image = withExposure(image, pilatus.number(file, "Exposure_time"));
            }
            if (image.countCutoff() == Long.MAX_VALUE && pilatus.has("Count_cutoff")) {
                image = withCutoff(image, Math.round(pilatus.number(file, "Count_cutoff")));
            }
            convention = "imgCIF (full CBF)";
        } else {
            if (pilatus.keys().isEmpty()) {
                throw new ImageFormatException(file, "CBF has neither a PILATUS header (_array_data.header_contents)"
                        + " nor imgCIF axis categories; cannot tell the geometry");
            }
            image = pilatus.toImageHeader(file, width, height);
            convention = "PILATUS_1.2 miniCBF";
        }
        return new CbfHeader(image, pilatus, convention, mime, dataOffset);
    }

    private static ImageHeader withExposure(ImageHeader h, double exposureS) {
        return new ImageHeader(h.detector(), h.width(), h.height(), h.pixelSizeXMm(), h.pixelSizeYMm(), h.wavelengthA(),
                h.distanceMm(), h.beamXPx(), h.beamYPx(), h.oscStartDeg(), h.oscWidthDeg(), exposureS, h.countCutoff(),
                h.frameCount());
    }

    private static ImageHeader withCutoff(ImageHeader h, long cutoff) {
        return new ImageHeader(h.detector(), h.width(), h.height(), h.pixelSizeXMm(), h.pixelSizeYMm(), h.wavelengthA(),
                h.distanceMm(), h.beamXPx(), h.beamYPx(), h.oscStartDeg(), h.oscWidthDeg(), h.exposureS(), cutoff,
                h.frameCount());
    }

    private static int mimeInt(Path file, Map<String, String> mime, String key) throws ImageFormatException {
        String v = mime.get(key);
        if (v == null) {
            throw new ImageFormatException(file, "CBF binary header lacks " + key);
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImageFormatException(file, "CBF binary header " + key + " is '" + v + "', not a size");
        }
    }

    /** MIME lines "Key: value"; the Content-Type continuation gives "conversions". */
    static Map<String, String> parseMime(String text) {
        Map<String, String> mime = new LinkedHashMap<>();
        for (String line : text.split("\\r?\\n|\\r")) {
            String l = line.strip();
            int colon = l.indexOf(':');
            if (l.startsWith("conversions=")) {
                mime.put("conversions", unquote(l.substring("conversions=".length())));
            } else if (colon > 0 && !l.startsWith("--")) {
                String key = l.substring(0, colon).strip();
                String value = l.substring(colon + 1).strip();
                if (value.endsWith(";")) {
                    value = value.substring(0, value.length() - 1);
                }
                mime.put(key, unquote(value));
            }
        }
        return mime;
    }

    private static String unquote(String s) {
        s = s.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String md5Base64(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, offset, length);
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        int last = Math.min(to, hay.length) - needle.length;
        byte first = needle[0];
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
