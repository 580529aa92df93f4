package org.mxflow.image.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Bitshuffle + LZ4 in the HDF5 plug-in's chunk format (filter 32008, the inverse of
 * {@link org.mxflow.image.FastBitshuffleLz4Filter}): a 12-byte big-endian header (total bytes
 * u64, block bytes u32), then blocks of 8192 bytes' worth of elements (a multiple of 8), each
 * bit-transposed and LZ4-compressed behind a 4-byte big-endian length; the last partial block is
 * cut to a multiple of 8 elements, and fewer than 8 trailing elements are copied raw.
 */
public final class BitshuffleLz4Encoder {

    // The pure-Java compressor: the same bytes on every machine, so written files have stable SHA-256s.
    private static final LZ4Compressor LZ4 = LZ4Factory.safeInstance().fastCompressor();
    private static final int TARGET_BLOCK_BYTES = 8192;

    private BitshuffleLz4Encoder() {
    }

    /** bitshuffle's default block: 8192 bytes of elements, rounded down to a multiple of 8, at least 128. */
    public static int defaultBlockElements(int elementSize) {
        return Math.max(128, TARGET_BLOCK_BYTES / elementSize / 8 * 8);
    }

    /** Encodes {@code raw} (whole elements of {@code elementSize} bytes). */
    public static byte[] encode(byte[] raw, int elementSize) {
        if (raw.length % elementSize != 0) {
            throw new IllegalArgumentException(raw.length + " bytes are not whole " + elementSize + "-byte elements");
        }
        int blockElements = defaultBlockElements(elementSize);
        int elements = raw.length / elementSize;
        int blocks = elements / blockElements + 1;
        ByteBuffer out = ByteBuffer.allocate(12 + blocks * (4 + LZ4.maxCompressedLength(blockElements * elementSize))
                + 8 * elementSize).order(ByteOrder.BIG_ENDIAN);
        out.putLong(raw.length).putInt(blockElements * elementSize);
        byte[] shuffled = new byte[blockElements * elementSize];
        int done = 0;
        while (elements - done >= 8) {
            int n = Math.min(blockElements, elements - done);
            n -= n % 8;
            shuffle(raw, done * elementSize, n, elementSize, shuffled);
            int at = out.position();
            int len = LZ4.compress(shuffled, 0, n * elementSize, out.array(), at + 4);
            out.putInt(at, len);
            out.position(at + 4 + len);
            done += n;
        }
        out.put(raw, done * elementSize, (elements - done) * elementSize);
        byte[] result = new byte[out.position()];
        System.arraycopy(out.array(), 0, result, 0, result.length);
        return result;
    }

    /** Bit-transposes n elements (n a multiple of 8): bit j of byte b of every element becomes row 8b+j. */
    static void shuffle(byte[] src, int srcOffset, int n, int elementSize, byte[] dst) {
        int rowBytes = n / 8;
        for (int b = 0; b < elementSize; b++) {
            int planeBase = b * 8 * rowBytes;
            for (int k = 0; k < rowBytes; k++) {
                long x = 0;
                int base = srcOffset + 8 * k * elementSize + b;
                for (int i = 0; i < 8; i++) {
                    x |= (src[base + i * elementSize] & 0xffL) << (8 * i);
                }
                x = org.mxflow.image.FastBitshuffleLz4Filter.transpose8(x);
                for (int j = 0; j < 8; j++) {
                    dst[planeBase + j * rowBytes + k] = (byte) (x >>> (8 * j));
                }
            }
        }
    }
}
