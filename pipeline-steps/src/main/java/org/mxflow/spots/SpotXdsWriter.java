package org.mxflow.spots;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes SPOT.XDS as XDS COLSPOT/IDXREF do, Fortran format {@code (3F10.2,F10.0[,3I8])}: so XDS
 * IDXREF can index from mxflow's spots. Rows go out in the order given; XDS sorts by intensity
 * itself.
 */
public final class SpotXdsWriter {

    private SpotXdsWriter() {
    }

    /** One SPOT.XDS line without the newline. */
    public static String line(SpotXdsEntry e) {
        // Fortran F10.0 prints the decimal point with no digits after it ("     1545.").
        String s = String.format(Locale.ROOT, "%10.2f%10.2f%10.2f%9.0f.", e.xPx(), e.yPx(), e.zFrame(),
                e.intensityCounts());
        if (e.hkl() != null) {
            s += String.format(Locale.ROOT, "%8d%8d%8d", e.hkl().h(), e.hkl().k(), e.hkl().l());
        }
        return s;
    }

    public static void write(Writer out, List<SpotXdsEntry> entries) throws IOException {
        for (SpotXdsEntry e : entries) {
            out.write(line(e));
            out.write('\n');
        }
    }

    /** Writes the file under a temporary name and renames it into place. */
    public static void write(Path file, List<SpotXdsEntry> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            write(w, entries);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
