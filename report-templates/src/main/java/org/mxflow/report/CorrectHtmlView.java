package org.mxflow.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.DatasetStatistics;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * What correct.html shows, as text: numbers formatted the way XDS prints them in CORRECT.LP
 * (with {@code %} and significance {@code *}), so users can compare the page with the log.
 * Built from the models alone, no I/O.
 */
public final class CorrectHtmlView {

    /** Shown where a number is unknown. */
    public static final String MISSING = "n/a";

    /** One table row: resolution, then the XDS columns. */
    public record Row(String resolution, String observed, String unique, String possible, String completeness,
                      String rObserved, String rExpected, String compared, String iOverSigma, String rMeas,
                      String ccHalf, String anomalousCorr, String sigAno, String anomalousPairs) {}

    /** One data set's block. */
    public record Dataset(String anchor, String name, String correctLpHref, String correctLpText, String spaceGroup,
                          String cell, String isa, String errorModel, String mosaicity, String wilsonB,
                          String resolution, List<Row> shells, Row total, List<String> plotsSvg) {}

    private CorrectHtmlView() {}

    /** The blocks of the page; links are made relative to {@code outputDir}. */
    public static List<Dataset> datasets(List<DatasetCorrectSummary> summaries, Path outputDir) {
        List<Dataset> out = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            out.add(dataset("ds-" + (i + 1), summaries.get(i), outputDir));
        }
        return out;
    }

    static Dataset dataset(String anchor, DatasetCorrectSummary summary, Path outputDir) {
        DatasetStatistics s = summary.statistics();
        MergingStatistics m = s.merging();
        List<Row> shells = m.shells().stream().map(r -> row(fixed(r.dMinA(), 2), r)).toList();
        String href = null, text = null;
        if (summary.correctLp() != null) {
            Path rel = relativeLink(outputDir, summary.correctLp());
            href = hrefOf(rel);
            text = rel.toString();
        }
        String sg = s.spaceGroupNumber() == 0 ? MISSING
                : (summary.spaceGroupSymbol() != null ? summary.spaceGroupSymbol() + " (#" + s.spaceGroupNumber() + ")"
                        : "#" + s.spaceGroupNumber());
        ErrorModel em = s.errorModel();
        String isa = !em.isKnown() ? MISSING
                : em.fitFailed() ? fixed(em.isa(), 1) + " (error-model fit failed: a and b are XDS's starting values)"
                : fixed(em.isa(), 1);
        String emText = em.isKnown()
                ? String.format(Locale.ROOT, "a = %.3E, b = %.3E", em.a(), em.b())
                : MISSING;
        return new Dataset(anchor, summary.name(), href, text, sg, cell(s.cell()), isa, emText,
                unit(fixed(s.mosaicityDeg(), 3), "°"), unit(fixed(s.wilsonBA2(), 1), " Å²"),
                (Double.isNaN(m.dMaxA()) ? "" : fixed(m.dMaxA(), 2) + " – ") + fixed(m.dMinA(), 2) + " Å",
                shells, row("total", m.total()), plots(m));
    }

    /** Cell as the SPring-8 page prints it: 3 decimals for edges, 2 for angles. */
    static String cell(UnitCell c) {
        if (c == null) {
            return MISSING;
        }
        return String.format(Locale.ROOT, "%.3f %.3f %.3f %.2f %.2f %.2f", c.a(), c.b(), c.c(), c.alpha(), c.beta(), c.gamma());
    }

    static Row row(String resolution, ShellStatistics r) {
        return new Row(resolution, Long.toString(r.observed()), Long.toString(r.unique()), Long.toString(r.possible()),
                percent(r.completenessPct()), percent(r.rObservedPct()), percent(r.rExpectedPct()),
                Long.toString(r.compared()), fixed(r.iOverSigma(), 2), percent(r.rMeasPct()),
                significance(fixed(r.ccHalfPct(), 1), r.ccHalfPct(), r.ccHalfSignificant()),
                significance(Double.isNaN(r.anomalousCorrPct()) ? MISSING : Long.toString(Math.round(r.anomalousCorrPct())),
                        r.anomalousCorrPct(), r.anomalousCorrSignificant()),
                fixed(r.sigAno(), 3), Long.toString(r.anomalousPairs()));
    }

    /** The four plots against resolution: CC½, I/σ, completeness and R-meas per shell. */
    static List<String> plots(MergingStatistics m) {
        List<ShellStatistics> sh = m.shells();
        double[] d = sh.stream().mapToDouble(ShellStatistics::dMinA).toArray();
        return List.of(
                SvgPlot.againstResolution("CC½ by resolution", "CC½ (%)")
                        .series("CC½", d, sh.stream().mapToDouble(ShellStatistics::ccHalfPct).toArray())
                        .yRange(0, 100).toSvg(),
                SvgPlot.againstResolution("I/σ(I) by resolution", "I/σ(I)")
                        .series("I/σ(I)", d, sh.stream().mapToDouble(ShellStatistics::iOverSigma).toArray()).toSvg(),
                SvgPlot.againstResolution("Completeness by resolution", "Completeness (%)")
                        .series("Completeness", d, sh.stream().mapToDouble(ShellStatistics::completenessPct).toArray())
                        .yRange(0, 100).toSvg(),
                SvgPlot.againstResolution("R-meas by resolution", "R-meas (%)")
                        .series("R-meas", d, sh.stream().mapToDouble(ShellStatistics::rMeasPct).toArray()).toSvg());
    }

    /** A link from the page's directory to a file, as a relative path. */
    static Path relativeLink(Path outputDir, Path target) {
        return outputDir.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
    }

    /** A relative path as an href: each segment percent-encoded, so '#', '?', '%' or '<' in names still link. */
    static String hrefOf(Path relative) {
        StringBuilder b = new StringBuilder();
        for (Path part : relative) {
            if (b.length() > 0) {
                b.append('/');
            }
            try {
                // The multi-argument URI constructor quotes characters illegal in a path; '?' and ';'
                // are legal there yet would change the meaning, so they are quoted by hand.
                String enc = new URI(null, null, part.toString(), null).getRawPath();
                b.append(enc.replace("?", "%3F").replace(";", "%3B").replace(":", "%3A"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot link to " + relative + ": " + e.getMessage(), e);
            }
        }
        return b.toString();
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String unit(String v, String unit) {
        return v.equals(MISSING) ? v : v + unit;
    }

    private static String significance(String text, double v, boolean significant) {
        return Double.isNaN(v) || !significant ? text : text + "*";
    }
}
