package org.mxflow.image.hdf5;

/** An HDF5 dataspace message (version 2): a scalar (no dimensions) or a fixed-size array. */
public record Dataspace(long[] dims) {

    public static final Dataspace SCALAR = new Dataspace(new long[0]);

    public static Dataspace of(long... dims) {
        return new Dataspace(dims.clone());
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    byte[] encode() {
        Encoding e = new Encoding().u8(2).u8(dims.length).u8(0).u8(dims.length == 0 ? 0 : 1);
        for (long d : dims) {
            e.u64(d);
        }
        return e.toBytes();
    }
}
