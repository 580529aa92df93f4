package org.mxflow.stats;

/**
 * Merging statistics of one resolution shell (or of all data), as in the XDS table
 * "SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION".
 *
 * <p>Percentages are kept as percentages, the way XDS and KAMO report them. A value the
 * producer could not compute (or XDS printed as an overflow of asterisks) is {@code NaN}.
 *
 * @param dMinA                 high-resolution limit of the shell in Å (for the total row: of all data)
 * @param observed              number of observed reflections
 * @param unique                number of unique reflections
 * @param possible              number of theoretically possible unique reflections
 * @param completenessPct       completeness in percent
 * @param rObservedPct          R-factor observed, percent
 * @param rExpectedPct          R-factor expected from σ(I), percent
 * @param compared              reflections used for the R-factors
 * @param iOverSigma            mean I/σ(I) of merged unique reflections
 * @param rMeasPct              redundancy-independent R-meas, percent
 * @param ccHalfPct             CC½ in percent
 * @param ccHalfSignificant     CC½ significant at the 0.1 % level (XDS marks it with {@code *})
 * @param anomalousCorrPct      correlation of anomalous differences between half sets, percent
 * @param anomalousCorrSignificant anomalous correlation significant at the 0.1 % level
 * @param sigAno                mean |F(+)−F(−)|/σ
 * @param anomalousPairs        unique reflections used for the anomalous columns (XDS "Nano")
 */
public record ShellStatistics(
        double dMinA,
        long observed,
        long unique,
        long possible,
        double completenessPct,
        double rObservedPct,
        double rExpectedPct,
        long compared,
        double iOverSigma,
        double rMeasPct,
        double ccHalfPct,
        boolean ccHalfSignificant,
        double anomalousCorrPct,
        boolean anomalousCorrSignificant,
        double sigAno,
        long anomalousPairs) {

    public ShellStatistics {
        if (observed < 0 || unique < 0 || possible < 0 || compared < 0 || anomalousPairs < 0) {
            throw new IllegalArgumentException("reflection counts cannot be negative in shell d=" + dMinA);
        }
    }

    /** Multiplicity (redundancy): observed / unique; NaN for an empty shell. */
    public double multiplicity() {
        return unique == 0 ? Double.NaN : (double) observed / unique;
    }

    /** 1/d² of the shell's high-resolution limit, in Å⁻². */
    public double inverseDSquared() {
        return 1.0 / (dMinA * dMinA);
    }
}
