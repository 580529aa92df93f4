package org.mxflow.spots;

/**
 * Where strong pixels are computed: the seam for an accelerator. The CPU implementation
 * ({@link DispersionThreshold}) is the reference; a GPU implementation must return exactly the
 * same {@link StrongPixels} for the same frame and settings, and must be safe to call from
 * several threads.
 */
public interface SpotFinderBackend {

    /** A short name for logs ("cpu", "cuda:0 H100"). */
    String name();

    /**
     * Strong pixels of one frame.
     *
     * @param pixels       counts, row-major; negative values are untrusted (module gaps, bad pixels)
     * @param width        pixels along x
     * @param height       pixels along y
     * @param countCutoff  counts at or above this are overloads and untrusted
     */
    StrongPixels strongPixels(int[] pixels, int width, int height, long countCutoff);
}
