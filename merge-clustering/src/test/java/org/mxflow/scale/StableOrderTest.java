package org.mxflow.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** StableOrder against List.sort (a stable TimSort) with Double.compare: the same permutation. */
class StableOrderTest {

    @Test
    void sameOrderAsAStableComparatorSort() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = random.nextInt(0, 300);
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(8);
                keys[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? Double.NaN : kind == 3 && i > 0 ? keys[i - 1]
                        : kind == 4 ? random.nextInt(5) : random.nextGaussian();
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) expected.add(i);
            expected.sort(Comparator.comparing(i -> keys[i], Double::compare));
            int[] got = StableOrder.of(keys);
            assertThat(got).as("trial %d", trial).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
