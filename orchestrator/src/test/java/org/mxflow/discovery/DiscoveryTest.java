package org.mxflow.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.sheet.Mode;
import org.mxflow.sheet.SampleSheet;
import org.mxflow.sheet.SampleSheets;

/** Discovery over the fixture tree of {@link FixtureTree} (real fabio CBF and h5py EIGER files). */
class DiscoveryTest {

    /** One tree for the tests that only read it; tests that change files build their own in {@link #own}. */
    @TempDir
    static Path shared;
    static Path sharedRoot;
    static SampleSheet sharedSheet;
    @TempDir
    Path own;
    Path root;
    SampleSheet sheet;
    final Discovery discovery = new Discovery(new FileHeaders(), CompletenessRule.DEFAULT);
    /** Five minutes after the files were written: past the 10 s settle time, before the 30 min stall timeout. */
    final Instant settled = FixtureTree.WRITTEN.plus(Duration.ofMinutes(5));

    @BeforeAll
    static void buildShared() throws Exception {
        sharedRoot = shared.resolve("200928_BL45XU_yamada");
        sharedSheet = SampleSheets.read(FixtureTree.build(sharedRoot, shared.resolve("sheets")));
    }

    @BeforeEach
    void useShared() {
        root = sharedRoot;
        sheet = sharedSheet;
    }

    /** A private copy of the tree for a test that modifies files. */
    private void buildOwn() throws Exception {
        root = own.resolve("200928_BL45XU_yamada");
        sheet = SampleSheets.read(FixtureTree.build(root, own.resolve("sheets")));
    }

    private Map<String, PinReport> pins(BeamtimeSurvey s) {
        return s.pins().stream().collect(Collectors.toMap(PinReport::id, Function.identity()));
    }

    @Test
    void everyPinOfSheetAndTreeIsReportedWithItsDatasetsOrTheReasonForNone() throws Exception {
        BeamtimeSurvey s = discovery.survey(root, sheet, settled);

        assertThat(s.pins()).extracting(PinReport::id).containsExactly("MUL0001-01", "MUL0001-02", "HEL0002-02", "SIN0003-03",
                "EIG0004-01", "NOD0006-01", "NOD0006-02", "NOD0006-03", "XTR0007-01");
        Map<String, PinReport> p = pins(s);
        assertThat(p.get("NOD0006-01").comment()).isEqualTo("No crystals found in a raster scan");
        assertThat(p.get("NOD0006-02").comment()).isEqualTo("X-ray centering failed (5 edge-scan attempts)");
        assertThat(p.get("NOD0006-03").comment()).isEqualTo("no pin directory: not measured");
        assertThat(p.get("NOD0006-03").directory()).isNull();
        assertThat(p.get("XTR0007-01").sheetRow()).isNull();
        assertThat(p.get("XTR0007-01").comment()).isEqualTo("not in the sample sheet");
        assertThat(p.get("XTR0007-01").datasets()).singleElement().satisfies(d -> {
            assertThat(d.frames()).isEqualTo(new FrameRange(1, 30));       // no sheet: the range found
            assertThat(d.mode()).isEqualTo(Mode.HELICAL);                  // from the name cry00
        });
        assertThat(s.notes()).anyMatch(n -> n.contains("notes is not a <Puck>-<Pin> directory"));
        assertThat(s.notes()).noneMatch(n -> n.contains("_kamoproc"));
    }

