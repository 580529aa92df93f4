package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KamoFormatTest {

    @Test
    void roundsLikePythonPercentFormat() {
        // Values checked with /usr/bin/python3: "%.1f" % 1.25 -> 1.2, "%.2f" % 2.125 -> 2.12,
        // "%.2f" % 2.675 -> 2.67 (binary 2.67499...), "%.1f" % 0.35 -> 0.3 (binary 0.34999...),
        // "%.1f" % 1.35 -> 1.4 (binary 1.350000000000000088...), "%5.1f" % -0.04 -> " -0.0".
        assertThat(KamoFormat.fixed(1.25, 1)).isEqualTo("1.2");
        assertThat(KamoFormat.fixed(2.125, 2)).isEqualTo("2.12");
        assertThat(KamoFormat.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(KamoFormat.fixed(0.35, 1)).isEqualTo("0.3");
        assertThat(KamoFormat.fixed(1.35, 1)).isEqualTo("1.4");
        assertThat(KamoFormat.fixed(-0.04, 5, 1)).isEqualTo(" -0.0");
        assertThat(KamoFormat.fixed(Double.NaN, 5, 1)).isEqualTo("  nan");
        assertThat(KamoFormat.round(2.125, 2)).isEqualTo(2.12);
        // Java's own formatter differs on the tie, which is why this class exists.
        assertThat(String.format("%.1f", 1.25)).isEqualTo("1.3");
    }
}
