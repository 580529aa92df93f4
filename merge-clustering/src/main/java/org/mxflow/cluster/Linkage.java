package org.mxflow.cluster;

/**
 * How the distance from a cluster k to a newly merged cluster i∪j is computed (Lance–Williams).
 * All of these are "reducible", which the nearest-neighbour-chain algorithm needs.
 */
public enum Linkage {
    /**
     * R's {@code hclust(method = "ward.D")} on the distances as given (BLEND feeds it unsquared
     * Euclidean distances): {@code d(k,i∪j) = [(n_i+n_k)d_ki + (n_j+n_k)d_kj − n_k d_ij]/(n_i+n_j+n_k)}.
     */
    WARD_D,
    /**
     * True Ward: R's {@code ward.D2}, equal to SciPy's {@code linkage(method="ward")} (KAMO's CC
     * clustering); the ward.D update applied to squared distances, heights reported unsquared.
     */
    WARD_D2,
    /** Nearest member. */
    SINGLE,
    /** Farthest member. */
    COMPLETE,
    /** Unweighted mean of all member pairs (UPGMA). */
    AVERAGE;

    /** Value stored internally for an input distance (squared for true Ward). */
    double toInternal(double d) {
        return this == WARD_D2 ? d * d : d;
    }

    /** Height reported for an internal merge value. */
    double toHeight(double v) {
        return this == WARD_D2 ? Math.sqrt(Math.max(0, v)) : v;
    }

    /** Internal distance from k to i∪j given the internal distances and cluster sizes. */
    double update(double dki, double dkj, double dij, int ni, int nj, int nk) {
        return switch (this) {
            case WARD_D, WARD_D2 -> ((ni + nk) * dki + (nj + nk) * dkj - nk * dij) / (double) (ni + nj + nk);
            case SINGLE -> Math.min(dki, dkj);
            case COMPLETE -> Math.max(dki, dkj);
            case AVERAGE -> (ni * dki + nj * dkj) / (double) (ni + nj);
        };
    }
}