    @Test
    void multiModeCbfGivesOneDatasetPerCrystalWithTheWidthFromTheHeader() throws Exception {
        PinReport multi = pins(discovery.survey(root, sheet, settled)).get("MUL0001-01");
        assertThat(multi.datasets()).extracting(Dataset::prefix).containsExactly("MUL0001-01-multi_001", "MUL0001-01-multi_002");
        Dataset d = multi.datasets().get(0);
        assertThat(d.template()).isEqualTo("MUL0001-01-multi_001_?????.cbf");
        assertThat(d.relativeDirectory()).isEqualTo("MUL0001-01/data00");
        assertThat(d.frames()).isEqualTo(new FrameRange(1, 100));      // 10° / 0.1° from the sheet
        assertThat(d.missing()).isEmpty();
        assertThat(d.status()).isEqualTo(DatasetStatus.COMPLETE);
        assertThat(d.mode()).isEqualTo(Mode.MULTI);
        assertThat(d.oscWidthDeg()).isEqualTo(0.1);                     // fabio header: Angle_increment 0.1000
        assertThat(d.header().wavelengthA()).isEqualTo(1.0);
        assertThat(d.header().distanceMm()).isCloseTo(200.0, within(1e-9));
        assertThat(d.header().width()).isEqualTo(64);
        assertThat(d.header().beamXPx()).isEqualTo(31.5);
        assertThat(multi.directory().loopImages()).containsExactly("before.ppm", "raster.jpg");
        assertThat(multi.directory().scans()).extracting(RasterScan::relativeDirectory).containsExactly("scan00/2d");
    }

