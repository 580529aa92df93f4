package org.mxflow.indexing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the strong-spot list SPOT.XDS (columns x y z intensity [h k l]) written by XDS COLSPOT/IDXREF. */
public final class SpotXdsReader {

    private SpotXdsReader() {}

    public static List<ObservedSpot> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<ObservedSpot> spots = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+");
            if (f.length < 3) throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected at least x y z, got '" + line + "'");
            try {
                spots.add(new ObservedSpot(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a number in '" + line + "'");
            }
        }
        return spots;
    }
}
