package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DiffractionGeometryTest {

    @Test
    void aPixelAtRadiusEqualToTheDistanceIsAt45DegreesTwoTheta() {
        // distance 172 mm = 1000 pixels of 0.172 mm: 2θ = 45°, d = λ / (2 sin 22.5°)
        DiffractionGeometry g = new DiffractionGeometry(1.0, 172.0, 100, 200, 0.172, 0.172);
        assertThat(g.dSpacingA(100, 1200)).isCloseTo(1.0 / (2 * Math.sin(Math.toRadians(22.5))), within(1e-12));
        assertThat(g.dSpacingA(100, 200)).isInfinite();
    }

    @Test
    void iceRingFlagsTheStrongestIceRingButNotItsSurroundings() {
        IceRings ice = new IceRings(0.002);
        assertThat(ice.contains(3.897)).isTrue();
        assertThat(ice.contains(3.90)).isTrue();          // 1/d² differs by 1.3e-4
        assertThat(ice.contains(4.2)).isFalse();
        assertThat(ice.contains(3.0)).isFalse();
        assertThat(ice.contains(Double.POSITIVE_INFINITY)).isFalse();
    }
}
