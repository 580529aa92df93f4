package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.image.CbfWriter;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;

/**
 * An EIGER master as a raster scan: the 6-image bslz4 fixture written by h5py
 * (scripts/oracles/make_eiger_fixture.py: Poisson background of mean 3+f and one bright pixel at
 * (20, 20) of 500 + 1000 f counts on image f). Hit finding on the master must score every image
 * exactly as on the same images written as CBF frames, the path checked against DIALS.
 */
class EigerRasterScanTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(EigerRasterScanTest.class.getResource("/eiger/" + name).toURI());
    }

    @Test
    void eigerMasterScoresLikeTheSameImagesAsCbf() throws Exception {
        Path master = tmp.resolve("scan").resolve("grid_master.h5");
        Files.createDirectories(master.getParent());
        // Copy master and data files, so that the default output goes beside them, not into resources.
        for (String n : new String[] {"bslz4_master.h5", "bslz4_data_000001.h5", "bslz4_data_000002.h5"}) {
            Files.copy(fixture(n), master.getParent().resolve(n));
        }
        master = master.getParent().resolve("bslz4_master.h5");
        RasterScan scan = RasterScan.open(master);
        assertThat(scan.frameNumbers()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(scan.eigerMaster()).isEqualTo(master);
        // The directory alone finds its only master too.
        assertThat(RasterScan.open(master.getParent()).frames()).hasSize(6);

        Path cbfDir = Files.createDirectories(tmp.resolve("cbf"));
        try (ImageSource src = ImageSources.open(master)) {
            for (int n = 1; n <= 6; n++) {
                Frame f = src.read(n);
                CbfWriter.write(cbfDir.resolve(String.format("grid_%05d.cbf", n)), f);
            }
        }
        SpotFinderSettings s = SpotFinderSettings.dialsDefaults();
        HitFinding.Result eiger = HitFinding.run(master, HitFinding.defaultOutDir(master), s, 2, 50, 1);
        HitFinding.Result cbf = HitFinding.run(cbfDir, tmp.resolve("cbf-out"), s, 2, 50, 1);
        assertThat(eiger.outDir()).isEqualTo(master.getParent().resolve("spotfinder"));
        assertThat(Files.exists(eiger.png())).isTrue();
        assertThat(eiger.scores()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            HitScore e = eiger.scores().get(i);
            HitScore c = cbf.scores().get(i);
            assertThat(e.strongPixels()).as("image %d", i + 1).isEqualTo(c.strongPixels());
            assertThat(e.spotCount()).as("image %d", i + 1).isEqualTo(c.spotCount());
            assertThat(e.totalIntensityCounts()).as("image %d", i + 1).isEqualTo(c.totalIntensityCounts());
        }
        // The bright pixel (20, 20) of image 6 (5500 counts on a mean of 8) is strong.
        assertThat(eiger.scores().get(5).strongPixels()).isGreaterThanOrEqualTo(1);
    }
}
