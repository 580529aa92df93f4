package org.mxflow.merge;

import org.mxflow.reflection.MillerIndex;

/**
 * One unmerged intensity observation, its index already mapped to the asymmetric unit of the
 * merging symmetry (so symmetry mates share a key).
 *
 * @param hkl       asymmetric-unit Miller index
 * @param intensity I (counts, any common scale)
 * @param sigma     σ(I); σ ≤ 0 marks an observation XDS rejected
 */
public record IntensityObservation(MillerIndex hkl, double intensity, double sigma) {}
