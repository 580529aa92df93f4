package org.mxflow.plan;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.discovery.FrameRange;

/**
 * KAMO's {@code split_data_by_deg} arithmetic (kamo-conventions §2.4): wedges of
 * {@code n = round(wedge/width)} frames aligned to absolute frame numbers (multiples of n), the
 * remainder kept as a shorter last wedge.
 */
public final class Wedges {

    /** KAMO rounds half up: {@code int(x + 0.5)}. */
    public static int framesPerWedge(double wedgeDeg, double oscWidthDeg) {
        if (!(oscWidthDeg > 0) || !(wedgeDeg > 0)) {
            throw new IllegalArgumentException("wedge " + wedgeDeg + "° and oscillation width " + oscWidthDeg + "° must be positive");
        }
        return Math.max(1, (int) (wedgeDeg / oscWidthDeg + 0.5));
    }

    private Wedges() {
    }

    /**
     * The wedges of {@code frames}, exactly as KAMO cuts them.
     *
     * <p>With {@code minWedgeDeg > 0} a leading or trailing piece shorter than that is joined to its
     * neighbour instead of standing alone (KAMO's quirk makes a one-frame wedge {@code 300-300}
     * when a dataset starts on a multiple of n; kamo-conventions §2.4 recommends this fix).
     * With 0 the result is KAMO's, quirk included.
     */
    public static List<FrameRange> split(FrameRange frames, double oscWidthDeg, double wedgeDeg, double minWedgeDeg) {
        int n = framesPerWedge(wedgeDeg, oscWidthDeg);
        List<FrameRange> out = new ArrayList<>();
        int f1 = frames.first(), f2 = frames.last();
        for (int i = 0; i <= f2 / n; i++) {
            int lo = i * n + 1, hi = (i + 1) * n;
            if (hi < f1 || lo > f2) {
                continue;
            }
            out.add(new FrameRange(Math.max(lo, f1), Math.min(hi, f2)));
        }
        if (minWedgeDeg > 0 && out.size() > 1) {
            FrameRange first = out.get(0);
            if (first.count() * oscWidthDeg < minWedgeDeg) {
                out.remove(0);
                out.set(0, new FrameRange(first.first(), out.get(0).last()));
            }
        }
        if (minWedgeDeg > 0 && out.size() > 1) {
            FrameRange last = out.get(out.size() - 1);
            if (last.count() * oscWidthDeg < minWedgeDeg) {
                out.remove(out.size() - 1);
                out.set(out.size() - 1, new FrameRange(out.get(out.size() - 1).first(), last.last()));
            }
        }
        return out;
    }
}
