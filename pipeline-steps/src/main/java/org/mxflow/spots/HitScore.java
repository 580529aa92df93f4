package org.mxflow.spots;

/**
 * The hit-finding score of one raster-scan frame, as SHIKA shows it.
 *
 * @param frameNumber          the frame's number
 * @param spotCount            all spots found on the frame
 * @param spotsInWindow        spots with dMinA ≤ d ≤ dMaxA of the resolution window and not on an
 *                             ice ring: the score the heat map shows
 * @param totalIntensityCounts summed intensity of the spots in the window (counts)
 * @param estimatedDMinA       resolution reached: d of the spot at the 95th percentile of 1/d²
 *                             among spots off the ice rings, NaN with fewer than 10 such spots
 * @param strongPixels         pixels that passed the dispersion test
 */
public record HitScore(int frameNumber, int spotCount, int spotsInWindow, double totalIntensityCounts,
                       double estimatedDMinA, int strongPixels) {

    /**
     * Scores one frame's spots.
     *
     * @param dMaxA low-resolution end of the window in Å
     * @param dMinA high-resolution end of the window in Å
     */
    public static HitScore of(FrameSpots frame, double dMaxA, double dMinA) {
        int inWindow = 0;
        double intensity = 0;
        double[] s2 = new double[frame.spots().size()];
        int offIce = 0;
        for (Spot s : frame.spots()) {
            double d = s.dSpacingA();
            if (!s.onIceRing()) {
                if (d <= dMaxA && d >= dMinA) {
                    inWindow++;
                    intensity += s.intensityCounts();
                }
                if (Double.isFinite(d)) {
                    s2[offIce++] = 1 / (d * d);
                }
            }
        }
        double dMin = Double.NaN;
        if (offIce >= 10) {
            java.util.Arrays.sort(s2, 0, offIce);
            int k = (int) Math.ceil(0.95 * offIce) - 1;
            dMin = 1 / Math.sqrt(s2[k]);
        }
        return new HitScore(frame.frameNumber(), frame.spots().size(), inWindow, intensity, dMin, frame.strongPixels());
    }
}
