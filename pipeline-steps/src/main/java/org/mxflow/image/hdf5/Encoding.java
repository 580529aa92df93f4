package org.mxflow.image.hdf5;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A little-endian byte sink for HDF5 structures (all HDF5 metadata is little-endian). */
final class Encoding {

    /** HDF5's "undefined address": all bits set. */
    static final long UNDEFINED = -1L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Encoding u8(int v) {
        out.write(v);
        return this;
    }

    Encoding u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    Encoding u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Encoding u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** An unsigned integer in {@code n} bytes. */
    Encoding uN(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Encoding bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    Encoding ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends the lookup3 checksum of everything written so far. */
    Encoding checksum() {
        byte[] b = out.toByteArray();
        return u32(Lookup3.hash(b, 0, b.length) & 0xffffffffL);
    }

    int size() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
