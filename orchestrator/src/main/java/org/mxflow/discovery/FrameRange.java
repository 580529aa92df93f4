package org.mxflow.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** An inclusive run of frame numbers, {@code first-last}. */
public record FrameRange(int first, int last) {

    public FrameRange {
        if (last < first) {
            throw new IllegalArgumentException("frame range " + first + "-" + last + " is empty");
        }
    }

    public int count() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? String.valueOf(first) : first + "-" + last;
    }

    /** Consecutive runs of sorted, distinct frame numbers: {1,2,3,5} gives 1-3, 5. */
    public static List<FrameRange> runs(int[] sortedFrames) {
        List<FrameRange> out = new ArrayList<>();
        int i = 0;
        while (i < sortedFrames.length) {
            int j = i;
            while (j + 1 < sortedFrames.length && sortedFrames[j + 1] == sortedFrames[j] + 1) {
                j++;
            }
            out.add(new FrameRange(sortedFrames[i], sortedFrames[j]));
            i = j + 1;
        }
        return out;
    }

    /** The frames of {@code wanted} not covered by {@code present} (both sorted, non-overlapping runs). */
    public static List<FrameRange> missing(FrameRange wanted, List<FrameRange> present) {
        List<FrameRange> out = new ArrayList<>();
        int next = wanted.first;
        for (FrameRange r : present) {
            if (r.last < next) {
                continue;
            }
            if (r.first > wanted.last) {
                break;
            }
            if (r.first > next) {
                out.add(new FrameRange(next, Math.min(r.first - 1, wanted.last)));
            }
            next = Math.max(next, r.last + 1);
        }
        if (next <= wanted.last) {
            out.add(new FrameRange(next, wanted.last));
        }
        return out;
    }

    public static int count(List<FrameRange> ranges) {
        return ranges.stream().mapToInt(FrameRange::count).sum();
    }

    public static String format(List<FrameRange> ranges) {
        return ranges.stream().map(FrameRange::toString).collect(Collectors.joining(","));
    }
}
