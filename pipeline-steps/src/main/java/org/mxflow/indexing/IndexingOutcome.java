package org.mxflow.indexing;

import java.util.List;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.IndexedObservation;

/** What indexing gave: a refined lattice, or a reason a beamline scientist can read. */
public sealed interface IndexingOutcome {

    /**
     * Success. {@code crystal} is the refined crystal in the conventional setting of
     * {@code chosen}; {@code experiment} the refined geometry; {@code lattices} all 44
     * character fits of {@code reduced} (XDS IDXREF's table); RMSDs from the refinement.
     */
    record Indexed(CrystalModel crystal, Experiment experiment, ReducedCell reduced, LatticeCharacterFit chosen,
                   List<LatticeCharacterFit> lattices, List<IndexedObservation> indexed, int spotsGiven,
                   double rmsdXPx, double rmsdYPx, double rmsdPhiDeg, String attempt) implements IndexingOutcome {

        public double indexedFraction() { return indexed.size() / (double) spotsGiven; }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "indexed %d of %d spots (%.0f%%) as %s %s; reduced cell %s; RMSD %.2f px, %.3f°; %s",
                    indexed.size(), spotsGiven, 100 * indexedFraction(), chosen.lattice(), crystal.unitCell().format(),
                    reduced.cell().format(), Math.hypot(rmsdXPx, rmsdYPx), rmsdPhiDeg, attempt);
        }
    }

    /** Failure, e.g. "indexing: 12 spots, need 20" or "indexing: only 43% of spots index". */
    record Failed(String reason) implements IndexingOutcome {}
}
