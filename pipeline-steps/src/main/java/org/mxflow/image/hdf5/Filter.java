package org.mxflow.image.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One entry of a filter pipeline message.
 *
 * @param id         registered filter id (32008 bitshuffle, 32004 LZ4)
 * @param name       filter name stored with ids of 256 and above
 * @param clientData the filter's parameters (HDF5 "cd_values")
 */
public record Filter(int id, String name, int[] clientData) {

    /** Bitshuffle + LZ4 as the bitshuffle plug-in records it: version 0.3, element size, default block, LZ4. */
    public static Filter bitshuffleLz4(int elementSize) {
        return new Filter(32008, "bitshuffle; see https://github.com/kiyo-masui/bitshuffle",
                new int[] {0, 3, elementSize, 0, 2});
    }

    /** The filter pipeline message (version 2) for {@code filters}, applied in order. */
    static byte[] pipeline(List<Filter> filters) {
        Encoding e = new Encoding().u8(2).u8(filters.size());
        for (Filter f : filters) {
            byte[] n = f.name().getBytes(StandardCharsets.US_ASCII);
            e.u16(f.id());
            if (f.id() >= 256) {
                e.u16(n.length + 1);
            }
            e.u16(0).u16(f.clientData().length);
            if (f.id() >= 256) {
                e.bytes(n).u8(0);
            }
            for (int v : f.clientData()) {
                e.u32(v & 0xffffffffL);
            }
        }
        return e.toBytes();
    }
}
