package org.mxflow.spots;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The engine's own spot table: one tab-separated row per spot with every {@link Spot} field
 * (units in the column names), readable by a person, a spreadsheet or pandas.
 */
public final class SpotTableWriter {

    public static final String HEADER = "x_px\ty_px\tz_frame\tvar_x_px2\tvar_y_px2\tvar_z\tintensity_counts\t"
            + "pixels\tpeak_counts\tx_min_px\tx_max_px\ty_min_px\ty_max_px\tfirst_frame\tlast_frame\td_A\tice_ring";

    private SpotTableWriter() {
    }

    public static String row(Spot s) {
        return String.format(Locale.ROOT, "%.3f\t%.3f\t%.3f\t%.4f\t%.4f\t%.4f\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.4f\t%d",
                s.centroidXPx(), s.centroidYPx(), s.centroidZFrame(), s.varianceXPx2(), s.varianceYPx2(), s.varianceZ(),
                s.intensityCounts(), s.pixelCount(), s.peakCounts(), s.xMinPx(), s.xMaxPx(), s.yMinPx(), s.yMaxPx(),
                s.firstFrame(), s.lastFrame(), s.dSpacingA(), s.onIceRing() ? 1 : 0);
    }

    /** Writes the table under a temporary name and renames it into place. */
    public static void write(Path file, List<Spot> spots) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (Spot s : spots) {
                w.write(row(s));
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
