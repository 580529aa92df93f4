package org.mxflow.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Byte-offset bytes written out by hand from the CBFlib description of the format. */
class ByteOffsetCodecTest {

    @Test
    void decodesEveryEscapeWidth() throws Exception {
        byte[] src = {
            5,                                           // +5 -> 5
            (byte) 0x80, (byte) 0xe8, 0x03,              // +1000 -> 1005
            (byte) 0x80, 0x00, (byte) 0x80, (byte) 0xa0, (byte) 0x86, 0x01, 0x00,   // +100000 -> 101005
            (byte) 0x80, 0x00, (byte) 0x80, 0x00, 0x00, 0x00, (byte) 0x80,          // 64-bit escape:
            (byte) 0x9c, (byte) 0x8a, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, // -95588 -> 5417
            (byte) 0xfe,                                 // -2 -> 5415
        };
        int[] out = new int[5];
        assertThat(ByteOffsetCodec.decode(src, 0, src.length, out)).isEqualTo(src.length);
        assertThat(out).containsExactly(5, 1005, 101005, 5417, 5415);
    }

    @Test
    void encodeThenDecodeIsIdentityForExtremeValues() throws Exception {
        int[] px = {0, -1, -2, 127, -127, 128, 32767, -32768, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 7};
        byte[] enc = ByteOffsetCodec.encode(px);
        int[] back = new int[px.length];
        ByteOffsetCodec.decode(enc, 0, enc.length, back);
        assertThat(back).isEqualTo(px);
    }

    @Test
    void truncatedDataNameHowFarDecodingGot() {
        byte[] enc = ByteOffsetCodec.encode(new int[] {1, 2, 3, 40000, 5});
        int[] out = new int[5];
        assertThatThrownBy(() -> ByteOffsetCodec.decode(enc, 0, enc.length - 3, out))
                .hasMessageContaining("after 4 of 5 pixels");
    }
}
