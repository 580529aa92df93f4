package org.mxflow.sheet;

import java.util.Optional;
import org.mxflow.cell.UnitCell;

/**
 * A space group (and optionally a unit cell) the user already knows for a sample.
 *
 * <p>The space group is kept as the text the sheet gives (a symbol such as "P 43 21 2" or
 * "P212121", or a number 1-230) after a syntax check; resolving it to operators is the job of
 * {@code org.mxflow.symmetry.SpaceGroups.bySymbol} once the symmetry module is merged.
 *
 * @param spaceGroup the space-group symbol or number, as written in the sheet
 * @param cell       the unit cell in Å and degrees, or null when only the space group is known
 */
public record KnownSymmetry(String spaceGroup, UnitCell cell) {

    public KnownSymmetry {
        if (spaceGroup == null || spaceGroup.isBlank()) {
            throw new IllegalArgumentException("a known symmetry needs a space group");
        }
    }

    public Optional<UnitCell> unitCell() {
        return Optional.ofNullable(cell);
    }
}