    @Test
    void helicalScansWithRetriesAreFoundAndTheSweepIsComplete() throws Exception {
        PinReport hel = pins(discovery.survey(root, sheet, settled)).get("HEL0002-02");
        assertThat(hel.directory().scans()).extracting(RasterScan::kind, RasterScan::crystal, RasterScan::attempt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RasterScan.Kind.GRID_2D, -1, -1),
                org.assertj.core.groups.Tuple.tuple(RasterScan.Kind.LEFT_EDGE, 0, 0),
                org.assertj.core.groups.Tuple.tuple(RasterScan.Kind.RIGHT_EDGE, 0, 0),
                org.assertj.core.groups.Tuple.tuple(RasterScan.Kind.RIGHT_EDGE, 0, 1));
        Dataset d = hel.datasets().get(0);
        assertThat(d.prefix()).isEqualTo("cry00");
        assertThat(d.frames()).isEqualTo(new FrameRange(1, 180));      // 45° / 0.25°
        assertThat(d.oscWidthDeg()).isEqualTo(0.25);
        assertThat(d.status()).isEqualTo(DatasetStatus.COMPLETE);
        assertThat(d.mode()).isEqualTo(Mode.HELICAL);
    }

    @Test
    void incompleteDatasetListsItsMissingFramesAndStallsAfterTheTimeout() throws Exception {
        Dataset d = pins(discovery.survey(root, sheet, settled)).get("SIN0003-03").datasets().get(0);
        assertThat(d.frames()).isEqualTo(new FrameRange(1, 180));
        assertThat(FrameRange.format(d.present())).isEqualTo("1-100,103-150");
        assertThat(FrameRange.format(d.missing())).isEqualTo("101-102,151-180");
        assertThat(d.presentCount()).isEqualTo(148);
        assertThat(d.status()).isEqualTo(DatasetStatus.COLLECTING);      // 5 min quiet < 30 min
        Dataset later = pins(discovery.survey(root, sheet, FixtureTree.WRITTEN.plus(Duration.ofMinutes(31))))
                .get("SIN0003-03").datasets().get(0);
        assertThat(later.status()).isEqualTo(DatasetStatus.STALLED);
    }

    @Test
    void datasetWithAllFramesButAGrowingLastFileIsStillCollecting() throws Exception {
        buildOwn();
        Path last = root.resolve("HEL0002-02/data00/cry00_00180.cbf");
        Files.setLastModifiedTime(last, FileTime.from(settled.minusSeconds(3)));
        Dataset d = pins(discovery.survey(root, sheet, settled)).get("HEL0002-02").datasets().get(0);
        assertThat(d.missing()).isEmpty();
        assertThat(d.status()).isEqualTo(DatasetStatus.COLLECTING);    // written 3 s ago < 10 s settle
        Dataset later = pins(discovery.survey(root, sheet, settled.plusSeconds(8))).get("HEL0002-02").datasets().get(0);
        assertThat(later.status()).isEqualTo(DatasetStatus.COMPLETE);
    }

    @Test
    void eigerMultiMasterGivesOneDatasetPerTriggerFromImageNumbersOfResolvingLinks() throws Exception {
        List<Dataset> ds = pins(discovery.survey(root, sheet, settled)).get("EIG0004-01").datasets();
        assertThat(ds).extracting(Dataset::frames).containsExactly(new FrameRange(1, 10), new FrameRange(11, 20));
        assertThat(ds).extracting(Dataset::status).containsOnly(DatasetStatus.COMPLETE);
        Dataset d = ds.get(0);
        assertThat(d.template()).isEqualTo("EIG0004-01-multi_??????.h5");
        assertThat(d.prefix()).isEqualTo("EIG0004-01-multi");
        assertThat(d.oscWidthDeg()).isEqualTo(1.0);                      // h5py: omega_range_average 1.0
        assertThat(d.header().distanceMm()).isCloseTo(150.0, within(1e-4)); // 0.15 m as float32
        assertThat(d.header().frameCount()).isEqualTo(20);
    }

    @Test
    void eigerWithASecondDataFileNotYetCopiedHasItsFirstCrystalReady() throws Exception {
        buildOwn();
        Files.delete(root.resolve("EIG0004-01/data00/EIG0004-01-multi_data_000002.h5"));
        List<Dataset> ds = pins(discovery.survey(root, sheet, settled)).get("EIG0004-01").datasets();
        assertThat(ds.get(0).status()).isEqualTo(DatasetStatus.COMPLETE);
        assertThat(ds.get(1).status()).isEqualTo(DatasetStatus.COLLECTING);
        assertThat(FrameRange.format(ds.get(1).missing())).isEqualTo("11-20");
        assertThat(ds.get(1).note()).contains("EIG0004-01-multi_data_000002.h5");
    }

    @Test
    void withoutASheetEveryPinComesFromTheTree() throws Exception {
        BeamtimeSurvey s = discovery.survey(root, null, settled);
        assertThat(s.pins()).extracting(PinReport::id).doesNotContain("NOD0006-03").contains("XTR0007-01");
        Dataset single = pins(s).get("SIN0003-03").datasets().get(0);
        assertThat(single.frames()).isEqualTo(new FrameRange(1, 150));  // range found; only the gap is missing
        assertThat(FrameRange.format(single.missing())).isEqualTo("101-102");
        assertThat(pins(s).get("XTR0007-01").comment()).isEmpty();
    }

    @Test
    void unreadableHeaderIsANoteNotAFailure() throws Exception {
        buildOwn();
        Files.writeString(root.resolve("HEL0002-02/data00/cry00_00001.cbf"), "");
        Dataset d = pins(discovery.survey(root, sheet, settled)).get("HEL0002-02").datasets().get(0);
        assertThat(d.note()).startsWith("header unreadable:").contains("cry00_00001.cbf");
        assertThat(d.oscWidthDeg()).isEqualTo(0.25);                     // from the sheet instead
        assertThat(d.frames()).isEqualTo(new FrameRange(1, 180));
    }

    @Test
    void framesCompressedAfterCollectionStillBelongToTheirSeries() throws Exception {
        buildOwn();
        Path data = root.resolve("HEL0002-02/data00");
        for (int f = 1; f <= 60; f++) {   // a compression job has done the first 60 frames (and removed the originals)
            Path plain = data.resolve(String.format("cry00_%05d.cbf", f));
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(data.resolve(plain.getFileName() + ".gz")))) {
                Files.copy(plain, out);
            }
            if (f > 1) {
                Files.delete(plain);     // frame 1 exists both ways: counted once
            }
        }
        List<Dataset> ds = pins(discovery.survey(root, sheet, settled)).get("HEL0002-02").datasets();
        assertThat(ds).singleElement().satisfies(d -> {
            assertThat(d.template()).isEqualTo("cry00_?????.cbf");          // KAMO's plain template for a mixed series
            assertThat(d.present()).containsExactly(new FrameRange(1, 180));
            assertThat(d.oscWidthDeg()).isEqualTo(0.25);                   // header read from the plain cry00_00001.cbf
            assertThat(d.status()).isEqualTo(DatasetStatus.COMPLETE);
        });
    }
}
