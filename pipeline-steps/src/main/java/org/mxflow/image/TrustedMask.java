package org.mxflow.image;

import java.util.BitSet;

/**
 * Which pixels of a detector can be trusted: not a module gap (-1), not a bad or masked pixel
 * (-2; the EIGER pixel mask is mapped onto these values by its reader). Overloaded pixels are
 * trusted to exist but not to be measured; algorithms test them against the count cutoff.
 *
 * @param width    pixels along x
 * @param height   pixels along y
 * @param untrusted bit y*width+x set where the pixel is not to be used
 */
public record TrustedMask(int width, int height, BitSet untrusted) {

    /** The mask of one frame: every negative pixel is untrusted. */
    public static TrustedMask of(Frame frame) {
        int[] px = frame.pixels();
        BitSet bad = new BitSet(px.length);
        for (int i = 0; i < px.length; i++) {
            if (px[i] < 0) {
                bad.set(i);
            }
        }
        return new TrustedMask(frame.width(), frame.height(), bad);
    }

    public boolean isTrusted(int x, int y) {
        return !untrusted.get(y * width + x);
    }

    public int untrustedCount() {
        return untrusted.cardinality();
    }

    public int trustedCount() {
        return width * height - untrustedCount();
    }

    /** Pixels trusted in both masks (e.g. a dataset mask built over several frames). */
    public TrustedMask and(TrustedMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks of " + width + "x" + height + " and " + other.width + "x" + other.height);
        }
        BitSet b = (BitSet) untrusted.clone();
        b.or(other.untrusted);
        return new TrustedMask(width, height, b);
    }
}
