package org.mxflow.geometry;

import java.util.List;

/**
 * A crystal whose orientation and cell change smoothly with the rotation angle: the setting
 * matrix A = U·B (Å⁻¹, as {@link CrystalModel}) at every frame boundary φᵢ = φ₀ + i·Δφ
 * (i = 0..n for n frames), linearly interpolated in between, as DIALS keeps a scan-varying
 * crystal. Outside the sweep the end matrices hold.
 *
 * @param phiStartDeg φ₀, the rotation angle at the start of the first frame (degrees)
 * @param phiStepDeg Δφ, the signed oscillation width of one frame (degrees)
 * @param boundaries the n + 1 setting matrices at the frame boundaries
 */
public record ScanVaryingCrystal(double phiStartDeg, double phiStepDeg, List<Mat3> boundaries) {

    public ScanVaryingCrystal {
        if (!(phiStepDeg != 0 && Double.isFinite(phiStepDeg)))
            throw new IllegalArgumentException("frame width must be non-zero, got " + phiStepDeg);
        if (boundaries.size() < 2) throw new IllegalArgumentException("a scan-varying crystal needs at least one frame");
        boundaries = List.copyOf(boundaries);
    }

    /** The same crystal at every angle of n frames. */
    public static ScanVaryingCrystal constant(CrystalModel crystal, double phiStartDeg, double phiStepDeg, int frames) {
        return new ScanVaryingCrystal(phiStartDeg, phiStepDeg, java.util.Collections.nCopies(frames + 1, crystal.a()));
    }

    /** Number of frames covered. */
    public int frames() { return boundaries.size() - 1; }

    /** The crystal at rotation angle φ (degrees). */
    public CrystalModel at(double phiDeg) {
        double t = (phiDeg - phiStartDeg) / phiStepDeg;
        int n = frames();
        if (!(t > 0)) return new CrystalModel(boundaries.get(0));
        if (t >= n) return new CrystalModel(boundaries.get(n));
        int i = (int) Math.floor(t);
        double f = t - i;
        if (f == 0) return new CrystalModel(boundaries.get(i));
        double[] a = boundaries.get(i).toArray(), b = boundaries.get(i + 1).toArray();
        for (int j = 0; j < 9; j++) a[j] += f * (b[j] - a[j]);
        return new CrystalModel(new Mat3(a));
    }
}
