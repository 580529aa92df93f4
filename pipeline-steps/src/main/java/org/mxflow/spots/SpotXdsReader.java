package org.mxflow.spots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.reflection.MillerIndex;

/** Reads SPOT.XDS (4 columns, or 7 with Miller indices); a bad row is reported by line number. */
public final class SpotXdsReader {

    private SpotXdsReader() {
    }

    public static List<SpotXdsEntry> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<SpotXdsEntry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                if (f.length == 4) {
                    entries.add(new SpotXdsEntry(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), null));
                } else if (f.length == 7) {
                    entries.add(new SpotXdsEntry(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                            new MillerIndex(Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]))));
                } else {
                    throw new IOException(file + " line " + (i + 1) + ": expected 4 or 7 columns, found " + f.length);
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": not a number in '" + line + "'", e);
            }
        }
        return entries;
    }
}
