package org.mxflow.engine.nativeengine;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.indexing.Indexer;
import org.mxflow.indexing.IndexingOutcome;
import org.mxflow.indexing.KnownSymmetry;
import org.mxflow.indexing.LatticeCharacterFit;
import org.mxflow.indexing.ObservedSpot;
import org.mxflow.indexing.ReducedCell;

/**
 * KAMO's default use of a prior cell (kamo-conventions §3.3 steps 4–6, §3.4 item 3):
 * {@code known.method=not_use_first} indexes without the prior first; when that fails, or the
 * indexed cell has no reindexing relation to the prior (relative length 0.05, angle 5°), it
 * indexes again with the prior; {@code cell_prior.check} then fails a cell that is still
 * unrelated as "Incompatible cell", naming both cells.
 *
 * <p>A reindexing relation is one of the 44 lattice characters of the reduced cell that gives the
 * prior's Bravais lattice with a conventional cell within the tolerances of the prior cell. Only
 * the cells are compared (as KAMO compares them), so a 10° wedge whose metric is too rough for the
 * lattice-character penalty still relates to its sheet cell.
 */
final class PriorCell {

    static final double RELATIVE_LENGTH = 0.05;
    static final double ANGLE_DEG = 5;
    /** Indexing that explains fewer spots than this fails later anyway (NativeEngine's own check). */
    static final double MIN_INDEXED_FRACTION = 0.6;

    /** What indexing with a prior gave. */
    sealed interface Outcome permits Use, Failed {}

    /**
     * @param indexing   the indexing to continue with
     * @param withPrior  true when the prior had to be imposed (the indexer's chosen lattice is then the prior's)
     * @param note       a line for CORRECT.LP, or "" when the free indexing already related to the prior
     */
    record Use(IndexingOutcome.Indexed indexing, boolean withPrior, String note) implements Outcome {}

    /** @param reason for the scientist, e.g. "Incompatible cell: indexed …, sample sheet …" */
    record Failed(String reason) implements Outcome {}

    private PriorCell() {
    }

    /** The lattice character of {@code fits} relating the reduced cell to the prior, the lowest penalty first. */
    static Optional<LatticeCharacterFit> related(List<LatticeCharacterFit> fits, KnownSymmetry prior) {
        return fits.stream()
                .filter(f -> f.lattice() == prior.lattice())
                .filter(f -> prior.matches(f.conventionalCell(), RELATIVE_LENGTH, ANGLE_DEG))
                .min(Comparator.comparingDouble(LatticeCharacterFit::penalty));
    }

    /**
     * Indexes without the prior, then with it when needed.
     *
     * @return the indexing to continue with, or a failure whose reason a scientist can read
     */
    static Outcome index(Indexer indexer, List<ObservedSpot> spots, Experiment exp, KnownSymmetry prior) {
        IndexingOutcome free = indexer.index(spots, exp, Optional.empty());
        if (free instanceof IndexingOutcome.Indexed ix && ix.indexedFraction() >= MIN_INDEXED_FRACTION
                && related(LatticeCharacterFit.all(ReducedCell.of(primitiveAtHeaderDistance(ix, exp))), prior).isPresent()) {
            return new Use(ix, false, "");
        }
        IndexingOutcome imposed;
        try {
            imposed = indexer.index(spots, exp, Optional.of(prior));
        } catch (ArithmeticException e) {
            // the basis search can collapse onto a degenerate basis when the prior explains no lattice in the spots
            imposed = new IndexingOutcome.Failed("indexing: no lattice with the prior (degenerate basis: " + e.getMessage() + ")");
        }
        if (imposed instanceof IndexingOutcome.Indexed ix) {
            String why = free instanceof IndexingOutcome.Indexed f ? "indexed cell " + describe(f, exp) + " not related to it"
                    : "indexing without it failed";
            return new Use(ix, true, "INDEXED WITH THE SAMPLE SHEET'S CELL " + prior.cell().format() + " " + prior.lattice()
                    + " (" + why + ")");
        }
        String imposedReason = ((IndexingOutcome.Failed) imposed).reason();
        if (free instanceof IndexingOutcome.Indexed f) {
            return new Failed(String.format(Locale.ROOT,
                    "Incompatible cell: indexed %s, sample sheet %s %s (no reindexing relation within %.0f%% and %.0f°; "
                            + "with the sheet's cell imposed: %s)", describe(f, exp), prior.cell().format(), prior.lattice(),
                    100 * RELATIVE_LENGTH, ANGLE_DEG, imposedReason));
        }
        String freeReason = ((IndexingOutcome.Failed) free).reason();
        if (imposedReason.contains("does not match the given")) {
            return new Failed("Incompatible cell: " + imposedReason + " (without the prior: " + freeReason + ")");
        }
        return new Failed(freeReason + "; with the sample sheet's cell " + prior.cell().format() + " "
                + prior.lattice() + ": " + imposedReason);
    }

    /**
     * The indexer's crystal as a primitive basis, scaled to the header's detector distance as
     * NativeEngine refines it: the indexer refines the distance with the cell, and on a 10° wedge
     * trades several per cent of one for the other (a 37.9 Å edge indexed as 40.1 Å), which the
     * 5 % test must not see.
     */
    static CrystalModel primitiveAtHeaderDistance(IndexingOutcome.Indexed ix, Experiment header) {
        CrystalModel scaled = new CrystalModel(ix.crystal().a().times(ix.experiment().detector().distanceMm() / header.detector().distanceMm()));
        boolean centred = !ix.chosen().lattice().name().endsWith("P");
        return centred ? scaled.transformed(ix.chosen().transformation().inverse()) : scaled;
    }

    private static String describe(IndexingOutcome.Indexed ix, Experiment header) {
        ReducedCell r = ReducedCell.of(primitiveAtHeaderDistance(ix, header));
        LatticeCharacterFit best = LatticeCharacterFit.choose(LatticeCharacterFit.all(r), 1.5);
        return r.crystal().transformed(best.transformation()).unitCell().format() + " " + best.lattice();
    }
}
