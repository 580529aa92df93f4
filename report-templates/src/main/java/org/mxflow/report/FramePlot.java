package org.mxflow.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * A small per-frame chart (spots or scale against frame number) as an inline SVG string, small
 * enough to sit in a table cell for hundreds of data sets: one polyline, the frame range and the
 * value range as labels, and a {@code <title>} with the numbers for hover.
 *
 * <p>Long sweeps are reduced to at most two points per horizontal pixel (the minimum and the
 * maximum of the frames in that pixel), so a single bad frame still shows as a spike while a
 * 3600-frame sweep costs no more than a 300-frame one.
 */
public final class FramePlot {

    private FramePlot() {}

    /**
     * The chart, or a short "no data" SVG when {@code values} is empty or all NaN.
     *
     * @param what       what is plotted, e.g. "spots per frame" (goes into the hover title)
     * @param firstFrame frame number of {@code values[0]}
     * @param values     one value per frame; NaN leaves a gap
     * @param colour     stroke colour, e.g. "#0072B2"
     */
    public static String svg(String what, int firstFrame, double[] values, String colour, int widthPx, int heightPx) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                finite++;
            }
        }
        StringBuilder s = new StringBuilder(1024);
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"frameplot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                widthPx, heightPx, widthPx, heightPx));
        if (finite == 0) {
            s.append("<title>").append(SvgPlot.escape(what)).append(": no data</title>");
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\" fill=\"#888\">no %s</text>",
                    heightPx / 2 + 3, SvgPlot.escape(what)));
            return s.append("</svg>").toString();
        }
        int lastFrame = firstFrame + values.length - 1;
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
        s.append("<title>").append(SvgPlot.escape(String.format(Locale.ROOT, "%s, frames %d–%d: min %s, median %s, max %s",
                what, firstFrame, lastFrame, num(lo), num(median), num(hi)))).append("</title>");

        final int left = 2, right = 2, top = 3, bottom = 11;
        double plotW = widthPx - left - right, plotH = heightPx - top - bottom;
        double yLo = Math.min(0, lo), yHi = hi > yLo ? hi : yLo + 1;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\" stroke=\"#ccc\"/>",
                left, top, plotW, plotH));
        // Bin frames into pixel columns; each column contributes its min and max (in frame order).
        int columns = (int) Math.max(1, Math.round(plotW));
        StringBuilder pts = new StringBuilder(columns * 16);
        int n = values.length;
        boolean penDown = false;
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns), to = (int) ((long) (c + 1) * n / columns);
            if (to <= from) {
                continue;
            }
            double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
            int iMn = -1, iMx = -1;
            for (int i = from; i < to; i++) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    if (v < mn) { mn = v; iMn = i; }
                    if (v > mx) { mx = v; iMx = i; }
                }
            }
            if (iMn < 0) {
                penDown = false;
                continue;
            }
            int a = Math.min(iMn, iMx), b = Math.max(iMn, iMx);
            for (int i : a == b ? new int[] {a} : new int[] {a, b}) {
                double x = left + (n == 1 ? plotW / 2 : (double) i / (n - 1) * plotW);
                double y = top + plotH - (values[i] - yLo) / (yHi - yLo) * plotH;
                pts.append(penDown ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                penDown = true;
            }
        }
        s.append("<path d=\"").append(pts.toString().trim()).append("\" fill=\"none\" stroke=\"").append(SvgPlot.escape(colour))
                .append("\" stroke-width=\"1.2\"/>");
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\">%d</text><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\" text-anchor=\"end\">%d</text>",
                left, heightPx - 1, firstFrame, widthPx - right, heightPx - 1, lastFrame));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\" text-anchor=\"middle\">max %s</text>",
                widthPx / 2, heightPx - 1, SvgPlot.escape(num(hi))));
        return s.append("</svg>").toString();
    }

    private static String num(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
