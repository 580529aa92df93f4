package org.mxflow.cluster;

import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * BLEND's linear cell variation of a group of cells (Foadi et al. 2013, Acta D69, 1617), from
 * the three face diagonals {@code D_ab = sqrt(a² + b² − 2ab·cos(180° − γ))}, D_bc, D_ca
 * (kamo-conventions 4.8.2). The diagonal type with the largest absolute spread decides both
 * numbers, so LCV is the relative spread of that pair, not the largest relative spread.
 *
 * @param lcvPercent 100·|D_i − D_j| / min(D_i, D_j) for that pair (%)
 * @param aLcvA      |D_i − D_j| (Å)
 */
public record LinearCellVariation(double lcvPercent, double aLcvA) {

    /** LCV and aLCV of the cells; 0/0 for a single cell. */
    public static LinearCellVariation of(List<UnitCell> cells) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("LCV needs at least one cell");
        }
        double bestSpread = -1, bestLcv = 0;
        for (int type = 0; type < 3; type++) {
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
            for (UnitCell c : cells) {
                double d = faceDiagonal(c, type);
                max = Math.max(max, d);
                min = Math.min(min, d);
            }
            double spread = max - min;
            // Strictly larger: the first diagonal type wins ties, as the first pair found does in BLEND.
            if (spread > bestSpread) {
                bestSpread = spread;
                bestLcv = 100 * spread / min;
            }
        }
        return new LinearCellVariation(bestLcv, bestSpread);
    }

    /** Face diagonal (Å): type 0 = ab (angle γ), 1 = bc (α), 2 = ca (β). */
    static double faceDiagonal(UnitCell c, int type) {
        double x, y, angleDeg;
        switch (type) {
            case 0 -> { x = c.a(); y = c.b(); angleDeg = c.gamma(); }
            case 1 -> { x = c.b(); y = c.c(); angleDeg = c.alpha(); }
            default -> { x = c.c(); y = c.a(); angleDeg = c.beta(); }
        }
        return Math.sqrt(x * x + y * y - 2 * x * y * Math.cos(Math.toRadians(180 - angleDeg)));
    }
}
