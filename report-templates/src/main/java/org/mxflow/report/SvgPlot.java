package org.mxflow.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line-and-point chart written as an inline SVG string: axes, ticks, grid, series,
 * labels and a legend. No script and no external resource, so a report stays one
 * self-contained file that also prints. Every piece of text is XML-escaped here, so the result
 * can go into a page unescaped.
 *
 * <p>The x axis is either linear or a resolution axis: values are d in Å, placed at 1/d²
 * (equal reciprocal-volume steps, as crystallographic programs plot shells) and labelled in d.
 * Points carry an SVG {@code <title>}, which browsers show on hover.
 */
public final class SvgPlot {

    /** One data series; NaN values leave a gap. */
    public record Series(String name, double[] x, double[] y, String colour) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /** Colour-blind-safe palette (Okabe & Ito 2008). */
    public static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9");

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean resolutionAxis;
    private final List<Series> series = new ArrayList<>();
    private int widthPx = 440;
    private int heightPx = 270;
    private Double yMin;
    private Double yMax;

    private static final int LEFT = 58, RIGHT = 14, TOP = 30, BOTTOM = 46;

    private SvgPlot(String title, String xLabel, String yLabel, boolean resolutionAxis) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.resolutionAxis = resolutionAxis;
    }

    /** A chart whose x values are resolutions d in Å, spaced by 1/d². */
    public static SvgPlot againstResolution(String title, String yLabel) {
        return new SvgPlot(title, "Resolution (Å)", yLabel, true);
    }

    /** A chart with a linear x axis. */
    public static SvgPlot linear(String title, String xLabel, String yLabel) {
        return new SvgPlot(title, xLabel, yLabel, false);
    }

    /** Adds a series in the next palette colour. */
    public SvgPlot series(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, PALETTE.get(series.size() % PALETTE.size())));
        return this;
    }

    /** Fixes the y range (e.g. 0–100 for percentages) instead of fitting it to the data. */
    public SvgPlot yRange(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("y range needs max > min, got " + min + ".." + max);
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** Sets the drawing size in CSS pixels. */
    public SvgPlot size(int widthPx, int heightPx) {
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        return this;
    }

    /** The chart as an {@code <svg>} element. */
    public String toSvg() {
        double[] xr = dataRange(true);
        double[] yr = yMin != null ? new double[] {yMin, yMax} : niceRange(dataRange(false));
        double x0 = toPlotX(xr[0]), x1 = toPlotX(xr[1]);
        if (x0 == x1) {             // a single point: widen so it sits in the middle
            x0 -= 0.5 * Math.max(Math.abs(x0), 1e-3);
            x1 += 0.5 * Math.max(Math.abs(x1), 1e-3);
        }
        final double px0 = x0, px1 = x1;
        double plotW = widthPx - LEFT - RIGHT, plotH = heightPx - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator sx = v -> LEFT + (toPlotX(v) - px0) / (px1 - px0) * plotW;
        java.util.function.DoubleUnaryOperator sy = v -> TOP + plotH - (v - yr[0]) / (yr[1] - yr[0]) * plotH;

        StringBuilder s = new StringBuilder(4096);
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                widthPx, heightPx, widthPx, heightPx, escape(title)));
        s.append("<title>").append(escape(title)).append("</title>");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"%s\" fill=\"#fff\" stroke=\"#444\"/>",
                LEFT, TOP, fmt(plotW), fmt(plotH)));
        s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                fmt(LEFT + plotW / 2), escape(title)));

        // y ticks and grid
        for (double t : ticks(yr[0], yr[1])) {
            double y = sy.applyAsDouble(t);
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%s\" text-anchor=\"end\" font-size=\"11\">%s</text>",
                    LEFT, fmt(y), fmt(LEFT + plotW), fmt(y), LEFT - 5, fmt(y + 4), escape(tickLabel(t))));
        }
        // x ticks: for a resolution axis equal steps in 1/d², labelled in d
        for (double t : xTicks(px0, px1)) {
            double x = LEFT + (t - px0) / (px1 - px0) * plotW;
            String label = resolutionAxis ? String.format(Locale.ROOT, "%.2f", 1 / Math.sqrt(t)) : tickLabel(t);
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/><text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"11\">%s</text>",
                    fmt(x), TOP, fmt(x), fmt(TOP + plotH), fmt(x), fmt(TOP + plotH + 15), escape(label)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>",
                fmt(LEFT + plotW / 2), heightPx - 8, escape(xLabel)));
        s.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%s\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 %s)\">%s</text>",
                fmt(TOP + plotH / 2), fmt(TOP + plotH / 2), escape(yLabel)));

        for (Series ser : series) {
            StringBuilder path = new StringBuilder();
            boolean penDown = false;
            for (int i = 0; i < ser.x().length; i++) {
                if (!finite(ser.x()[i]) || !finite(ser.y()[i])) {
                    penDown = false;
                    continue;
                }
                path.append(penDown ? " L" : (path.length() == 0 ? "M" : " M"))
                        .append(fmt(sx.applyAsDouble(ser.x()[i]))).append(' ').append(fmt(sy.applyAsDouble(clampY(ser.y()[i], yr))));
                penDown = true;
            }
            if (path.length() > 0) {
                s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(escape(ser.colour()))
                        .append("\" stroke-width=\"2\"/>");
            }
            for (int i = 0; i < ser.x().length; i++) {
                if (!finite(ser.x()[i]) || !finite(ser.y()[i])) {
                    continue;
                }
                String tip = ser.name() + ": " + (resolutionAxis ? "d = " + tickLabel(ser.x()[i]) + " Å" : tickLabel(ser.x()[i]))
                        + ", " + tickLabel(ser.y()[i]);
                s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>",
                        fmt(sx.applyAsDouble(ser.x()[i])), fmt(sy.applyAsDouble(clampY(ser.y()[i], yr))), escape(ser.colour()), escape(tip)));
            }
        }
        if (series.size() > 1) {
            double ly = TOP + 8;
            for (Series ser : series) {
                double lx = LEFT + plotW - 120;
                s.append(String.format(Locale.ROOT,
                        "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%s\" y=\"%s\" font-size=\"11\">%s</text>",
                        fmt(lx), fmt(ly), fmt(lx + 18), fmt(ly), escape(ser.colour()), fmt(lx + 22), fmt(ly + 4), escape(ser.name())));
                ly += 15;
            }
        }
        return s.append("</svg>").toString();
    }

    private static double clampY(double y, double[] yr) {
        // Points beyond a fixed range sit on its edge rather than outside the frame.
        return Math.max(yr[0], Math.min(yr[1], y));
    }

    private double toPlotX(double v) {
        return resolutionAxis ? 1 / (v * v) : v;
    }

    private double[] dataRange(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series ser : series) {
            double[] xs = ser.x(), ys = ser.y();
            for (int i = 0; i < xs.length; i++) {
                if (finite(xs[i]) && finite(ys[i]) && (!resolutionAxis || xs[i] > 0)) {
                    double v = x ? xs[i] : ys[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return x ? (resolutionAxis ? new double[] {10, 1} : new double[] {0, 1}) : new double[] {0, 1};
        }
        // Resolution: larger d is further left, so the "low" end of the axis is the largest d.
        return x && resolutionAxis ? new double[] {hi, lo} : new double[] {lo, hi};
    }

    private static double[] niceRange(double[] r) {
        double lo = Math.min(0, r[0]), hi = r[1];
        if (hi <= lo) {
            hi = lo + 1;
        }
        double step = niceStep((hi - lo) / 5);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    static List<Double> ticks(double lo, double hi) {
        double step = niceStep((hi - lo) / 5);
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return t;
    }

    private List<Double> xTicks(double lo, double hi) {
        if (!resolutionAxis) {
            return ticks(lo, hi);
        }
        // Six equal steps in 1/d² from the lowest to the highest resolution.
        List<Double> t = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            t.add(lo + (hi - lo) * i / 5);
        }
        return t;
    }

    private static String tickLabel(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** XML/HTML text and attribute escaping. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
