package org.mxflow.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * CBFlib's byte-offset compression ({@code x-CBF_BYTE_OFFSET}): each pixel is stored as the
 * difference to the previous one, in 1 byte, or after the escape -128 in 2 bytes, or after the
 * escape -32768 in 4 bytes, or after the escape Integer.MIN_VALUE in 8 bytes, all little-endian.
 * The first difference is taken against 0. Sums wrap around in 32 bits, as in CBFlib, so the
 * encoder never needs the 8-byte form for 32-bit pixels (fabio 0.14 misreads that form).
 */
public final class ByteOffsetCodec {

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The longest encoding of one pixel: 1 + 2 + 4 + 8 bytes. */
    private static final int MAX_BYTES_PER_PIXEL = 15;

    private ByteOffsetCodec() {
    }

    /** Thrown when the compressed bytes end before all pixels are decoded. */
    public static final class CorruptDataException extends Exception {
        private final int decodedPixels;

        CorruptDataException(String message, int decodedPixels) {
            super(message);
            this.decodedPixels = decodedPixels;
        }

        /** Pixels decoded before the problem. */
        public int decodedPixels() {
            return decodedPixels;
        }
    }

    /**
     * Decodes {@code out.length} pixels from {@code src[offset, offset+length)}.
     *
     * @return the number of compressed bytes consumed
     */
    public static int decode(byte[] src, int offset, int length, int[] out) throws CorruptDataException {
        if (offset < 0 || length < 0 || offset + length > src.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + src.length + " bytes");
        }
        final int end = offset + length;
        // Fast loop without per-byte bounds tests while a whole worst-case pixel still fits.
        final int safeEnd = end - MAX_BYTES_PER_PIXEL;
        final int n = out.length;
        int pos = offset;
        int value = 0;
        int k = 0;
        while (k < n && pos <= safeEnd) {
            // Eight 1-byte deltas at once when none of the next 8 bytes is the escape 0x80.
            if (k + 8 <= n && pos + 8 <= safeEnd) {
                long x = (long) LONG_LE.get(src, pos);
                long v = x ^ 0x8080808080808080L;
                if (((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) == 0) {
                    value += (byte) x;
                    out[k] = value;
                    value += (byte) (x >> 8);
                    out[k + 1] = value;
                    value += (byte) (x >> 16);
                    out[k + 2] = value;
                    value += (byte) (x >> 24);
                    out[k + 3] = value;
                    value += (byte) (x >> 32);
                    out[k + 4] = value;
                    value += (byte) (x >> 40);
                    out[k + 5] = value;
                    value += (byte) (x >> 48);
                    out[k + 6] = value;
                    value += (byte) (x >> 56);
                    out[k + 7] = value;
                    k += 8;
                    pos += 8;
                    continue;
                }
            }
            int delta = src[pos++];
            if (delta == -128) {
                delta = (short) SHORT_LE.get(src, pos);
                pos += 2;
                if (delta == Short.MIN_VALUE) {
                    delta = (int) INT_LE.get(src, pos);
                    pos += 4;
                    if (delta == Integer.MIN_VALUE) {
                        long wide = (long) LONG_LE.get(src, pos);
                        pos += 8;
                        value = (int) (value + wide);
                        out[k++] = value;
                        continue;
                    }
                }
            }
            value += delta;
            out[k++] = value;
        }
        // Careful tail: every read is checked against the end of the data.
        while (k < n) {
            if (pos >= end) {
                throw truncated(k, n);
            }
            long delta = src[pos++];
            if (delta == -128) {
                if (pos + 2 > end) {
                    throw truncated(k, n);
                }
                delta = (short) SHORT_LE.get(src, pos);
                pos += 2;
                if (delta == Short.MIN_VALUE) {
                    if (pos + 4 > end) {
                        throw truncated(k, n);
                    }
                    delta = (int) INT_LE.get(src, pos);
                    pos += 4;
                    if (delta == Integer.MIN_VALUE) {
                        if (pos + 8 > end) {
                            throw truncated(k, n);
                        }
                        delta = (long) LONG_LE.get(src, pos);
                        pos += 8;
                    }
                }
            }
            value = (int) (value + delta);
            out[k++] = value;
        }
        return pos - offset;
    }

    private static CorruptDataException truncated(int decoded, int expected) {
        return new CorruptDataException("compressed data ends after " + decoded + " of " + expected + " pixels", decoded);
    }

    /** Encodes pixels; the result is exactly as long as the compressed data (no padding). */
    public static byte[] encode(int[] pixels) {
        // Real frames need a little over 1 byte per pixel; grow when they do not.
        byte[] buf = new byte[pixels.length + pixels.length / 4 + 64];
        int pos = 0;
        int previous = 0;
        for (int p : pixels) {
            if (pos + MAX_BYTES_PER_PIXEL > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int delta = p - previous;   // wraps in 32 bits; the decoder wraps back
            if (delta > -128 && delta <= 127) {
                buf[pos++] = (byte) delta;
            } else {
                buf[pos++] = (byte) 0x80;
                if (delta > Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                    SHORT_LE.set(buf, pos, (short) delta);
                    pos += 2;
                } else {
                    SHORT_LE.set(buf, pos, Short.MIN_VALUE);
                    pos += 2;
                    if (delta != Integer.MIN_VALUE) {
                        INT_LE.set(buf, pos, delta);
                        pos += 4;
                    } else {
                        INT_LE.set(buf, pos, Integer.MIN_VALUE);
                        pos += 4;
                        LONG_LE.set(buf, pos, (long) delta);
                        pos += 8;
                    }
                }
            }
            previous = p;
        }
        return Arrays.copyOf(buf, pos);
    }
}
