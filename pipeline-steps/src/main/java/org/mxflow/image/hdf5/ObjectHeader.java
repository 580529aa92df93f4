package org.mxflow.image.hdf5;

/** A version-2 object header ("OHDR") assembled message by message, with its lookup3 checksum. */
final class ObjectHeader {

    static final int DATASPACE = 0x01;
    static final int LINK_INFO = 0x02;
    static final int DATATYPE = 0x03;
    static final int FILL_VALUE = 0x05;
    static final int LINK = 0x06;
    static final int LAYOUT = 0x08;
    static final int GROUP_INFO = 0x0A;
    static final int FILTER_PIPELINE = 0x0B;
    static final int ATTRIBUTE = 0x0C;

    private final Encoding messages = new Encoding();

    ObjectHeader add(int type, byte[] body) {
        // Flag 0x01 (constant) on datatype messages, as libhdf5 writes them.
        messages.u8(type).u16(body.length).u8(type == DATATYPE ? 1 : 0).bytes(body);
        return this;
    }

    byte[] encode() {
        byte[] body = messages.toBytes();
        // Flags 0x02: the size of chunk #0 takes 4 bytes; no times, no attribute phase change values.
        return new Encoding().ascii("OHDR").u8(2).u8(0x02).u32(body.length).bytes(body).checksum().toBytes();
    }
}
