package org.mxflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The P1 cell SampleMerge takes from a CORRECT.LP beside the reflection file (kamo-conventions 4.3.2). */
class P1CellBesideTest {

    @Test
    void theRealCorrectLpBesideTheFileGivesItsAllObtuseAPCell(@TempDir Path dir) throws Exception {
        Path real = Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
        assertThat(SampleMerge.p1CellBeside(dir.resolve("XDS_ASCII.HKL"))).isNull();
        Files.copy(real, dir.resolve("CORRECT.LP"));
        // Real file line 131 (aP, 76.4 76.4 85.7) made all-obtuse: 103.6 103.6 85.7.
        assertThat(SampleMerge.p1CellBeside(dir.resolve("XDS_ASCII.HKL")).toArray())
                .containsExactly(new double[] {60.5, 60.5, 93.7, 103.6, 103.6, 85.7}, within(1e-9));
        // A CORRECT.LP_noscale without the table: the next file (CORRECT.LP) is read.
        Files.writeString(dir.resolve("CORRECT.LP_noscale"), " ***** CORRECT ***** (VERSION mxflow)\n no lattice table\n");
        assertThat(SampleMerge.p1CellBeside(dir.resolve("XDS_ASCII.HKL"))).isNotNull();
    }
}
