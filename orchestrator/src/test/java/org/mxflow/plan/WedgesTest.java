package org.mxflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.discovery.FrameRange;

/** The wedge arithmetic and examples of kamo-conventions §2.4 (KAMO's split_data_by_deg). */
class WedgesTest {

    private static List<String> kamo(int first, int last, double width) {
        return Wedges.split(new FrameRange(first, last), width, 30, 0).stream().map(r -> r.first() + "-" + r.last()).toList();
    }

    @Test
    void fullTurnAtPointOneDegreeGivesTwelveWedgesOf300Frames() {
        List<String> w = kamo(1, 3600, 0.1);
        assertThat(w).hasSize(12);
        assertThat(w.get(0)).isEqualTo("1-300");
        assertThat(w.get(1)).isEqualTo("301-600");
        assertThat(w.get(11)).isEqualTo("3301-3600");
        assertThat(kamo(1, 7200, 0.1)).hasSize(24);   // 720°
    }

    @Test
    void remainderIsKeptAsAShorterLastWedge() {
        assertThat(kamo(1, 1000, 0.1)).containsExactly("1-300", "301-600", "601-900", "901-1000");
    }

    @Test
    void wedgesAreAlignedToAbsoluteFrameNumbersNotToTheFirstFrame() {
        assertThat(kamo(101, 700, 0.1)).containsExactly("101-300", "301-600", "601-700");
        // KAMO's quirk: a dataset starting on a multiple of n begins with a one-frame wedge
        assertThat(kamo(300, 900, 0.1)).containsExactly("300-300", "301-600", "601-900");
    }

    @Test
    void minimumWedgeJoinsTooShortEndPiecesToTheirNeighbour() {
        assertThat(Wedges.split(new FrameRange(300, 900), 0.1, 30, 5)).containsExactly(new FrameRange(300, 600), new FrameRange(601, 900));
        assertThat(Wedges.split(new FrameRange(1, 620), 0.1, 30, 5)).containsExactly(new FrameRange(1, 300), new FrameRange(301, 620));
        // 10° remainder is above 5° and stays on its own
        assertThat(Wedges.split(new FrameRange(1, 1000), 0.1, 30, 5)).hasSize(4);
    }

    @Test
    void framesPerWedgeRoundsHalfUpLikeKamo() {
        assertThat(Wedges.framesPerWedge(30, 0.1)).isEqualTo(300);
        assertThat(Wedges.framesPerWedge(30, 0.25)).isEqualTo(120);
        assertThat(Wedges.framesPerWedge(30, 0.8)).isEqualTo(38);   // 37.5 -> 38
        assertThat(Wedges.framesPerWedge(30, 7)).isEqualTo(4);      // 4.29 -> 4
    }

    @Test
    void multiModeTenDegreeWedgeComesOutUnchanged() {
        assertThat(kamo(1, 100, 0.1)).containsExactly("1-100");
        assertThat(kamo(101, 200, 0.1)).containsExactly("101-200");   // second EIGER trigger
    }
}
