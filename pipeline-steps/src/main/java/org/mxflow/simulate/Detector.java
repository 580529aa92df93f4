package org.mxflow.simulate;

/**
 * A flat PILATUS-style pixel detector normal to the beam.
 *
 * <p>Laboratory geometry as DIALS builds it from a miniCBF header: the detector plane is
 * z = -distance, the fast axis is +x and the slow axis is -y, so pixel coordinate (x, y)
 * (continuous, pixel i spans [i, i+1)) lies at ((x - beamX)·p, -(y - beamY)·p, -distance) mm.
 *
 * @param name            detector model as written to headers ("PILATUS3 1M, S/N 10-0159")
 * @param nx              pixels along fast
 * @param ny              pixels along slow
 * @param pixelMm         pixel size in mm (0.172 for PILATUS)
 * @param distanceMm      crystal-to-detector distance in mm
 * @param beamXPx         beam centre along fast, px
 * @param beamYPx         beam centre along slow, px
 * @param countCutoff     highest trusted count; anything above is clipped to it (an overload)
 * @param sensorThicknessMm silicon thickness (0.45 mm); the depth of absorption shifts spots outward (parallax)
 * @param moduleNx        module width in px (487 for PILATUS), 0 for no modules
 * @param moduleNy        module height in px (195)
 * @param gapX            gap between modules along fast, px (7)
 * @param gapY            gap between modules along slow, px (17)
 */
public record Detector(String name, int nx, int ny, double pixelMm, double distanceMm, double beamXPx, double beamYPx,
                       int countCutoff, double sensorThicknessMm, int moduleNx, int moduleNy, int gapX, int gapY) {

    /** A PILATUS with nModX x nModY modules of 487x195 px, 7/17 px gaps, beam near the centre. */
    public static Detector pilatus(String name, int nModX, int nModY, double distanceMm) {
        int nx = nModX * 487 + (nModX - 1) * 7;
        int ny = nModY * 195 + (nModY - 1) * 17;
        // Beam a little off-centre, as on a real beamline, so no gap crosses the direct beam.
        // Count cutoff 115897: what a real PILATUS3 6M at 50 Hz with rate correction reports (DLS thaumatin frames).
        return new Detector(name, nx, ny, 0.172, distanceMm, nx / 2.0 + 12.3, ny / 2.0 - 8.7, 115897, 0.45,
                487, 195, 7, 17);
    }

    /** PILATUS 6M: 2463 x 2527 px. */
    public static Detector pilatus6M(double distanceMm) {
        return pilatus("PILATUS3 6M, S/N 60-0199", 5, 12, distanceMm);
    }

    /** PILATUS 1M layout: 981 x 1043 px, small enough for fast tests and the demo. */
    public static Detector pilatus1M(double distanceMm) {
        return pilatus("PILATUS3 1M, S/N 10-0199", 2, 5, distanceMm);
    }

    /** True for pixels in the gaps between modules (written as -1, as PILATUS does). */
    public boolean isGap(int x, int y) {
        if (moduleNx <= 0) {
            return false;
        }
        return x % (moduleNx + gapX) >= moduleNx || y % (moduleNy + gapY) >= moduleNy;
    }

    /** The laboratory position in mm of continuous pixel coordinate (x, y). */
    public Vector3 labPosition(double x, double y) {
        return new Vector3((x - beamXPx) * pixelMm, -(y - beamYPx) * pixelMm, -distanceMm);
    }

    /**
     * Silicon linear attenuation coefficient in mm⁻¹: a power law through NIST XCOM values
     * (10 keV: 7.90 mm⁻¹, 15 keV: 2.41 mm⁻¹); it gives 4.21 mm⁻¹ at 1.0 Å where cctbx's table
     * (which DIALS uses for its parallax correction) gives 4.208.
     */
    public static double siliconAttenuationPerMm(double wavelengthA) {
        return 4.208 * Math.pow(wavelengthA, 2.93);
    }

    /**
     * Where a diffracted ray along s1 is recorded, in continuous pixel coordinates, or null when it
     * misses the detector plane. Includes the parallax shift along the ray by the mean absorption
     * depth (the same model DIALS inverts with its ParallaxCorrectedPxMmStrategy).
     */
    public double[] intersect(Vector3 s1, double wavelengthA) {
        if (s1.z() >= 0) {
            return null;
        }
        double t = -distanceMm / s1.z();
        double xMm = s1.x() * t, yMm = -s1.y() * t; // along fast (+x) and slow (-y)
        if (sensorThicknessMm > 0) {
            Vector3 u = s1.unit();
            double mu = siliconAttenuationPerMm(wavelengthA);
            double cosT = -u.z();
            double o = 1 / mu - (sensorThicknessMm / cosT + 1 / mu) * Math.exp(-mu * sensorThicknessMm / cosT);
            xMm += u.x() * o;
            yMm += -u.y() * o;
        }
        return new double[] {beamXPx + xMm / pixelMm, beamYPx + yMm / pixelMm};
    }

    public boolean contains(double x, double y) {
        return x >= 0 && y >= 0 && x < nx && y < ny;
    }
}
