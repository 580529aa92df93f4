package org.mxflow.scale;

import java.util.List;
import org.mxflow.reflection.Observation;

/**
 * One dataset (wedge) to scale: a name for logs and tables (usually its file path) and its
 * observations as XDS_ASCII.HKL carries them, indices in the merging space group's setting.
 *
 * @param name         label of the dataset (XSCALE's INPUT_FILE)
 * @param observations unmerged observations; σ ≤ 0 marks ones XDS already rejected
 */
public record ScalingDataset(String name, List<Observation> observations) {

    public ScalingDataset {
        observations = List.copyOf(observations);
    }
}
