package org.mxflow.engine.nativeengine;

import java.util.List;
import java.util.Locale;
import org.mxflow.cell.UnitCell;
import org.mxflow.correct.SymmetryDecision;
import org.mxflow.stats.CorrectLpTable;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * A CORRECT.LP-style summary: the keywords, the symmetry scores, the error model block (a, b,
 * ISa) and the per-shell statistics table in XDS's fixed columns, so XDS-reading tools (and
 * {@code CorrectLpParser}) read it as they read XDS's own.
 */
public final class CorrectLpWriter {

    private CorrectLpWriter() {}

    /** Everything the summary shows. */
    public record Content(String template, int firstFrame, int lastFrame, double oscillationDeg, double wavelengthA,
                          int spaceGroupNumber, String spaceGroupName, UnitCell cell, SymmetryDecision symmetry,
                          ErrorModel errorModel, double[] scaleKnots, double mosaicityDeg, String indexing,
                          MergingStatistics statistics, String resolutionNote, List<String> notes) {}

    public static String render(Content c) {
        StringBuilder sb = new StringBuilder();
        sb.append(" ***** CORRECT ***** (VERSION mxflow native engine 0.1)\n\n");
        sb.append(" NAME_TEMPLATE_OF_DATA_FRAMES=").append(c.template()).append('\n');
        sb.append(String.format(Locale.ROOT, " DATA_RANGE=%8d%8d%n", c.firstFrame(), c.lastFrame()));
        sb.append(String.format(Locale.ROOT, " OSCILLATION_RANGE=%10.6f%n", c.oscillationDeg()));
        sb.append(String.format(Locale.ROOT, " X-RAY_WAVELENGTH=%10.6f%n%n", c.wavelengthA()));
        sb.append(" ").append(c.indexing()).append('\n');
        sb.append(String.format(Locale.ROOT, " CRYSTAL MOSAICITY (DEGREES) %9.3f%n%n", c.mosaicityDeg()));
        if (c.symmetry() != null) {
            sb.append(" SYMMETRY OF REFLECTION INTENSITIES (CC of normalised intensities related by each lattice rotation)\n");
            sb.append("   rotation            pairs      CC   accepted\n");
            for (SymmetryDecision.OperatorScore s : c.symmetry().operators()) {
                sb.append(String.format(Locale.ROOT, "   %-18s %7d %7.3f   %s%n", s.triplet(), s.pairs(), s.cc(), s.accepted() ? "yes" : "no"));
            }
            sb.append(" ").append(c.symmetry().summary()).append("\n\n");
        }
        sb.append(String.format(Locale.ROOT, " SPACE_GROUP_NUMBER=%5d%n", c.spaceGroupNumber()));
        double[] v = c.cell().toArray();
        sb.append(String.format(Locale.ROOT, " UNIT_CELL_CONSTANTS=%10.3f%10.3f%10.3f%8.3f%8.3f%8.3f%n", v[0], v[1], v[2], v[3], v[4], v[5]));
        sb.append(" SPACE GROUP ").append(c.spaceGroupName()).append("\n\n");
        if (c.scaleKnots() != null) {
            sb.append(" SCALE FACTORS ALONG THE ROTATION (piecewise linear knots)\n  ");
            for (double k : c.scaleKnots()) sb.append(String.format(Locale.ROOT, " %6.3f", k));
            sb.append("\n\n");
        }
        if (c.errorModel().isKnown()) {
            sb.append(" a        b          ISa\n".replace(" a", "     a"));
            sb.append(String.format(Locale.ROOT, "%10.3E %10.3E %7.2f%n%n", c.errorModel().a(), c.errorModel().b(), c.errorModel().isa()));
        } else {
            sb.append(" ERROR MODEL: too few symmetry-related observations to fit a and b (ISa unknown)\n\n");
        }
        for (String n : c.notes()) sb.append(" ").append(n).append('\n');
        if (!c.notes().isEmpty()) sb.append('\n');
        sb.append(table(c.statistics()));
        sb.append('\n').append(" ").append(c.resolutionNote()).append('\n');
        return sb.toString();
    }

    /**
     * The statistics table in XDS's columns: core's {@link CorrectLpTable} (the layout that
     * reproduces a real CORRECT.LP), with what could not be computed printed as 0.
     */
    public static String table(MergingStatistics m) {
        List<ShellStatistics> shells = m.shells().stream().map(CorrectLpWriter::zeroUnknown).toList();
        StringBuilder sb = new StringBuilder();
        for (String line : CorrectLpTable.format(new MergingStatistics(m.dMaxA(), shells, zeroUnknown(m.total())))) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** The shell with every value that could not be computed (NaN, ±∞) as 0, where the table would print asterisks. */
    private static ShellStatistics zeroUnknown(ShellStatistics s) {
        return new ShellStatistics(s.dMinA(), s.observed(), s.unique(), s.possible(), nz(s.completenessPct()), nz(s.rObservedPct()),
                nz(s.rExpectedPct()), s.compared(), nz(s.iOverSigma()), nz(s.rMeasPct()), nz(s.ccHalfPct()), s.ccHalfSignificant(),
                nz(s.anomalousCorrPct()), s.anomalousCorrSignificant(), nz(s.sigAno()), s.anomalousPairs());
    }

    /** XDS prints 0 where nothing could be computed. */
    private static double nz(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
