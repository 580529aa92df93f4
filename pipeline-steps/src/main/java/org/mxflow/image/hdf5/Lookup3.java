package org.mxflow.image.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} with initial value 0: the checksum HDF5 puts at the
 * end of version-2 superblocks, version-2 object headers and chunk-index blocks.
 */
public final class Lookup3 {

    private Lookup3() {
    }

    /** The checksum of {@code length} bytes of {@code data} from {@code offset}. */
    public static int hash(byte[] data, int offset, int length) {
        int a = 0xdeadbeef + length;
        int b = a;
        int c = a;
        int k = offset;
        while (length > 12) {
            a += word(data, k);
            b += word(data, k + 4);
            c += word(data, k + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            length -= 12;
            k += 12;
        }
        if (length == 0) {
            return c;
        }
        // The last 1..12 bytes, little-endian into a, b, c.
        int[] abc = {a, b, c};
        for (int i = 0; i < length; i++) {
            abc[i / 4] += (data[k + i] & 0xff) << (8 * (i % 4));
        }
        a = abc[0];
        b = abc[1];
        c = abc[2];
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] d, int i) {
        return (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16 | (d[i + 3] & 0xff) << 24;
    }
}
