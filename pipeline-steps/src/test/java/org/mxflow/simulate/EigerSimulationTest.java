package org.mxflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;

/**
 * The tiny beamtime written as EIGER HDF5 holds the very frames the miniCBF run of the same seed
 * writes: both read back through {@link ImageSources#open}, pixel for pixel, with the same
 * geometry and rotation angles.
 */
class EigerSimulationTest {

    @TempDir
    Path out;

    @Test
    void eigerAndCbfOutputOfOneSeedReadBackToTheSamePixels() throws IOException {
        SimulationPreset tiny = BeamtimeSimulatorTest.tiny();
        LocalDate day = LocalDate.of(2026, 11, 21);
        BeamtimeSimulator.Result cbf = new BeamtimeSimulator(tiny, 42).run(out.resolve("cbf"), "test", day);
        BeamtimeSimulator.Result h5 = new BeamtimeSimulator(tiny.withFormat(FrameFormat.EIGER), 42)
                .run(out.resolve("eiger"), "test", day);
        assertThat(h5.datasets()).hasSameSizeAs(cbf.datasets()).hasSize(3);
        int compared = 0;
        for (int k = 0; k < cbf.datasets().size(); k++) {
            BeamtimeSimulator.DatasetTruth c = cbf.datasets().get(k);
            BeamtimeSimulator.DatasetTruth e = h5.datasets().get(k);
            assertThat(e.template()).endsWith("_master.h5").startsWith(c.template().replace("_?????.cbf", ""));
            Path master = h5.rawRoot().resolve(e.template());
            assertThat(master.resolveSibling(e.template().replaceAll(".*/", "").replace("_master", "_data_000001")))
                    .isRegularFile();
            Path firstCbf = cbf.rawRoot().resolve(c.template().replace("?????", "00001"));
            try (ImageSource eiger = ImageSources.open(master); ImageSource series = ImageSources.open(firstCbf)) {
                assertThat(eiger.firstFrame()).isEqualTo(1);
                assertThat(eiger.lastFrame()).isEqualTo(c.lastFrame()).isEqualTo(series.lastFrame());
                for (int f = c.firstFrame(); f <= c.lastFrame(); f++) {
                    Frame a = series.read(f);
                    Frame b = eiger.read(f);
                    assertThat(differingPixels(a.pixels(), b.pixels())).as("%s frame %d", e.template(), f).isZero();
                    assertThat(b.header().oscStartDeg()).isEqualTo(a.header().oscStartDeg());
                    assertThat(b.header().distanceMm()).isEqualTo(a.header().distanceMm());
                    assertThat(b.header().wavelengthA()).isEqualTo(a.header().wavelengthA());
                    assertThat(b.header().beamXPx()).isEqualTo(a.header().beamXPx());
                    assertThat(b.header().countCutoff()).isEqualTo(a.header().countCutoff());
                    compared++;
                }
            }
        }
        // 2 multi crystals x 4 frames + 1 single x 4 frames (2° at 0.5°/frame)
        assertThat(compared).isEqualTo(12);
        assertThat(h5.framesWritten()).isEqualTo(cbf.framesWritten());
    }

    private static int differingPixels(int[] a, int[] b) {
        assertThat(b).hasSameSizeAs(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }
}
