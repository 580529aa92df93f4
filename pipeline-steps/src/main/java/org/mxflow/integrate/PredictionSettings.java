package org.mxflow.integrate;

/**
 * What to predict: the resolution limit (Å), the crystal's mosaic spread (e.s.d., degrees) and
 * the fraction of linearly polarised beam (in the plane normal to the lab y axis, as at SPring-8).
 */
public record PredictionSettings(double dMinA, double mosaicityDeg, double polarizationFraction) {
    public PredictionSettings {
        if (!(dMinA > 0)) throw new IllegalArgumentException("resolution limit must be positive, got " + dMinA + " Å");
        if (!(mosaicityDeg > 0)) throw new IllegalArgumentException("mosaicity must be positive, got " + mosaicityDeg + "°");
    }
}
