package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MiniCbfWriterTest {

    /** The array of scripts/oracles/cbf_byte_offset_fabio.py (keep in step). */
    static int[] pixels() {
        int ny = 30, nx = 40;
        int[] a = new int[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int v = (x * 7 + y * 13) % 50;
                if (x % 11 == 10) {
                    v = -1;
                }
                if ((x + y) % 17 == 0) {
                    v = 30000 + x * y;
                }
                if ((x * y) % 97 == 5) {
                    v = 1_000_000 + x;
                }
                a[y * nx + x] = v;
            }
        }
        return a;
    }

    /** Byte-offset compression is canonical, so ours must equal fabio 0.14's bytes exactly. */
    @Test
    void byteOffsetStreamEqualsWhatFabioWrites() throws IOException {
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/simulate/byte_offset_fabio.bin")) {
            expected = in.readAllBytes();
        }
        assertThat(MiniCbfWriter.byteOffset(pixels())).isEqualTo(expected);
    }

    @Test
    void headerCarriesThePilatusKeysDialsReads() {
        Detector d = Detector.pilatus1M(150);
        byte[] file = MiniCbfWriter.encode("t_00001", new MiniCbfWriter.FrameHeader(d, 1.0, 0.1, 12.5, 0.5,
                "2026-11-21T09:00:00.000", 0.99), new int[d.nx() * d.ny()]);
        String head = new String(file, 0, 3000, StandardCharsets.ISO_8859_1);
        assertThat(head).contains("_array_data.header_convention \"PILATUS_1.2\"")
                .contains("# Detector: PILATUS3 1M").contains("# Wavelength 1.00000 A")
                .contains("# Detector_distance 0.15000 m").contains("# Start_angle 12.5000 deg.")
                .contains("# Angle_increment 0.5000 deg.").contains("X-Binary-Size-Fastest-Dimension: 981")
                .contains("X-Binary-Size-Second-Dimension: 1043").contains("# Count_cutoff 115897 counts");
    }
}
