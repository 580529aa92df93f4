package org.mxflow.spots;

/**
 * Running count-weighted moments of the pixels of one spot (pixel centres at +0.5, frames
 * at number − 0.5 as DIALS and XDS place them). Mutable on purpose: it is filled pixel by pixel
 * and merged across frames, then turned into a {@link Spot}.
 */
public final class PixelMoments {
    long pixelCount;
    double sumI;
    double sumIx;
    double sumIy;
    double sumIz;
    double sumIxx;
    double sumIyy;
    double sumIzz;
    int xMin = Integer.MAX_VALUE;
    int xMax = Integer.MIN_VALUE;
    int yMin = Integer.MAX_VALUE;
    int yMax = Integer.MIN_VALUE;
    int firstFrame = Integer.MAX_VALUE;
    int lastFrame = Integer.MIN_VALUE;
    int peakCounts = Integer.MIN_VALUE;
    double peakX;
    double peakY;
    double peakZ;

    void add(int x, int y, int frame, int counts) {
        double cx = x + 0.5;
        double cy = y + 0.5;
        double cz = frame - 0.5;
        pixelCount++;
        sumI += counts;
        sumIx += counts * cx;
        sumIy += counts * cy;
        sumIz += counts * cz;
        sumIxx += counts * cx * cx;
        sumIyy += counts * cy * cy;
        sumIzz += counts * cz * cz;
        xMin = Math.min(xMin, x);
        xMax = Math.max(xMax, x);
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
        firstFrame = Math.min(firstFrame, frame);
        lastFrame = Math.max(lastFrame, frame);
        if (counts > peakCounts) {
            peakCounts = counts;
            peakX = cx;
            peakY = cy;
            peakZ = cz;
        }
    }

    void merge(PixelMoments o) {
        pixelCount += o.pixelCount;
        sumI += o.sumI;
        sumIx += o.sumIx;
        sumIy += o.sumIy;
        sumIz += o.sumIz;
        sumIxx += o.sumIxx;
        sumIyy += o.sumIyy;
        sumIzz += o.sumIzz;
        xMin = Math.min(xMin, o.xMin);
        xMax = Math.max(xMax, o.xMax);
        yMin = Math.min(yMin, o.yMin);
        yMax = Math.max(yMax, o.yMax);
        firstFrame = Math.min(firstFrame, o.firstFrame);
        lastFrame = Math.max(lastFrame, o.lastFrame);
        if (o.peakCounts > peakCounts) {
            peakCounts = o.peakCounts;
            peakX = o.peakX;
            peakY = o.peakY;
            peakZ = o.peakZ;
        }
    }

    double centroidX() {
        return sumIx / sumI;
    }

    double centroidY() {
        return sumIy / sumI;
    }

    double centroidZ() {
        return sumIz / sumI;
    }

    double varianceX() {
        return Math.max(0, sumIxx / sumI - centroidX() * centroidX());
    }

    double varianceY() {
        return Math.max(0, sumIyy / sumI - centroidY() * centroidY());
    }

    double varianceZ() {
        return Math.max(0, sumIzz / sumI - centroidZ() * centroidZ());
    }
}
