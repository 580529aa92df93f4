package org.mxflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.DatasetStatus;
import org.mxflow.discovery.FrameRange;
import org.mxflow.discovery.ImageFormat;
import org.mxflow.discovery.PinReport;
import org.mxflow.sheet.Mode;
import org.mxflow.sheet.Pin;

/** Planner rules on hand-made surveys: names that must not become directories, unknown widths. */
class PlannerRulesTest {

    static Dataset dataset(String pin, String prefix, int last, double width) {
        FrameRange r = new FrameRange(1, last);
        return new Dataset(pin, pin + "/data00", Path.of("/raw", pin, "data00"), prefix, ImageFormat.CBF, prefix + "_?????.cbf",
                r, List.of(r), List.of(), Mode.SINGLE, width, null, DatasetStatus.COMPLETE, "");
    }

    static PinReport pin(String id, String sample, Dataset... ds) {
        String[] p = id.split("-");
        Pin row = new Pin(p[0], p[1], sample, Mode.SINGLE, 1.0, 360, 0.1, 0.02, 1, 2.0, null, false, null, 2);
        return new PinReport(id, row, null, List.of(ds), "");
    }

    static ProcessingPlan plan(PinReport... pins) {
        return Planner.spring8().plan(new BeamtimeSurvey(Path.of("/raw"), null, List.of(pins), List.of()));
    }

    @Test
    void twoSampleNamesMappingToOneDirectoryAreReportedAndOnlyTheFirstIsMerged() {
        ProcessingPlan p = plan(pin("AAA0001-01", "Lys A", dataset("AAA0001-01", "single_001", 3600, 0.1)),
                pin("AAA0001-02", "Lys_A", dataset("AAA0001-02", "single_001", 3600, 0.1)));
        assertThat(p.problems()).containsExactly(
                "samples 'Lys A' and 'Lys_A' both become merge directory name 'Lys_A'; 'Lys_A' is not merged");
        assertThat(p.merges()).extracting(MergeGroup::sampleName).containsOnly("Lys A");
        // no header: from the sheet's 1.0 Å and 2.0 Å on a square centred detector, 1.723 Å (Python)
        assertThat(p.merges().get(0).dStartA()).isCloseTo(1.7230491340292844, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.merges().get(0).directory()).isEqualTo(Path.of("_kamoproc/merge_blend_1.7S_Lys_A"));
    }

    @Test
    void filePrefixWithShellCharactersIsNotProcessed() {
        ProcessingPlan p = plan(pin("AAA0001-01", "lys", dataset("AAA0001-01", "x;rm -rf ~", 100, 0.1),
                dataset("AAA0001-01", "cry00", 100, 0.1)));
        assertThat(p.units()).extracting(u -> u.workDirectory().getFileName().toString()).containsExactly("cry00_1-100", "cry00_1-100");
        assertThat(p.problems()).singleElement().asString().contains("prefix 'x;rm -rf ~'").endsWith("not processed");
    }

    @Test
    void sweepWithUnknownWidthIsOneUnitInBothTrees() {
        ProcessingPlan p = plan(pin("AAA0001-01", "lys", dataset("AAA0001-01", "cry00", 3600, Double.NaN)));
        assertThat(p.units()).extracting(u -> u.workDirectory().toString().replace('\\', '/')).containsExactly(
                "_kamoproc/AAA0001-01/data00/cry00_1-3600", "_kamo_30deg/AAA0001-01/data00/cry00_1-3600");
    }
}
