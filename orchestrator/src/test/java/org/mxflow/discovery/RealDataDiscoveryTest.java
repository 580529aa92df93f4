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
}
