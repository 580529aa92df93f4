package org.mxflow.sheet;

import java.util.Optional;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SpaceGroup;

/**
 * A space group (and optionally a unit cell) the user already knows for a sample.
 *
 * @param symbol      the space group as the sheet writes it ("P 43 21 2", "P43212", "96")
 * @param spaceGroup  the group that symbol means ({@code SpaceGroups.bySymbol})
 * @param cell        the unit cell in Å and degrees, or null when only the space group is known;
 *                    when given it fits the group's lattice (checked when the sheet is read)
 */
public record KnownSymmetry(String symbol, SpaceGroup spaceGroup, UnitCell cell) {

    public KnownSymmetry {
        if (spaceGroup == null) {
            throw new IllegalArgumentException("a known symmetry needs a space group");
        }
    }

    public Optional<UnitCell> unitCell() {
        return Optional.ofNullable(cell);
    }
}
