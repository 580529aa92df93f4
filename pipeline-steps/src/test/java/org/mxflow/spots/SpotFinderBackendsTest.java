package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The backend choice. On a machine without an NVIDIA driver (CI, this project's build machines)
 * auto must fall back to the CPU and say why, and a forced cuda must fail with one clear
 * message, not a crash. On a machine with a GPU, auto must pick CUDA and CUDA must give the CPU's
 * exact strong pixels on a simulated frame.
 */
class SpotFinderBackendsTest {

    private final SpotFinderSettings settings = SpotFinderSettings.dialsDefaults();

    private static boolean cudaWorks(SpotFinderBackends.Selection s) {
        return s.backend() instanceof CudaDispersionThreshold;
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhyOrUsesAWorkingGpu() throws Exception {
        SpotFinderBackends.Selection s = SpotFinderBackends.choose(SpotFinderBackends.Choice.AUTO, settings);
        if (cudaWorks(s)) {
            try (CudaDispersionThreshold gpu = (CudaDispersionThreshold) s.backend()) {
                assertThat(s.reason()).contains("CUDA device");
                int w = 517;
                int h = 263;
                java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
                double[] expected = SyntheticFrames.expected(w, h, 2.0, SyntheticFrames.gridOfSpots(w, h, 24, 30, 3000, 1.1, rng), 1.0);
                int[] px = SyntheticFrames.expectedToCounts(expected, rng);
                px[7] = -1;   // an untrusted pixel near the edge
                assertThat(gpu.strongPixels(px, w, h, 1 << 20))
                        .isEqualTo(new DispersionThreshold(settings).strongPixels(px, w, h, 1 << 20));
            }
        } else {
            assertThat(s.backend()).isInstanceOf(DispersionThreshold.class);
            assertThat(s.backend().name()).isEqualTo("cpu");
            // The reason names what is missing: without a driver, jcuda cannot load libcuda.so.1.
            assertThat(s.reason()).startsWith("no usable CUDA device: ").containsAnyOf("libcuda", "CUDA", "jcuda")
                    .doesNotContain("\n");   // one log line, not jcuda's nested stack traces
        }
    }

    @Test
    void forcedCudaWithoutAGpuIsOneClearError() {
        SpotFinderBackends.Selection auto = SpotFinderBackends.choose(SpotFinderBackends.Choice.AUTO, settings);
        if (auto.backend() instanceof CudaDispersionThreshold gpu) {
            gpu.close();
            return;   // a GPU is here: nothing to refuse (the test above checks it instead)
        }
        // Twice: jcuda's driver class fails its initialiser once, then NoClassDefFoundError.
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> SpotFinderBackends.choose(SpotFinderBackends.Choice.CUDA, settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("spot finding backend cuda was asked for but cannot be used: ")
                    .hasMessageEndingWith("; use --backend cpu or auto")
                    .hasMessageContaining(auto.reason().substring("no usable CUDA device: ".length()));
        }
    }

    @Test
    void cpuIsCpuAndUnknownNamesAreRefused() {
        assertThat(SpotFinderBackends.choose(SpotFinderBackends.Choice.parse("CPU"), settings).backend().name()).isEqualTo("cpu");
        assertThat(SpotFinderBackends.Choice.parse(" auto ")).isEqualTo(SpotFinderBackends.Choice.AUTO);
        assertThatThrownBy(() -> SpotFinderBackends.Choice.parse("gpu"))
                .hasMessage("unknown spot-finding backend 'gpu'; use cpu, cuda or auto");
    }
}
