package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of a good frame, made in a temporary folder: each error names the file and the problem. */
class CbfBadInputTest {

    @TempDir
    Path dir;
    byte[] good;

    @BeforeEach
    void writeGoodFrame() throws IOException {
        Path p = dir.resolve("good_00001.cbf");
        CbfWriter.write(p, CbfWriterTest.sampleFrame());
        good = Files.readAllBytes(p);
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private byte[] replace(String from, String to) {
        String s = new String(good, StandardCharsets.ISO_8859_1);
        if (!s.contains(from)) {
            throw new IllegalStateException("sample lacks " + from);
        }
        return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void truncatedFile() throws IOException {
        int marker = CbfReader.indexOf(good, CbfReader.DATA_MARKER, 0, good.length);
        Path p = write("trunc_00001.cbf", Arrays.copyOf(good, marker + 100));
        assertThatThrownBy(() -> CbfReader.read(p)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("trunc_00001.cbf").hasMessageContaining("truncated");
    }

    @Test
    void truncatedInsideTheHeader() throws IOException {
        Path p = write("head_00001.cbf", Arrays.copyOf(good, 300));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("head_00001.cbf").hasMessageContaining("no binary section");
    }

    @Test
    void truncatedBzip2OfARealFrame() throws IOException {
        byte[] bz = Files.readAllBytes(RealData.file("thaumatin_grid/thau_3_2_0019.cbf.bz2"));
        Path p = write("thau_3_2_0019.cbf.bz2", Arrays.copyOf(bz, 200_000));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("thau_3_2_0019.cbf.bz2")
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void wrongMd5() throws IOException {
        String md5 = CbfReader.parseHeader(dir, good, good.length, true).mime().get("Content-MD5");
        String flipped = (md5.charAt(0) == 'A' ? "B" : "A") + md5.substring(1);
        Path p = write("md5_00001.cbf", replace("Content-MD5: " + md5, "Content-MD5: " + flipped));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("md5_00001.cbf").hasMessageContaining("Content-MD5 mismatch");
    }

    @Test
    void corruptedDataByteIsCaughtByTheMd5() throws IOException {
        byte[] bad = good.clone();
        int marker = CbfReader.indexOf(good, CbfReader.DATA_MARKER, 0, good.length);
        bad[marker + 50] ^= 0x11;
        Path p = write("flip_00001.cbf", bad);
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("flip_00001.cbf").hasMessageContaining("Content-MD5 mismatch");
    }

    @Test
    void md5CheckCanBeSkippedAndThenTheFlippedByteDecodesToOtherCounts() throws IOException {
        // Low counts (0..6) make every delta one byte, so flipping bit 0 of a data byte keeps the
        // length and only the MD5 can see it: skipping the check (as dxtbx always does) reads the
        // frame, one pixel onward shifted by one count.
        Frame sample = CbfWriterTest.sampleFrame();
        int[] low = new int[sample.pixels().length];
        for (int i = 0; i < low.length; i++) {
            low[i] = i % 7;
        }
        Path clean = dir.resolve("low_00001.cbf");
        CbfWriter.write(clean, new Frame(1, sample.header(), low));
        byte[] bad = Files.readAllBytes(clean);
        CbfReader.CbfHeader h = CbfReader.parseHeader(clean, bad, bad.length, true);
        int at = h.dataOffset() + h.binarySize() / 2;
        assertThat(bad[at]).isNotIn((byte) 0x80, (byte) 0x81);
        bad[at] ^= 0x01;
        Path p = write("skip_00001.cbf", bad);
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("Content-MD5 mismatch");
        int[] read = CbfReader.read(p, false).pixels();
        long changed = java.util.stream.IntStream.range(0, low.length).filter(i -> read[i] != low[i]).count();
        // Byte k of the data is pixel k's delta: pixels k..end move by +-1.
        assertThat(changed).isEqualTo(low.length - (at - h.dataOffset()));
    }

    @Test
    void binarySizeLargerThanTheData() throws IOException {
        String size = CbfReader.parseHeader(dir, good, good.length, true).mime().get("X-Binary-Size");
        Path p = write("size_00001.cbf", replace("X-Binary-Size: " + size + "\r\n", "X-Binary-Size: 99999999\r\n"));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("size_00001.cbf")
                .hasMessageContaining("X-Binary-Size declares 99999999 bytes");
    }

    @Test
    void binarySizeSmallerThanTheData() throws IOException {
        // Without an MD5 the decoder itself notices the short data.
        Path p = write("small_00001.cbf", new String(replace("X-Binary-Size: ", "X-Binary-Size: 1"), StandardCharsets.ISO_8859_1)
                .replaceFirst("X-Binary-Size: 1(\\d+)", "X-Binary-Size: 100")
                .replaceFirst("Content-MD5: \\S+\r\n", "").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("small_00001.cbf")
                .hasMessageContaining("compressed data ends after");
    }

    @Test
    void garbage() throws IOException {
        byte[] junk = new byte[5000];
        new java.util.Random(7).nextBytes(junk);
        Path p = write("junk_00001.cbf", junk);
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("junk_00001.cbf").hasMessageContaining("not a CBF file");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = write("empty_00001.cbf", new byte[0]);
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("empty_00001.cbf").hasMessageContaining("empty file");
        assertThatThrownBy(() -> ImageSources.open(p)).hasMessageContaining("empty file");
    }

    @Test
    void headerMissingAKey() throws IOException {
        Path p = write("nokey_00001.cbf", replace("# Wavelength 0.96859 A\r\n", ""));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("nokey_00001.cbf")
                .hasMessageContaining("lacks the 'Wavelength' line");
    }

    @Test
    void unparsableHeaderValue() throws IOException {
        Path p = write("badval_00001.cbf", replace("# Beam_xy (1261.61, 1306.96) pixels", "# Beam_xy (1261.61) pixels"));
        assertThatThrownBy(() -> CbfReader.read(p)).hasMessageContaining("badval_00001.cbf").hasMessageContaining("Beam_xy");
    }
}
