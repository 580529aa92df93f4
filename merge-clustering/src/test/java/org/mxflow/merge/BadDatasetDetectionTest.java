package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** lpstats fences on error-model values like those the scaler fits (numbers from the demo's lysA cluster, run_02 XSCALE.LP). */
class BadDatasetDetectionTest {

    @Test
    void errorModelsAtTheCountingLimitAreNotOutliers() {
        // demo lysA run_02: a = 0.714/1.012/0.893/0.892, b = 4.678e-5/0/0/0 (ISa 173, 99.99 x3), relative B -6.9/0/-8.1/8.3
        double[] a = {0.714, 1.012, 0.893, 0.892}, b = {4.678e-5, 0, 0, 0}, relB = {-6.888, 0, -8.148, 8.332};
        assertThat(BadDatasetDetection.detect(a, b, relB)).isEmpty();
    }

    @Test
    void aWedgeWithISaFarBelowItsMatesIsStillFlagged() {
        // ISa 5 (a·b = 0.04) among wedges at ISa 25-40 (a·b 6e-4 - 1.6e-3)
        double[] a = {1.0, 1.1, 0.9, 1.0, 1.2}, b = {1.0e-3, 1.4e-3, 0.7e-3, 0.04, 1.1e-3}, relB = {0, 1, -1, 0.5, -0.5};
        assertThat(BadDatasetDetection.detect(a, b, relB)).containsOnlyKeys(3).containsEntry(3, "bad_em.ab");
    }
}
