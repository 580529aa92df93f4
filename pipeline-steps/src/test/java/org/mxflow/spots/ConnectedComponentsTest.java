package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    private static FrameComponents label(int frame, int w, int h, int[] strong) {
        int[] px = new int[w * h];
        for (int i : strong) {
            px[i] = 10;
        }
        return ConnectedComponents.label(frame, new StrongPixels(w, h, strong), px);
    }

    @Test
    void diagonalNeighboursAreSeparateAndAUShapeIsOne() {
        int w = 10;
        // diagonal pair (1,1),(2,2); U shape: (5,1),(7,1),(5,2),(6,2),(7,2); a single pixel (9,5)
        int[] strong = {1 * w + 1, 1 * w + 5, 1 * w + 7, 2 * w + 2, 2 * w + 5, 2 * w + 6, 2 * w + 7, 5 * w + 9};
        FrameComponents c = label(1, w, 8, strong);
        assertThat(c.componentCount()).isEqualTo(4);
        assertThat(c.components().stream().mapToLong(m -> m.pixelCount).sorted().toArray())
                .containsExactly(1, 1, 1, 5);
        PixelMoments u = c.components().stream().filter(m -> m.pixelCount == 5).findFirst().orElseThrow();
        // equal weights: mean of x centres (5,7,5,6,7)+0.5 and y centres (1,1,2,2,2)+0.5
        assertThat(u.centroidX()).isEqualTo(6.5);
        assertThat(u.centroidY()).isEqualTo(2.1);
        assertThat(u.xMin).isEqualTo(5);
        assertThat(u.xMax).isEqualTo(7);
    }

    @Test
    void aSpotOnConsecutiveFramesIsJoinedButNotAcrossAGap() {
        int w = 10;
        int h = 10;
        FrameComponents f1 = label(1, w, h, new int[] {3 * w + 3, 3 * w + 4});
        FrameComponents f2 = label(2, w, h, new int[] {3 * w + 4, 3 * w + 5, 8 * w + 8});
        FrameComponents f4 = label(4, w, h, new int[] {8 * w + 8});
        List<PixelMoments> joined = ConnectedComponents.joinAcrossFrames(List.of(f4, f2, f1));
        assertThat(joined).hasSize(3);
        PixelMoments spot = joined.stream().filter(m -> m.pixelCount == 4).findFirst().orElseThrow();
        assertThat(spot.firstFrame).isEqualTo(1);
        assertThat(spot.lastFrame).isEqualTo(2);
        // equal weights on frames 1 and 2 (z centres 0.5 and 1.5): z = 1.0
        assertThat(spot.centroidZ()).isEqualTo(1.0);
    }
}
