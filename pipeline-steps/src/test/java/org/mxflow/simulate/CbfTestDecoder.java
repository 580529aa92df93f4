package org.mxflow.simulate;

/** Minimal byte-offset decoder for the tests (the images module owns the real reader). */
final class CbfTestDecoder {

    private CbfTestDecoder() {
    }

    static int[] decode(byte[] file, int n) {
        int pos = 0;
        while (!(file[pos] == 0x0C && file[pos + 1] == 0x1A && file[pos + 2] == 0x04 && file[pos + 3] == (byte) 0xD5)) {
            pos++;
        }
        pos += 4;
        int[] out = new int[n];
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = file[pos++];
            if (d == -128) {
                d = (short) ((file[pos] & 0xff) | (file[pos + 1] << 8));
                pos += 2;
                if (d == -32768) {
                    d = (file[pos] & 0xff) | ((file[pos + 1] & 0xff) << 8) | ((file[pos + 2] & 0xff) << 16) | (file[pos + 3] << 24);
                    pos += 4;
                }
            }
            v += d;
            out[i] = v;
        }
        return out;
    }
}
