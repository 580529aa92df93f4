package org.mxflow.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An XLSX in ZOO's Excel-template layout written by an independent writer (openpyxl, by
 * scripts/oracles/make_zoo_template_xlsx.py): sheet "Sheet", header on row 3, a pin range "1-2",
 * and formulas without cached values, so the numbers below exist only if the formulas are evaluated.
 */
class ZooTemplateXlsxTest {

    @Test
    void zooTemplateReadsWithFormulasEvaluatedAndPinRangeExpanded() throws Exception {
        Path file = Path.of(getClass().getResource("/sheets/zoo_template.xlsx").toURI());
        SampleSheet s = SampleSheets.read(file);

        assertThat(s.pins()).extracting(Pin::id).containsExactly("CPS1012-01", "CPS1012-02", "HEL0002-02", "SIN0003-03");
        assertThat(s.pins()).extracting(Pin::row).containsExactly(4, 4, 5, 6);
        Pin helical = s.pin("HEL0002-02").orElseThrow();
        assertThat(helical.mode()).isEqualTo(Mode.HELICAL);
        assertThat(helical.wavelengthA()).isCloseTo(12.3984 / 13.776, org.assertj.core.data.Offset.offset(1e-12)); // =12.3984/13.776
        assertThat(helical.totalOscDeg()).isEqualTo(360.0);        // =2*180
        assertThat(helical.oscWidthDeg()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12)); // =M5/3600
        assertThat(helical.expectedFrames()).isEqualTo(3600);
        assertThat(helical.anomalous()).isTrue();                  // HA = Yes
        assertThat(helical.resolutionA()).isEqualTo(1.8);
        Pin multi = s.pins().get(0);
        assertThat(multi.crystals()).isEqualTo(30);               // "# of crystals / Loop"
        assertThat(multi.expectedFrames()).isEqualTo(100);
        assertThat(s.pins().get(3).sampleName()).isEqualTo("complex 1");
        assertThat(SampleName.directoryName(s.pins().get(3).sampleName())).isEqualTo("complex_1");
    }
}
