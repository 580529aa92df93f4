package org.mxflow.spots;

import java.util.Arrays;

/**
 * The strong pixels of one frame: their row-major indices ({@code y * width + x}) in increasing
 * order. This is what a {@link SpotFinderBackend} produces and what CPU and GPU paths must agree on.
 *
 * @param width    frame width in pixels
 * @param height   frame height in pixels
 * @param indices  row-major indices of strong pixels, strictly increasing
 */
public record StrongPixels(int width, int height, int[] indices) {

    public int count() {
        return indices.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrongPixels s && s.width == width && s.height == height
                && Arrays.equals(s.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "StrongPixels[" + width + "x" + height + ", " + indices.length + " strong]";
    }
}
