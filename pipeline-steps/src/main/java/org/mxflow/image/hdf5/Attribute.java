package org.mxflow.image.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * An attribute message (version 3): name, datatype, dataspace and little-endian values.
 *
 * @param name  attribute name (ASCII)
 * @param type  element type
 * @param space scalar or array shape
 * @param data  the values, {@code space.elements() * type.size()} bytes
 */
public record Attribute(String name, Datatype type, Dataspace space, byte[] data) {

    /** A scalar fixed-length string, as NeXus writes {@code NX_class} and {@code units}. */
    public static Attribute text(String name, String value) {
        Datatype t = Datatype.stringFor(value);
        byte[] d = new byte[t.size()];
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, d, 0, v.length);
        return new Attribute(name, t, Dataspace.SCALAR, d);
    }

    /** A scalar 32-bit signed integer (EIGER's {@code image_nr_low}/{@code image_nr_high}). */
    public static Attribute int32(String name, int value) {
        return new Attribute(name, Datatype.I32, Dataspace.SCALAR,
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    /** A 1-D float64 array attribute (e.g. a NeXus {@code vector}). */
    public static Attribute float64s(String name, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return new Attribute(name, Datatype.F64, Dataspace.of(values.length), b.array());
    }

    byte[] encode() {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] t = type.encode();
        byte[] s = space.encode();
        return new Encoding().u8(3).u8(0).u16(n.length + 1).u16(t.length).u16(s.length).u8(0)
                .bytes(n).u8(0).bytes(t).bytes(s).bytes(data).toBytes();
    }
}
