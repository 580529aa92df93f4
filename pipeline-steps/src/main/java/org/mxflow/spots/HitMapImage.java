package org.mxflow.spots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a raster scan's scores as a heat map on the scan grid: one cell per frame coloured by
 * spots in the resolution window (viridis-like scale, 0 dark to the maximum bright), the frame
 * number in each cell, a colour bar with 0 and the maximum. Digits are drawn from a built-in
 * 3×5 bitmap font so that rendering needs no installed fonts (headless beamline servers).
 */
public final class HitMapImage {

    private static final int CELL = 40;
    private static final int MARGIN = 10;
    private static final int BAR_WIDTH = 16;
    private static final int[][] VIRIDIS = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    private static final String[] DIGITS = {
        "111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
        "111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111"};

    private HitMapImage() {
    }

    public static BufferedImage render(List<HitScore> scores, ScanGrid grid) {
        int max = scores.stream().mapToInt(HitScore::spotsInWindow).max().orElse(0);
        int mapW = grid.columns() * CELL;
        int mapH = grid.rows() * CELL;
        int width = MARGIN + mapW + MARGIN + BAR_WIDTH + 4 + digitsWidth(String.valueOf(max), 2) + MARGIN;
        int height = MARGIN + Math.max(mapH, 5 * 2 * 2) + MARGIN;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, width, height, 0xffffff);
        fill(img, MARGIN, MARGIN, mapW, mapH, 0xd0d0d0);   // grid points without a frame stay grey
        for (int i = 0; i < scores.size() && i < grid.columns() * grid.rows(); i++) {
            HitScore s = scores.get(i);
            int x0 = MARGIN + grid.column(i) * CELL;
            int y0 = MARGIN + grid.row(i) * CELL;
            double f = max == 0 ? 0 : (double) s.spotsInWindow() / max;
            int rgb = colour(f);
            fill(img, x0 + 1, y0 + 1, CELL - 2, CELL - 2, rgb);
            int ink = f > 0.6 ? 0x000000 : 0xffffff;
            String label = String.valueOf(s.frameNumber());
            drawDigits(img, label, x0 + (CELL - digitsWidth(label, 2)) / 2, y0 + (CELL - 10) / 2, 2, ink);
        }
        int bx = MARGIN + mapW + MARGIN;
        for (int y = 0; y < mapH; y++) {
            fill(img, bx, MARGIN + y, BAR_WIDTH, 1, colour(1.0 - (double) y / Math.max(1, mapH - 1)));
        }
        drawDigits(img, String.valueOf(max), bx + BAR_WIDTH + 4, MARGIN, 2, 0x000000);
        drawDigits(img, "0", bx + BAR_WIDTH + 4, MARGIN + mapH - 10, 2, 0x000000);
        return img;
    }

    /** Writes the PNG under a temporary name and renames it into place. */
    public static void write(BufferedImage img, Path png) throws IOException {
        Path tmp = png.resolveSibling(png.getFileName() + ".part");
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException(png + ": no PNG writer in this Java runtime");
        }
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Colour of a fraction 0..1 of the maximum, interpolated between viridis stops. */
    static int colour(double f) {
        double t = Math.max(0, Math.min(1, f)) * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) t);
        double u = t - k;
        int r = (int) Math.round(VIRIDIS[k][0] + u * (VIRIDIS[k + 1][0] - VIRIDIS[k][0]));
        int g = (int) Math.round(VIRIDIS[k][1] + u * (VIRIDIS[k + 1][1] - VIRIDIS[k][1]));
        int b = (int) Math.round(VIRIDIS[k][2] + u * (VIRIDIS[k + 1][2] - VIRIDIS[k][2]));
        return (r << 16) | (g << 8) | b;
    }

    private static int digitsWidth(String s, int scale) {
        return s.length() * 4 * scale - scale;
    }

    private static void drawDigits(BufferedImage img, String s, int x, int y, int scale, int rgb) {
        for (int c = 0; c < s.length(); c++) {
            String glyph = DIGITS[s.charAt(c) - '0'];
            for (int gy = 0; gy < 5; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    if (glyph.charAt(gy * 3 + gx) == '1') {
                        fill(img, x + (c * 4 + gx) * scale, y + gy * scale, scale, scale, rgb);
                    }
                }
            }
        }
    }

    private static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
        for (int yy = Math.max(0, y); yy < Math.min(img.getHeight(), y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(img.getWidth(), x + w); xx++) {
                img.setRGB(xx, yy, rgb);
            }
        }
    }
}
