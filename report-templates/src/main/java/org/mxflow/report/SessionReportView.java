package org.mxflow.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The session report's rows as text in ZOO's formats (kamo-conventions 6): pinid
 * {@code "CPS1012 1"}, wavelength {@code %.4f}, total phi {@code %.1f}, osc width {@code %.2f},
 * raster beam {@code "20*20 (um)"}, area {@code "470*503 (23*25 grids)"}, meas time {@code %.2f}.
 * No I/O; links relative to the page.
 */
public final class SessionReportView {

    /** A link as text + href. */
    public record Link(String text, String href) {}

    /** One table row; {@code statusClass} colours the log comment. */
    public record Row(String pinId, String sampleName, String mode, String wavelength, String totalPhi, String oscillation,
                      String rasterBeam, String rasterArea, String datasets, String logComment, String statusClass,
                      String measTime, String loopHref, String heatMapHref, String hitReportHref,
                      List<Link> processing, List<Link> merges) {}

    private SessionReportView() {}

    public static List<Row> rows(SessionReport report, Path pageDir) {
        return rows(report, pageDir, p -> false);
    }

    /**
     * The rows; links to paths that {@code isDirectory} accepts end in "/", so a reader (and the
     * archive's link check) can tell a directory from a file.
     */
    public static List<Row> rows(SessionReport report, Path pageDir, java.util.function.Predicate<Path> isDirectory) {
        List<Row> out = new ArrayList<>();
        for (SessionReport.Pin p : report.pins()) {
            boolean raster = Double.isFinite(p.rasterBeamHUm()) && Double.isFinite(p.rasterBeamVUm());
            boolean area = Double.isFinite(p.rasterAreaHUm()) && Double.isFinite(p.rasterAreaVUm());
            String comment = p.logComment() == null ? "" : p.logComment();
            out.add(new Row(pinId(p.puckId(), p.pinId()), nz(p.sampleName()), nz(p.mode()),
                    fixed(p.wavelengthA(), 4), fixed(p.totalPhiDeg(), 1), fixed(p.oscillationDeg(), 2),
                    raster ? number(p.rasterBeamHUm()) + "*" + number(p.rasterBeamVUm()) + " (um)" : "",
                    area ? number(p.rasterAreaHUm()) + "*" + number(p.rasterAreaVUm())
                            + (p.gridH() > 0 && p.gridV() > 0 ? " (" + p.gridH() + "*" + p.gridV() + " grids)" : "") : "",
                    Integer.toString(p.datasets()), comment,
                    comment.equalsIgnoreCase("Normal termination") ? "done" : comment.isBlank() ? "pending" : "failed",
                    fixed(p.measTimeMin(), 2), href(pageDir, p.loopImage()), href(pageDir, p.heatMap()),
                    href(pageDir, p.hitReport()), links(pageDir, p.processing(), isDirectory), links(pageDir, p.merges(), isDirectory)));
        }
        return out;
    }

    /** The top-level links. */
    public static List<Link> links(Path pageDir, List<SessionReport.Link> links, java.util.function.Predicate<Path> isDirectory) {
        return links.stream().map(l -> new Link(l.label(), href(pageDir, l.target()) + (isDirectory.test(l.target()) ? "/" : ""))).toList();
    }

    /** ZOO's pinid: puck, a space, the pin number without leading zeros ("CPS1012 1"). */
    static String pinId(String puck, String pin) {
        String p = pin == null ? "" : pin;
        if (p.matches("[0-9]{1,9}")) {
            p = Integer.toString(Integer.parseInt(p));
        }
        return (puck == null ? "" : puck) + " " + p;
    }

    private static String href(Path pageDir, Path target) {
        if (target == null) {
            return null;
        }
        return CorrectHtmlView.hrefOf(CorrectHtmlView.relativeLink(pageDir, target));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
