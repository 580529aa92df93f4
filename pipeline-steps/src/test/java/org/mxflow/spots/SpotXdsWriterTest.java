package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotXdsWriterTest {

    private static final Path SHARED = Path.of(System.getProperty("mxflow.shared", "../../shared"));

    @Test
    void rewritingTheSpotXdsThatXdsWroteReproducesItByteForByte() throws Exception {
        // real/xds/SPOT.XDS: 742 indexed spots (3F10.2,F10.0,3I8) from a PILATUS 6M sweep.
        Path real = SHARED.resolve("data/real/xds/SPOT.XDS");
        List<SpotXdsEntry> entries = SpotXdsReader.read(real);
        assertThat(entries).hasSize(742);
        assertThat(entries.get(0).intensityCounts()).isEqualTo(1545.0);
        assertThat(entries.get(0).hkl().h()).isEqualTo(3);
        StringWriter out = new StringWriter();
        SpotXdsWriter.write(out, entries);
        assertThat(out.toString()).isEqualTo(Files.readString(real, StandardCharsets.US_ASCII));
    }

    @Test
    void unindexedSpotsHaveFourColumnsAndAFortranDecimalPoint() {
        Spot s = new Spot(1313.966, 1301.071, 0.5, 0.3, 0.3, 0, 1544.6, 9, 400, 1312, 1315, 1299, 1302, 1, 1, 2.5, false);
        assertThat(SpotXdsWriter.line(SpotXdsEntry.of(s))).isEqualTo("   1313.97   1301.07      0.50     1545.");
    }
}
