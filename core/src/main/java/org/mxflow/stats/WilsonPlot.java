package org.mxflow.stats;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Wilson plot and B factor from merged intensities, as XDS CORRECT reports them ("a straight
 * line A − 2·B·SS is fitted to log⟨I⟩", SS = mean (sinθ/λ)² = 1/(4d²) of a shell).
 *
 * <p>Intensities are divided by ε (the statistical weight of the reflection class, without
 * lattice centring) before averaging, so axial reflections do not bias the means. The fit is
 * an unweighted least-squares line through the shell points. The default range is 4.5 Å to
 * the data's high-resolution limit: below about 4.5 Å the protein's mean intensity follows
 * Wilson's exponential fall-off, while the low-resolution shells are shaped by solvent and
 * secondary structure (the 4-6 Å "bump"), which would bias B.
 *
 * @param a           intercept A of ln⟨I/ε⟩ at SS = 0
 * @param bA2         Wilson B in Å² (slope −2B against SS, −B/2 against 1/d²)
 * @param correlation correlation of ln⟨I/ε⟩ with SS over the fitted shells (−1 for a perfect fall-off)
 * @param shells      the shell points used
 */
public record WilsonPlot(double a, double bA2, double correlation, List<Shell> shells) {

    /** Low-resolution limit of the default fitting range, Å. */
    public static final double DEFAULT_LOW_RESOLUTION_A = 4.5;

    /**
     * One point of the plot.
     *
     * @param meanSs      mean (sinθ/λ)² = 1/(4d²) of its reflections, Å⁻²
     * @param meanIntensity mean I/ε
     * @param count       reflections in the shell
     */
    public record Shell(double meanSs, double meanIntensity, int count) {}

    /** Wilson B of merged reflections from {@link #DEFAULT_LOW_RESOLUTION_A} to the data's limit in 10 shells. */
    public static WilsonPlot fit(List<MergedReflection> reflections, SpaceGroup sg, UnitCell cell) {
        return fit(reflections, sg, cell, DEFAULT_LOW_RESOLUTION_A, 10);
    }

    /** Wilson B from shells of equal width in 1/d² between dLowA and the data's high-resolution limit. */
    public static WilsonPlot fit(List<MergedReflection> reflections, SpaceGroup sg, UnitCell cell, double dLowA, int shellCount) {
        double[] gStar = cell.reciprocalMetric(); // once, not per reflection
        double sLo = 1 / (dLowA * dLowA), sHi = 0;
        for (MergedReflection r : reflections) {
            sHi = Math.max(sHi, UnitCell.oneOverDSquared(gStar, r.hkl().h(), r.hkl().k(), r.hkl().l()));
        }
        if (sHi <= sLo) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "no data beyond %.2f Å for a Wilson plot (data reach %.2f Å)", dLowA, 1 / Math.sqrt(sHi)));
        }
        double[] sumSs = new double[shellCount], sumI = new double[shellCount];
        int[] n = new int[shellCount];
        double step = (sHi - sLo) / shellCount;
        for (MergedReflection r : reflections) {
            double s = UnitCell.oneOverDSquared(gStar, r.hkl().h(), r.hkl().k(), r.hkl().l());
            if (s < sLo || Double.isNaN(r.iMean())) {
                continue;
            }
            int i = Math.min(shellCount - 1, (int) ((s - sLo) / step));
            sumSs[i] += s / 4;
            sumI[i] += r.iMean() / sg.operations().epsilonWithoutCentring(r.hkl());
            n[i]++;
        }
        List<Shell> shells = new ArrayList<>();
        for (int i = 0; i < shellCount; i++) {
            // a shell needs enough reflections for a stable mean, and a positive one for its logarithm
            if (n[i] >= 10 && sumI[i] > 0) {
                shells.add(new Shell(sumSs[i] / n[i], sumI[i] / n[i], n[i]));
            }
        }
        return fitLine(shells);
    }

    /** The line ln⟨I⟩ = A − 2·B·SS through shell points (unweighted least squares). */
    public static WilsonPlot fitLine(List<Shell> shells) {
        int n = shells.size();
        if (n < 2) {
            throw new IllegalArgumentException("a Wilson plot needs at least 2 shells with positive mean intensity, got " + n);
        }
        double[] x = new double[n], y = new double[n];
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            x[i] = shells.get(i).meanSs();
            y[i] = Math.log(shells.get(i).meanIntensity());
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return new WilsonPlot(my - slope * mx, -slope / 2, Correlation.pearson(x, y, n), shells);
    }
}
