package org.mxflow.merge;

/**
 * SPring-8's starting resolution for merging: the resolution halfway (in detector radius)
 * between the nearest detector edge and the corner (kamo-conventions 4.7, an [INF] formula:
 * KAMO only receives the number). Deliberately beyond what the crystals usually give, because
 * KAMO only ever lowers the resolution afterwards.
 *
 * @param wavelengthA    λ (Å)
 * @param distanceMm     crystal-to-detector distance L (mm)
 * @param edgeRadiusMm   beam to the nearest edge, min(rx, ry) (mm)
 * @param cornerRadiusMm beam to the corner of that quadrant, sqrt(rx² + ry²) (mm)
 */
public record HalfCornerResolution(double wavelengthA, double distanceMm, double edgeRadiusMm, double cornerRadiusMm) {

    public HalfCornerResolution {
        if (!(wavelengthA > 0) || !(distanceMm > 0) || !(edgeRadiusMm > 0) || !(cornerRadiusMm >= edgeRadiusMm)) {
            throw new IllegalArgumentException("half-corner resolution needs λ, L, edge radius > 0 and corner >= edge; got λ="
                    + wavelengthA + " Å, L=" + distanceMm + " mm, edge=" + edgeRadiusMm + " mm, corner=" + cornerRadiusMm + " mm");
        }
    }

    /**
     * From the XDS geometry: detector size NX×NY pixels of QX×QY mm, beam at (ORGX, ORGY) pixels.
     * rx = min(ORGX, NX − ORGX)·QX, ry = min(ORGY, NY − ORGY)·QY.
     */
    public static HalfCornerResolution fromDetector(double wavelengthA, double distanceMm, int nx, int ny,
                                                    double pixelXMm, double pixelYMm, double orgX, double orgY) {
        double rx = Math.min(orgX, nx - orgX) * pixelXMm;
        double ry = Math.min(orgY, ny - orgY) * pixelYMm;
        if (!(rx > 0 && ry > 0)) {
            throw new IllegalArgumentException("beam centre (" + orgX + ", " + orgY + ") px is not on the " + nx + "x" + ny + " detector");
        }
        return new HalfCornerResolution(wavelengthA, distanceMm, Math.min(rx, ry), Math.hypot(rx, ry));
    }

    /**
     * When only the requested resolution is known: the camera length ZOO chooses so that
     * {@code requestedA} falls on the nearest edge, L = r_edge / tan(2·asin(λ/(2d))).
     */
    public HalfCornerResolution withDistanceForEdgeResolution(double requestedA) {
        double twoTheta = 2 * Math.asin(wavelengthA / (2 * requestedA));
        return new HalfCornerResolution(wavelengthA, edgeRadiusMm / Math.tan(twoTheta), edgeRadiusMm, cornerRadiusMm);
    }

    /** Resolution (Å) at radius r (mm) on a flat detector normal to the beam: λ/(2·sin(½·atan(r/L))). */
    public double resolutionAtRadius(double radiusMm) {
        return wavelengthA / (2 * Math.sin(0.5 * Math.atan(radiusMm / distanceMm)));
    }

    /** Resolution at the nearest edge (Å). */
    public double edgeResolutionA() {
        return resolutionAtRadius(edgeRadiusMm);
    }

    /** Resolution at the corner (Å). */
    public double cornerResolutionA() {
        return resolutionAtRadius(cornerRadiusMm);
    }

    /** The starting resolution d_start (Å) at r_hc = (r_edge + r_corner)/2. */
    public double startResolutionA() {
        return resolutionAtRadius(0.5 * (edgeRadiusMm + cornerRadiusMm));
    }
}
