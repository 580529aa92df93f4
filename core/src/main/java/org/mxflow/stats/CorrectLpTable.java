package org.mxflow.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats {@link MergingStatistics} as the statistics table of XDS CORRECT.LP / XSCALE.LP, in
 * XDS's fixed columns (kamo-conventions Appendix A), so that KAMO-style parsers and people
 * used to CORRECT.LP read mxflow's output unchanged. A value that is unknown or does not fit
 * its field is printed as asterisks, as XDS does.
 */
public final class CorrectLpTable {

    private CorrectLpTable() {}

    /** The title, the two header lines, a blank line, one line per shell and the total line. */
    public static List<String> format(MergingStatistics stats) {
        List<String> out = new ArrayList<>();
        out.add(" SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION");
        out.add(" RESOLUTION     NUMBER OF REFLECTIONS    COMPLETENESS R-FACTOR  R-FACTOR COMPARED I/SIGMA   R-meas  CC(1/2)  Anomal  SigAno   Nano");
        out.add("   LIMIT     OBSERVED  UNIQUE  POSSIBLE     OF DATA   observed  expected                                      Corr");
        out.add("");
        for (ShellStatistics s : stats.shells()) {
            out.add(row(fixed(s.dMinA(), 9, 2), s));
        }
        out.add(row("    total", stats.total()));
        return out;
    }

    private static String row(String d, ShellStatistics s) {
        return d + integer(s.observed(), 12) + integer(s.unique(), 8) + integer(s.possible(), 10)
                + fixed(s.completenessPct(), 11, 1) + "%" + fixed(s.rObservedPct(), 10, 1) + "%"
                + fixed(s.rExpectedPct(), 9, 1) + "%" + integer(s.compared(), 9) + fixed(s.iOverSigma(), 8, 2)
                + fixed(s.rMeasPct(), 9, 1) + "%" + fixed(s.ccHalfPct(), 8, 1) + (s.ccHalfSignificant() ? "*" : " ")
                + (Double.isNaN(s.anomalousCorrPct()) ? stars(6) : integer(Math.round(s.anomalousCorrPct()), 6))
                + (s.anomalousCorrSignificant() ? "*" : " ") + fixed(s.sigAno(), 8, 3) + integer(s.anomalousPairs(), 8);
    }

    private static String fixed(double v, int width, int decimals) {
        if (Double.isNaN(v)) {
            return stars(width);
        }
        String s = String.format(Locale.ROOT, "%" + width + "." + decimals + "f", v);
        return s.length() > width ? stars(width) : s;
    }

    private static String integer(long v, int width) {
        String s = String.format(Locale.ROOT, "%" + width + "d", v);
        return s.length() > width ? stars(width) : s;
    }

    private static String stars(int width) {
        return " " + "*".repeat(width - 1);
    }
}
