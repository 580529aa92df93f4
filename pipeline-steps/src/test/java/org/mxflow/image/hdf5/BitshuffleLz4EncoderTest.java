package org.mxflow.image.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mxflow.image.FastBitshuffleLz4Filter;

/** Round trips through the decoder the EIGER reader uses, and the plug-in's chunk header. */
class BitshuffleLz4EncoderTest {

    private static byte[] counts(int elements, int elementSize, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[elements * elementSize];
        for (int i = 0; i < b.length; i++) {
            // Low bytes vary, high bytes are mostly zero, as in detector counts.
            b[i] = (byte) (i % elementSize == 0 ? r.nextInt(256) : r.nextInt(40) == 0 ? r.nextInt(256) : 0);
        }
        return b;
    }

    @Test
    void oddSizesAndPartialBlocksDecodeToTheInput() {
        // u32: 2048-element blocks; u16: 4096; sizes with no, a partial, and a raw (<8) tail.
        int[][] cases = {{4, 1}, {4, 7}, {4, 8}, {4, 2048}, {4, 2049}, {4, 5141}, {4, 2162 * 3 + 5}, {2, 4096 + 13},
            {2, 37 * 53}, {1, 8191}, {4, 0}};
        for (int[] c : cases) {
            byte[] raw = counts(c[1], c[0], c[1]);
            byte[] enc = BitshuffleLz4Encoder.encode(raw, c[0]);
            byte[] dec = new FastBitshuffleLz4Filter().decode(enc, new int[] {0, 3, c[0], 0, 2});
            assertThat(dec).as("%d elements of %d bytes", c[1], c[0]).isEqualTo(raw);
        }
    }

    @Test
    void headerHoldsTotalBytesAndBlockBytesBigEndianAsThePluginWrites() {
        byte[] enc = BitshuffleLz4Encoder.encode(counts(5141, 4, 1), 4);
        ByteBuffer b = ByteBuffer.wrap(enc);
        assertThat(b.getLong(0)).isEqualTo(5141L * 4);
        assertThat(b.getInt(8)).isEqualTo(8192);          // 2048 elements x 4 bytes
        // 5141 = 2 x 2048 + 1040 + 5: three LZ4 blocks, then 5 raw elements (20 bytes) at the end.
        int pos = 12;
        for (int k = 0; k < 3; k++) {
            pos += 4 + b.getInt(pos);
        }
        assertThat(enc.length - pos).isEqualTo(20);
    }

    @Test
    void aFlatFrameCompressesAtLeastFiftyfold() {
        byte[] raw = new byte[4 * 97 * 53];
        for (int i = 0; i < raw.length; i += 4) {
            raw[i] = 3;
        }
        assertThat(BitshuffleLz4Encoder.encode(raw, 4).length).isLessThan(raw.length / 50);
    }

    @Test
    void lookup3MatchesJenkinsPublishedValues() {
        // From lookup3.c's driver5(): hashlittle("", 0, 0) = 0xdeadbeef and
        // hashlittle("Four score and seven years ago", 30, 0) = 0x17770551.
        assertThat(Lookup3.hash(new byte[0], 0, 0)).isEqualTo(0xdeadbeef);
        byte[] s = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertThat(Lookup3.hash(s, 0, s.length)).isEqualTo(0x17770551);
    }
}
