package org.mxflow.discovery;

/**
 * A raster-scan directory ZOO left under a pin (kamo-conventions §1.3).
 *
 * @param relativeDirectory the directory relative to the pin directory (e.g. "scan00/rv00_01")
 * @param kind              the 2D grid over the loop, or a vertical line scan at a crystal edge
 * @param crystal           crystal index CC of {@code lvCC_RR}/{@code rvCC_RR} (0 for the first); -1 for 2D grids
 * @param attempt           retry counter RR (0 for the first attempt); -1 for 2D grids
 */
public record RasterScan(String relativeDirectory, Kind kind, int crystal, int attempt) {

    /** What was scanned. */
    public enum Kind { GRID_2D, LEFT_EDGE, RIGHT_EDGE }

    /** ZOO tries an edge scan at most this many times before "X-ray centering failed". */
    public static final int MAX_EDGE_ATTEMPTS = 5;
}
