package org.mxflow.spots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the frames of a raster scan lie on the sample: {@code columns × rows} points, frame i
 * (0-based in acquisition order) at a column and row.
 *
 * @param columns     points along the horizontal scan direction
 * @param rows        points along the vertical direction
 * @param horizontal  whether frames run along rows first (ZOO "Scan direction: horizontal")
 * @param zigZag      whether every other line runs backwards (ZOO "Scan path: zig-zag")
 * @param source      where the layout came from, for the report ("diffscan.log" or "near-square rows")
 */
public record ScanGrid(int columns, int rows, boolean horizontal, boolean zigZag, String source) {

    private static final Pattern POINT_STEP = Pattern.compile("point:\\s*(\\d+)\\s*step:\\s*([0-9.]+)");

    /** Column of the i-th frame (0-based). */
    public int column(int i) {
        if (horizontal) {
            int row = i / columns;
            int c = i % columns;
            return zigZag && row % 2 == 1 ? columns - 1 - c : c;
        }
        int c = i / rows;
        return c;
    }

    /** Row of the i-th frame (0-based). */
    public int row(int i) {
        if (horizontal) {
            return i / columns;
        }
        int c = i / rows;
        int r = i % rows;
        return zigZag && c % 2 == 1 ? rows - 1 - r : r;
    }

    /** Rows of {@code ceil(sqrt(n))} columns, filled left to right: the layout when nothing says otherwise. */
    public static ScanGrid nearSquare(int frames) {
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(frames)));
        int rows = Math.max(1, (frames + columns - 1) / columns);
        return new ScanGrid(columns, rows, true, false, "near-square rows");
    }

    /**
     * The grid of the last scan in a ZOO/BSS {@code diffscan.log} ("Vertical   scan ... point: N step: S",
     * "Horizontal scan ...", "Scan direction:", "Scan path:"), if the file is there and complete.
     */
    public static Optional<ScanGrid> fromDiffscanLog(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        int v = -1;
        int h = -1;
        boolean horizontal = true;
        boolean zigZag = false;
        for (String l : lines) {
            Matcher m = POINT_STEP.matcher(l);
            if (l.contains("Vertical") && l.contains("scan") && m.find()) {
                v = Integer.parseInt(m.group(1));
            } else if (l.contains("Horizontal scan") && m.find()) {
                h = Integer.parseInt(m.group(1));
            } else if (l.contains("Scan direction:")) {
                horizontal = !l.substring(l.indexOf(':') + 1).trim().startsWith("vertical");
            } else if (l.contains("Scan path:")) {
                zigZag = l.substring(l.indexOf(':') + 1).trim().equals("zig-zag");
            }
        }
        if (v < 1 || h < 1) {
            return Optional.empty();
        }
        return Optional.of(new ScanGrid(h, v, horizontal, zigZag, "diffscan.log"));
    }
}
