package org.mxflow.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mxflow.cluster.Dendrogram;
import org.mxflow.merge.MergeDirectoryNames;

/**
 * A {@link Dendrogram} drawn as inline SVG for the merge report (kamo-conventions 5.4): leaves
 * in R's drawing order along the bottom, merge heights upwards, elbow links. Hovering a cluster
 * node shows {@code Cluster_NNNN (n files)}, its height, the caller's details and the datasets
 * in it; hovering a leaf shows its file number and path. Merged clusters are labelled in red
 * and link to their {@code cluster_NNNN/} directory. Plain Java, no script; all text escaped.
 */
public final class DendrogramSvg {

    /** At most this many dataset names are listed in one node's hover text. */
    static final int MAX_LISTED = 30;

    private DendrogramSvg() {}

    /**
     * @param tree           the clustering
     * @param leafNames      hover text of leaf i (0-based item index), e.g. "3: HEL0002/…/XDS_ASCII.HKL"
     * @param leafLabels     short label under leaf i, e.g. its 1-based file number
     * @param linkedClusters cluster numbers that were merged: drawn in red and linked to {@code cluster_NNNN/}
     * @param nodeDetails    extra hover lines per cluster number (ClH, LCV, Cmpl …); may miss numbers
     * @param title          chart title
     * @param heightLabel    what the height axis measures, e.g. "Ward distance (cell)" or "√(1 − CC)"
     */
    public static String render(Dendrogram tree, List<String> leafNames, List<String> leafLabels, Set<Integer> linkedClusters,
                                Map<Integer, String> nodeDetails, String title, String heightLabel) {
        int n = tree.leafCount();
        if (leafNames.size() != n || leafLabels.size() != n) {
            throw new IllegalArgumentException("dendrogram of " + n + " datasets but " + leafNames.size() + " names and "
                    + leafLabels.size() + " labels");
        }
        final int left = 56, right = 20, top = 34, bottom = 54;
        int width = Math.max(520, left + right + 14 * n);
        int height = 360;
        double plotW = width - left - right, plotH = height - top - bottom;
        double maxH = 0;
        for (double h : tree.heights()) {
            if (Double.isFinite(h)) {
                maxH = Math.max(maxH, h);
            }
        }
        if (maxH <= 0) {
            maxH = 1;
        }
        int[] order = tree.leafOrder();
        double[] leafX = new double[n];
        for (int pos = 0; pos < n; pos++) {
            leafX[order[pos]] = left + (n == 1 ? plotW / 2 : plotW * (pos + 0.5) / n);
        }
        int k = tree.clusterCount();
        double[] nodeX = new double[k + 1], nodeY = new double[k + 1];
        double base = top + plotH;
        final double scaleH = maxH;
        java.util.function.DoubleUnaryOperator yOf = h -> base - (Double.isFinite(h) ? h : scaleH) / scaleH * plotH;

        StringBuilder s = new StringBuilder(8192 + 600 * n);
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dendrogram\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, SvgPlot.escape(title)));
        s.append("<title>").append(SvgPlot.escape(title)).append("</title>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                left, SvgPlot.escape(title)));
        // height axis
        for (double t : SvgPlot.ticks(0, maxH)) {
            double y = yOf.applyAsDouble(t);
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>",
                    left, y, left + plotW, y, left - 4, y + 3, SvgPlot.escape(tick(t))));
        }
        s.append(String.format(Locale.ROOT,
                "<text x=\"13\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 13 %.1f)\">%s</text>",
                top + plotH / 2, top + plotH / 2, SvgPlot.escape(heightLabel)));

        // links first, so nodes sit on top of them
        StringBuilder nodes = new StringBuilder();
        for (int c = 1; c <= k; c++) {
            Dendrogram.Merge m = tree.merge(c);
            double xl = m.left() < 0 ? leafX[-m.left() - 1] : nodeX[m.left()];
            double yl = m.left() < 0 ? base : nodeY[m.left()];
            double xr = m.right() < 0 ? leafX[-m.right() - 1] : nodeX[m.right()];
            double yr = m.right() < 0 ? base : nodeY[m.right()];
            double y = yOf.applyAsDouble(m.height());
            nodeX[c] = (xl + xr) / 2;
            nodeY[c] = y;
            boolean merged = linkedClusters.contains(c);
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f V%.1f H%.1f V%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    xl, yl, y, xr, yr, merged ? "#c00" : "#555", merged ? "1.8" : "1"));

            String dir = MergeDirectoryNames.clusterDirectoryName(c);
            StringBuilder tip = new StringBuilder(String.format(Locale.ROOT, "Cluster_%04d (%d files), ClH = %s", c, m.size(), tick(m.height())));
            String details = nodeDetails.get(c);
            if (details != null && !details.isBlank()) {
                tip.append('\n').append(details);
            }
            int[] members = tree.members(c);
            for (int i = 0; i < members.length && i < MAX_LISTED; i++) {
                tip.append('\n').append(leafNames.get(members[i]));
            }
            if (members.length > MAX_LISTED) {
                tip.append("\n… and ").append(members.length - MAX_LISTED).append(" more");
            }
            String circle = String.format(Locale.ROOT, "<circle class=\"node\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>%s</title></circle>",
                    nodeX[c], y, merged ? "5" : "3.5", merged ? "#c00" : "#335", SvgPlot.escape(tip.toString()));
            if (merged) {
                nodes.append("<a class=\"cluster\" href=\"").append(SvgPlot.escape(dir + "/")).append("\">").append(circle)
                        .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#c00\" text-anchor=\"middle\">%d</text>",
                                nodeX[c], y - 8, c))
                        .append("</a>");
            } else {
                nodes.append(circle);
            }
        }
        s.append(nodes);
        // leaves
        boolean rotate = n > 20;
        for (int i = 0; i < n; i++) {
            double x = leafX[i];
            s.append(String.format(Locale.ROOT, "<g class=\"leaf\"><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#777\"/>",
                    SvgPlot.escape(leafNames.get(i)), x, base));
            if (rotate) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" transform=\"rotate(-90 %.1f %.1f)\">%s</text></g>",
                        x + 3, base + 8, x + 3, base + 8, SvgPlot.escape(leafLabels.get(i))));
            } else {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%s</text></g>",
                        x, base + 14, SvgPlot.escape(leafLabels.get(i))));
            }
        }
        return s.append("</svg>").toString();
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
