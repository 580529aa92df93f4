package org.mxflow.image;

import io.jhdf.filter.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * HDF5 filter 32008 (bitshuffle + LZ4) for jhdf, registered through
 * META-INF/services/io.jhdf.filter.Filter so it replaces jhdf 0.13's own, which leaves the last
 * partial bitshuffle block undecoded (every real EIGER frame has one) and unshuffles one bit at
 * a time. Chunk layout: big-endian u64 uncompressed bytes, u32 block bytes, then per block a
 * big-endian u32 compressed size and the LZ4 block of the bit-shuffled data; the last
 * {@code elements % 8} elements are stored as they are.
 */
public final class FastBitshuffleLz4Filter implements Filter {

    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    /** bitshuffle's default block: 8192 bytes of elements, a multiple of 8 elements. */
    private static final int TARGET_BLOCK_BYTES = 8192;

    @Override
    public int getId() {
        return 32008;
    }

    @Override
    public String getName() {
        return "bitshuffle (mxflow, LZ4)";
    }

    @Override
    public byte[] decode(byte[] encoded, int[] filterData) {
        if (filterData.length < 3) {
            throw new IllegalArgumentException("bitshuffle filter data lack the element size");
        }
        if (filterData.length > 4 && filterData[4] != 2) {
            throw new IllegalArgumentException("bitshuffle compression mode " + filterData[4]
                    + " is not supported (only 2 = LZ4)");
        }
        int elementSize = filterData[2];
        ByteBuffer in = ByteBuffer.wrap(encoded).order(ByteOrder.BIG_ENDIAN);
        long total = in.getLong(0);
        int blockBytes = in.getInt(8);
        if (total > Integer.MAX_VALUE - 16 || total % elementSize != 0) {
            throw new IllegalArgumentException("bitshuffle chunk declares " + total + " bytes for " + elementSize + "-byte elements");
        }
        int blockElements = blockBytes == 0 ? Math.max(8, (TARGET_BLOCK_BYTES / elementSize) / 8 * 8) : blockBytes / elementSize;
        int elements = (int) (total / elementSize);
        byte[] out = new byte[(int) total];
        byte[] shuffled = new byte[blockElements * elementSize];
        int pos = 12;
        int done = 0;
        while (elements - done >= 8) {
            int n = Math.min(blockElements, elements - done);
            n -= n % 8;
            int compressed = in.getInt(pos);
            pos += 4;
            int bytes = n * elementSize;
            try {
                int got = LZ4.decompress(encoded, pos, compressed, shuffled, 0, bytes);
                if (got != bytes) {
                    throw new IllegalArgumentException("bitshuffle block at element " + done + " holds " + got
                            + " bytes, expected " + bytes);
                }
            } catch (LZ4Exception e) {
                throw new IllegalArgumentException("bitshuffle block at element " + done + " is corrupt: " + e.getMessage(), e);
            }
            pos += compressed;
            unshuffle(shuffled, n, elementSize, out, done * elementSize);
            done += n;
        }
        // Fewer than 8 trailing elements are stored without shuffling or compression.
        int rest = (elements - done) * elementSize;
        System.arraycopy(encoded, pos, out, done * elementSize, rest);
        return out;
    }

    /** Inverse of bitshuffle for n elements (n a multiple of 8), via 8x8 bit-matrix transposes. */
    static void unshuffle(byte[] src, int n, int elementSize, byte[] dst, int dstOffset) {
        int rowBytes = n / 8;
        for (int b = 0; b < elementSize; b++) {
            int planeBase = b * 8 * rowBytes;
            for (int k = 0; k < rowBytes; k++) {
                long x = 0;
                for (int j = 0; j < 8; j++) {
                    x |= (src[planeBase + j * rowBytes + k] & 0xffL) << (8 * j);
                }
                if (x == 0) {
                    continue;                 // most detector bits are zero; dst is already zero
                }
                x = transpose8(x);
                int base = dstOffset + 8 * k * elementSize + b;
                for (int i = 0; i < 8; i++) {
                    dst[base + i * elementSize] = (byte) (x >>> (8 * i));
                }
            }
        }
    }

    /** Transposes the 8x8 bit matrix whose row j is byte j of x (Hacker's Delight 7-3). */
    public static long transpose8(long x) {
        long t;
        t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        x ^= t ^ (t << 28);
        return x;
    }
}
