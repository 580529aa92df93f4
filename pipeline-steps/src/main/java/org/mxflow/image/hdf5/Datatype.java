package org.mxflow.image.hdf5;

import java.nio.charset.StandardCharsets;

/**
 * An HDF5 datatype message (version 1): little-endian integers and IEEE floats, or a
 * fixed-length null-terminated ASCII string.
 *
 * @param typeClass 0 fixed point, 1 floating point, 3 string
 * @param size      bytes per element
 * @param signed    for integers
 */
public record Datatype(int typeClass, int size, boolean signed) {

    public static final Datatype U8 = new Datatype(0, 1, false);
    public static final Datatype U16 = new Datatype(0, 2, false);
    public static final Datatype U32 = new Datatype(0, 4, false);
    public static final Datatype I32 = new Datatype(0, 4, true);
    public static final Datatype F32 = new Datatype(1, 4, true);
    public static final Datatype F64 = new Datatype(1, 8, true);

    /** A fixed-length string type that holds {@code text} and its terminating NUL. */
    public static Datatype stringFor(String text) {
        return new Datatype(3, text.getBytes(StandardCharsets.US_ASCII).length + 1, false);
    }

    byte[] encode() {
        Encoding e = new Encoding().u8(0x10 | typeClass);
        switch (typeClass) {
            case 0 -> {
                e.u8(signed ? 0x08 : 0).u8(0).u8(0).u32(size);
                e.u16(0).u16(8 * size);
            }
            case 1 -> {
                // Little-endian, implied leading mantissa bit, sign in the top bit.
                e.u8(0x20).u8(8 * size - 1).u8(0).u32(size);
                if (size == 4) {
                    e.u16(0).u16(32).u8(23).u8(8).u8(0).u8(23).u32(127);
                } else {
                    e.u16(0).u16(64).u8(52).u8(11).u8(0).u8(52).u32(1023);
                }
            }
            case 3 -> e.u8(0).u8(0).u8(0).u32(size);   // null-terminated ASCII
            default -> throw new IllegalStateException("datatype class " + typeClass);
        }
        return e.toBytes();
    }
}
