package org.mxflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.CompletenessRule;
import org.mxflow.discovery.Discovery;
import org.mxflow.discovery.FileHeaders;
import org.mxflow.discovery.FixtureTree;
import org.mxflow.sheet.SampleSheets;

/** The plan for the fixture tree of {@link FixtureTree}: KAMO's directory names in both trees, merge groups. */
class PlannerTest {

    @TempDir
    static Path tmp;
    static ProcessingPlan plan;

    @BeforeAll
    static void planFixtureTree() throws Exception {
        Path root = tmp.resolve("200928_BL45XU_yamada");
        var sheet = SampleSheets.read(FixtureTree.build(root, tmp.resolve("sheets")));
        BeamtimeSurvey s = new Discovery(new FileHeaders(), CompletenessRule.DEFAULT)
                .survey(root, sheet, FixtureTree.WRITTEN.plus(Duration.ofMinutes(5)));
        plan = Planner.spring8().plan(s);
    }

    private static List<String> dirs(ProcessingTree tree, String pin) {
        return plan.units().stream().filter(u -> u.tree() == tree && u.dataset().pinId().equals(pin))
                .map(u -> u.workDirectory().toString().replace('\\', '/')).toList();
    }

    @Test
    void multiCrystalsGetOneDirectoryEachAndPassThroughTheThirtyDegreeTree() {
        assertThat(dirs(ProcessingTree.KAMOPROC, "MUL0001-01")).containsExactly(
                "_kamoproc/MUL0001-01/data00/MUL0001-01-multi_001_1-100",
                "_kamoproc/MUL0001-01/data00/MUL0001-01-multi_002_1-100");
        assertThat(dirs(ProcessingTree.KAMO_30DEG, "MUL0001-01")).containsExactly(
                "_kamo_30deg/MUL0001-01/data00/MUL0001-01-multi_001_1-100",
                "_kamo_30deg/MUL0001-01/data00/MUL0001-01-multi_002_1-100");
    }

    @Test
    void helicalSweepIsWholeInKamoprocAndCutIntoThirtyDegreeWedges() {
        assertThat(dirs(ProcessingTree.KAMOPROC, "HEL0002-02")).containsExactly("_kamoproc/HEL0002-02/data00/cry00_1-180");
        // 0.25°/frame: n = round(30/0.25) = 120 frames; 180 frames = 120 + a 15° remainder
        assertThat(dirs(ProcessingTree.KAMO_30DEG, "HEL0002-02")).containsExactly(
                "_kamo_30deg/HEL0002-02/data00/cry00_1-120",
                "_kamo_30deg/HEL0002-02/data00/cry00_121-180");
    }

    @Test
    void eigerTriggersBecomeConsecutiveRangesOfOnePrefix() {
        assertThat(dirs(ProcessingTree.KAMOPROC, "EIG0004-01")).containsExactly(
                "_kamoproc/EIG0004-01/data00/EIG0004-01-multi_1-10",
                "_kamoproc/EIG0004-01/data00/EIG0004-01-multi_11-20");
    }

    @Test
    void incompleteDatasetIsPlannedOverItsExpectedRange() {
        assertThat(dirs(ProcessingTree.KAMOPROC, "SIN0003-03")).containsExactly(
                "_kamoproc/SIN0003-03/data00/SIN0003-03-single_001_1-180");
        assertThat(dirs(ProcessingTree.KAMO_30DEG, "SIN0003-03")).containsExactly(
                "_kamo_30deg/SIN0003-03/data00/SIN0003-03-single_001_1-120",
                "_kamo_30deg/SIN0003-03/data00/SIN0003-03-single_001_121-180");
    }

    @Test
    void twoPinsSharingASampleNameAreMergedTogetherInBothTreesWithBothClusterings() {
        List<MergeGroup> lys = plan.merges().stream().filter(m -> m.sampleName().equals("Lys_multi")).toList();
        assertThat(lys).hasSize(4);
        // fabio fixture geometry: 64 px x 0.172 mm, beam (31.5, 32.5) px, 200 mm, 1.0 Å -> 30.59 Å (Python, §4.7 formula)
        assertThat(lys.get(0).dStartA()).isCloseTo(30.592810078575297, within(1e-9));
        assertThat(lys).extracting(m -> m.directory().toString().replace('\\', '/')).containsExactly(
                "_kamoproc/merge_blend_30.6S_Lys_multi", "_kamoproc/merge_cc_30.6S_Lys_multi",
                "_kamo_30deg/merge_blend_30.6S_Lys_multi", "_kamo_30deg/merge_cc_30.6S_Lys_multi");
        assertThat(lys.get(0).units()).extracting(u -> u.dataset().pinId())
                .containsExactly("MUL0001-01", "MUL0001-01", "MUL0001-02");
    }

    @Test
    void dataWithoutASheetRowIsProcessedButNotMerged() {
        assertThat(dirs(ProcessingTree.KAMOPROC, "XTR0007-01")).containsExactly("_kamoproc/XTR0007-01/data00/cry00_1-30");
        assertThat(plan.merges()).noneMatch(m -> m.units().stream().anyMatch(u -> u.dataset().pinId().equals("XTR0007-01")));
        assertThat(plan.merges()).extracting(MergeGroup::sampleName).doesNotContain("nodata", "");
        assertThat(plan.problems()).isEmpty();
    }
}
