package org.mxflow.simulate;

/**
 * Mean background counts per pixel for one frame: a flat level (detector and Compton), a solvent
 * ring at 1/d ≈ 1/3.5 Å⁻¹ (water's diffuse maximum) and air scatter falling off with 2θ.
 *
 * @param flatCounts      constant counts per pixel
 * @param ringCounts      peak counts of the solvent ring
 * @param ringDA          d of the ring maximum, Å (3.5 for water)
 * @param ringWidthInvA   e.s.d. of the ring in 1/d, Å⁻¹
 * @param airCounts       air scatter at 2θ = 0
 * @param airFalloffDeg   2θ over which air scatter falls by e
 */
public record BackgroundModel(double flatCounts, double ringCounts, double ringDA, double ringWidthInvA,
                              double airCounts, double airFalloffDeg) {

    /** A typical frozen-loop background for a frame of about 0.5 s. */
    public static BackgroundModel typical() {
        return new BackgroundModel(1.5, 4.0, 3.5, 0.025, 6.0, 6.0);
    }

    public BackgroundModel scaled(double factor) {
        return new BackgroundModel(flatCounts * factor, ringCounts * factor, ringDA, ringWidthInvA,
                airCounts * factor, airFalloffDeg);
    }

    /** Mean counts of every pixel (gaps included; they are masked later), row-major. */
    public double[] meanCounts(Detector detector, double wavelengthA) {
        double[] out = new double[detector.nx() * detector.ny()];
        for (int y = 0; y < detector.ny(); y++) {
            for (int x = 0; x < detector.nx(); x++) {
                Vector3 p = detector.labPosition(x + 0.5, y + 0.5);
                double cos2t = -p.z() / p.length();
                double twoTheta = Math.acos(cos2t);
                double invD = 2 * Math.sin(twoTheta / 2) / wavelengthA;
                double ring = ringCounts * Math.exp(-Math.pow((invD - 1 / ringDA) / ringWidthInvA, 2) / 2);
                double air = airCounts * Math.exp(-Math.toDegrees(twoTheta) / airFalloffDeg);
                // Obliquity: a pixel far out subtends a smaller solid angle (cos³2θ).
                out[y * detector.nx() + x] = (flatCounts + ring + air) * cos2t * cos2t * cos2t;
            }
        }
        return out;
    }
}
