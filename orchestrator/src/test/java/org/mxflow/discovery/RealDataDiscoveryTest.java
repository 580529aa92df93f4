package org.mxflow.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery over real frames: the 19 bzip2-wrapped PILATUS3 6M frames of the DLS thaumatin grid
 * scan (shared/data/real/thaumatin_grid, Angle_increment 0: stills), linked into a pin's data
 * directory. KAMO skips series whose width is 0; so must we, and say why.
 */
class RealDataDiscoveryTest {

    @TempDir
    Path tmp;

    @Test
    void gridScanStillsInADataDirectoryAreSkippedWithAReason() throws Exception {
        Path real = Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/thaumatin_grid");
        assumeTrue(Files.isDirectory(real), "real data not found at " + real);
        Path data = Files.createDirectories(tmp.resolve("root/THA0003-02/data00"));
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(real, "*.cbf.bz2")) {
            for (Path f : ds) {
                Files.createSymbolicLink(data.resolve(f.getFileName()), f.toAbsolutePath());   // raw data is never copied or touched
                n++;
            }
        }
        assertThat(n).isEqualTo(19);

        RawTree tree = TreeScanner.scan(tmp.resolve("root"));
        ImageSeries s = tree.pins().get(0).series().get(0);
        assertThat(s.template()).isEqualTo("thau_3_2_????.cbf.bz2");
        assertThat(s.prefix()).isEqualTo("thau_3_2");
        assertThat(s.frames()).hasSize(19).startsWith(1).endsWith(19);

        BeamtimeSurvey survey = new Discovery(new FileHeaders(), CompletenessRule.DEFAULT).survey(tree, null, Instant.now());
        assertThat(survey.datasets()).isEmpty();
        assertThat(survey.notes()).containsExactly(
                "THA0003-02/data00/thau_3_2_????.cbf.bz2: stills (oscillation width 0), not a rotation dataset; skipped");
        assertThat(survey.pins().get(0).comment()).isEqualTo("only still images (oscillation width 0) in data00");
    }

    /** The real DECTRIS EIGER 9M master (shared/data/real/single_frames) whose data file was not copied. */
    @Test
    void realEigerMasterWithoutItsDataFileIsWaitingForThatFile() throws Exception {
        Path master = Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/single_frames/dectris_eiger_master.h5");
        assumeTrue(Files.isRegularFile(master), "real data not found at " + master);
        Path data = Files.createDirectories(tmp.resolve("root/REA0001-01/data00"));
        Files.createSymbolicLink(data.resolve("dectris_eiger_master.h5"), master.toAbsolutePath());

        Instant now = Files.getLastModifiedTime(master).toInstant().plusSeconds(60);
        BeamtimeSurvey survey = new Discovery(new FileHeaders(), CompletenessRule.DEFAULT).survey(tmp.resolve("root"), null, now);
        assertThat(survey.datasets()).singleElement().satisfies(d -> {
            assertThat(d.template()).isEqualTo("dectris_eiger_??????.h5");
            assertThat(d.frames()).isEqualTo(new FrameRange(1, 1));          // nimages 1 x ntrigger 1 (h5py)
            assertThat(FrameRange.format(d.missing())).isEqualTo("1");
            assertThat(d.status()).isEqualTo(DatasetStatus.COLLECTING);     // a minute after the master: still waiting
            assertThat(d.note()).isEqualTo("data file dectris_eiger_data_000001.h5 not readable yet");
            assertThat(d.oscWidthDeg()).isEqualTo(0.5);                       // omega_range_average 0.5 (h5py)
            assertThat(d.header().wavelengthA()).isCloseTo(0.9801122, org.assertj.core.data.Offset.offset(1e-6));
        });
    }
}
