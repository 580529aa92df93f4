package org.mxflow.spots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connected-component labelling of strong pixels: 4-connectivity within a frame and
 * face contact between consecutive frames (DIALS's 2D and 3D labelling). Works on runs of
 * consecutive strong pixels along x, so no label image of the whole frame is needed.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Labels one frame's strong pixels and sums the counts-weighted moments of each component. */
    public static FrameComponents label(int frameNumber, StrongPixels strong, int[] pixels) {
        int[] idx = strong.indices();
        int w = strong.width();
        // Runs of consecutive indices on the same row.
        int[] runRow = new int[Math.max(16, idx.length)];
        int[] runStart = new int[runRow.length];
        int[] runEnd = new int[runRow.length];
        int runs = 0;
        for (int p = 0; p < idx.length; p++) {
            int y = idx[p] / w;
            int x = idx[p] - y * w;
            if (runs > 0 && runRow[runs - 1] == y && runEnd[runs - 1] == x - 1) {
                runEnd[runs - 1] = x;
            } else {
                runRow[runs] = y;
                runStart[runs] = x;
                runEnd[runs] = x;
                runs++;
            }
        }
        int[] parent = new int[runs];
        for (int r = 0; r < runs; r++) {
            parent[r] = r;
        }
        // Union each run with the runs of the row above that share a column.
        int prevRowFirst = 0;
        int prevRowEnd = 0;   // exclusive
        int r = 0;
        while (r < runs) {
            int row = runRow[r];
            int rowEnd = r;
            while (rowEnd < runs && runRow[rowEnd] == row) {
                rowEnd++;
            }
            if (prevRowEnd > prevRowFirst && runRow[prevRowFirst] == row - 1) {
                int q = prevRowFirst;
                for (int a = r; a < rowEnd; a++) {
                    while (q < prevRowEnd && runEnd[q] < runStart[a]) {
                        q++;
                    }
                    for (int b = q; b < prevRowEnd && runStart[b] <= runEnd[a]; b++) {
                        union(parent, a, b);
                    }
                }
            }
            prevRowFirst = r;
            prevRowEnd = rowEnd;
            r = rowEnd;
        }
        int[] component = new int[runs];
        int[] rootToComponent = new int[runs];
        Arrays.fill(rootToComponent, -1);
        List<PixelMoments> moments = new ArrayList<>();
        for (int a = 0; a < runs; a++) {
            int root = find(parent, a);
            if (rootToComponent[root] < 0) {
                rootToComponent[root] = moments.size();
                moments.add(new PixelMoments());
            }
            int c = rootToComponent[root];
            component[a] = c;
            PixelMoments m = moments.get(c);
            int base = runRow[a] * w;
            for (int x = runStart[a]; x <= runEnd[a]; x++) {
                m.add(x, runRow[a], frameNumber, pixels[base + x]);
            }
        }
        return new FrameComponents(frameNumber, idx.length, Arrays.copyOf(runRow, runs),
                Arrays.copyOf(runStart, runs), Arrays.copyOf(runEnd, runs), component, moments);
    }

    /**
     * Joins components of consecutive frames (frame numbers differing by one) that share a
     * pixel position, and returns the moments of each joined 3D component.
     */
    public static List<PixelMoments> joinAcrossFrames(List<FrameComponents> frames) {
        List<FrameComponents> sorted = new ArrayList<>(frames);
        sorted.sort((p, q) -> Integer.compare(p.frameNumber(), q.frameNumber()));
        int[] offset = new int[sorted.size() + 1];
        for (int f = 0; f < sorted.size(); f++) {
            offset[f + 1] = offset[f] + sorted.get(f).componentCount();
        }
        int[] parent = new int[offset[sorted.size()]];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int f = 0; f + 1 < sorted.size(); f++) {
            FrameComponents a = sorted.get(f);
            FrameComponents b = sorted.get(f + 1);
            if (b.frameNumber() != a.frameNumber() + 1) {
                continue;
            }
            // Both run lists are ordered by (row, start): walk them together.
            int i = 0;
            int j = 0;
            while (i < a.runRow().length && j < b.runRow().length) {
                int ra = a.runRow()[i];
                int rb = b.runRow()[j];
                if (ra < rb || (ra == rb && a.runEnd()[i] < b.runStart()[j])) {
                    i++;
                } else if (rb < ra || b.runEnd()[j] < a.runStart()[i]) {
                    j++;
                } else {
                    union(parent, offset[f] + a.runComponent()[i], offset[f + 1] + b.runComponent()[j]);
                    if (a.runEnd()[i] < b.runEnd()[j]) {
                        i++;
                    } else {
                        j++;
                    }
                }
            }
        }
        List<PixelMoments> joined = new ArrayList<>();
        int[] rootToJoined = new int[parent.length];
        Arrays.fill(rootToJoined, -1);
        for (int f = 0; f < sorted.size(); f++) {
            List<PixelMoments> comps = sorted.get(f).components();
            for (int c = 0; c < comps.size(); c++) {
                int root = find(parent, offset[f] + c);
                if (rootToJoined[root] < 0) {
                    rootToJoined[root] = joined.size();
                    joined.add(new PixelMoments());
                }
                joined.get(rootToJoined[root]).merge(comps.get(c));
            }
        }
        return joined;
    }

    private static int find(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
