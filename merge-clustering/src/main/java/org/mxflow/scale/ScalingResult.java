package org.mxflow.scale;

import java.util.List;

/**
 * Result of scaling a set of datasets together.
 *
 * @param reference    0-based number of the reference dataset (K = 1, B = 0)
 * @param scales       per-dataset correction, input order
 * @param observations every observation of every dataset (input order), corrected
 * @param cycles       refinement cycles run
 */
public record ScalingResult(int reference, List<DatasetScale> scales, List<ScaledObservation> observations, int cycles) {

    public ScalingResult {
        scales = List.copyOf(scales);
        observations = List.copyOf(observations);
    }
}
