package org.mxflow.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Opens a detector file that may be wrapped in gzip or bzip2, recognised by its first bytes
 * (not by its name), so a mis-named file still reads and raw data is never touched.
 */
final class CompressedFiles {

    private CompressedFiles() {
    }

    /** Wrapping of a file, from its magic bytes. */
    enum Wrapping { NONE, GZIP, BZIP2 }

    static Wrapping wrapping(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Wrapping.GZIP;
        }
        if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return Wrapping.BZIP2;
        }
        return Wrapping.NONE;
    }

    /** The whole (decompressed) content of the file. */
    static byte[] readAll(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file, "is a directory, not an image file");
        }
        try {
            byte[] raw = Files.readAllBytes(file);
            // One copy for plain files (the common case); wrapped ones are inflated from memory.
            return switch (wrapping(Arrays.copyOf(raw, Math.min(3, raw.length)))) {
                case NONE -> raw;
                case GZIP -> new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16).readAllBytes();
                case BZIP2 -> new BZip2CompressorInputStream(new ByteArrayInputStream(raw), true).readAllBytes();
            };
        } catch (ImageFormatException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(file, "no such file");
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read: " + describe(file, e), e);
        }
    }

    /** A stream of the decompressed content. */
    static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ImageFormatException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file, "is a directory, not an image file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(4);
            byte[] head = raw.readNBytes(3);
            raw.reset();
            return switch (wrapping(head)) {
                case GZIP -> new GZIPInputStream(raw, 1 << 16);
                case BZIP2 -> new BZip2CompressorInputStream(raw, true);
                case NONE -> raw;
            };
        } catch (IOException e) {
            raw.close();
            throw new ImageFormatException(file, "cannot read: " + describe(file, e), e);
        }
    }

    private static String describe(Path file, IOException e) {
        String name = file.getFileName().toString();
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (name.endsWith(".gz") || name.endsWith(".bz2")) {
            return "compressed stream is truncated or corrupt (" + what + ")";
        }
        return what;
    }
}
