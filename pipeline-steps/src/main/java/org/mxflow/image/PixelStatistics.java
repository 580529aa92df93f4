package org.mxflow.image;

/**
 * Statistics of one frame's pixels, PILATUS convention: -1 marks module gaps, -2 (or any
 * other negative value) bad or masked pixels, counts at or above the count cutoff are
 * overloads; the rest are valid pixels.
 *
 * @param validPixels     pixels with 0 <= count < cutoff
 * @param minValid        smallest valid count (0 when there are no valid pixels)
 * @param maxValid        largest valid count
 * @param meanValid       mean of the valid counts
 * @param sumValid        sum of the valid counts
 * @param gapPixels       pixels equal to -1 (module gaps)
 * @param badPixels       pixels at or below -2 (dead, hot or masked)
 * @param overloadPixels  pixels at or above the count cutoff
 */
public record PixelStatistics(long validPixels, int minValid, int maxValid, double meanValid, long sumValid,
                              long gapPixels, long badPixels, long overloadPixels) {

    /** Untrusted pixels: gaps plus bad pixels. */
    public long maskedPixels() {
        return gapPixels + badPixels;
    }

    public static PixelStatistics of(Frame frame) {
        return of(frame.pixels(), frame.header().countCutoff());
    }

    public static PixelStatistics of(int[] pixels, long countCutoff) {
        int cutoff = (int) Math.min(Integer.MAX_VALUE, Math.max(0, countCutoff));
        boolean noCutoff = countCutoff > Integer.MAX_VALUE;
        long valid = 0;
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        long gap = 0;
        long bad = 0;
        long over = 0;
        for (int v : pixels) {
            if (v < 0) {
                if (v == -1) {
                    gap++;
                } else {
                    bad++;
                }
            } else if (v >= cutoff && !noCutoff) {
                over++;
            } else {
                valid++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return valid == 0
                ? new PixelStatistics(0, 0, 0, 0, 0, gap, bad, over)
                : new PixelStatistics(valid, min, max, (double) sum / valid, sum, gap, bad, over);
    }
}
