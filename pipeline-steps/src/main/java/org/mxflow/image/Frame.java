package org.mxflow.image;

/**
 * One detector frame as counts, row-major (x fast), {@code width * height} values.
 *
 * <p>Untrusted pixels are negative: -1 for module gaps, -2 for bad or masked pixels (the
 * PILATUS convention, which the EIGER reader maps its pixel mask onto). Counts at or above
 * {@link ImageHeader#countCutoff()} are overloads.
 *
 * @param number  the frame number as in the file name or the HDF5 image number (1-based)
 * @param header  geometry of this frame; its oscStartDeg is the start angle of this frame
 * @param pixels  counts, row-major
 */
public record Frame(int number, ImageHeader header, int[] pixels) {

    public Frame {
        if (pixels.length != header.width() * header.height()) {
            throw new IllegalArgumentException("frame " + number + " has " + pixels.length
                    + " pixels, header says " + header.width() + "x" + header.height());
        }
    }

    public int width() {
        return header.width();
    }

    public int height() {
        return header.height();
    }

    public int at(int x, int y) {
        return pixels[y * header.width() + x];
    }
}
