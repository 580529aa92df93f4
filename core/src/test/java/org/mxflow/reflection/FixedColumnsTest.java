package org.mxflow.reflection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FixedColumns must write exactly what java.util.Formatter writes (the independent reference). */
class FixedColumnsTest {

    /** Values that are hard for a formatter: ties, decade edges, signs, zeros, extremes. */
    private static List<Double> edgeCases() {
        List<Double> v = new ArrayList<>(List.of(0.0, -0.0, 0.5, -0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 0.125, 0.0625, 1.25,
                1.35, 2.675, 1.005, 9.9995, 9.99949, 9.99951, 99.995, 999.95, 9999.5, 99995.0, 0.00049999, 0.0005, -0.0004,
                -0.04, -0.05, 123456.789, 1e-300, -1e-300, 1e300, 4.9e-324, Double.MAX_VALUE, Double.MIN_NORMAL,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e15, 1e16, 123456789012.345, 1e-5, 9.5e-5,
                0.1 + 0.2, 1 - 1e-16, 10 - 1e-14, 1e22, 1e23, 1e99, 9.9999e99, 1e100, 1e-99, 1e-100, 0.000999999));
        for (int p = -30; p <= 30; p++) {
            double t = Math.pow(10, p);
            v.add(t);
            v.add(Math.nextUp(t));
            v.add(Math.nextDown(t));
            v.add(-t);
            v.add(9.9995 * t);
            v.add(1.0005 * t);
        }
        return v;
    }

    @Test
    void fixedPointMatchesFormatterOnEdgeCasesAndRandomValues() {
        SplittableRandom random = new SplittableRandom(20261121);
        int checked = 0;
        List<Double> values = edgeCases();
        for (int i = 0; i < 120_000; i++) values.add(randomValue(random));
        for (double x : values) {
            for (int decimals = 0; decimals <= 6; decimals++) {
                int width = random.nextInt(0, 14);
                String expected = String.format(Locale.ROOT, "%" + (width == 0 ? "" : width) + "." + decimals + "f", x);
                String got = FixedColumns.fixed(new StringBuilder(), x, width, decimals).toString();
                assertThat(got).as("%%%d.%df of %s", width, decimals, Double.toString(x)).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(800_000);
    }

    @Test
    void exponentMatchesFormatterOnEdgeCasesAndRandomValues() {
        SplittableRandom random = new SplittableRandom(7);
        List<Double> values = edgeCases();
        for (int i = 0; i < 120_000; i++) values.add(randomValue(random));
        for (double x : values) {
            for (int decimals = 0; decimals <= 6; decimals++) {
                int width = random.nextInt(0, 14);
                String expected = String.format(Locale.ROOT, "%" + (width == 0 ? "" : width) + "." + decimals + "E", x);
                String got = FixedColumns.exponent(new StringBuilder(), x, width, decimals).toString();
                assertThat(got).as("%%%d.%dE of %s", width, decimals, Double.toString(x)).isEqualTo(expected);
            }
        }
    }

    @Test
    void integersMatchFormatter() {
        SplittableRandom random = new SplittableRandom(3);
        long[] edges = {0, 1, -1, 9, 10, -10, 99999, 100000, -99999, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE};
        for (long v : edges) {
            for (int width = 1; width < 22; width++) {
                assertThat(FixedColumns.integer(new StringBuilder(), v, width).toString())
                        .isEqualTo(String.format(Locale.ROOT, "%" + width + "d", v));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            int width = random.nextInt(1, 12);
            assertThat(FixedColumns.integer(new StringBuilder(), v, width).toString())
                    .isEqualTo(String.format(Locale.ROOT, "%" + width + "d", v));
        }
    }

    /** Magnitudes from 1e-8 to 1e12, both signs, a third of them on a short decimal grid (ties). */
    private static double randomValue(SplittableRandom random) {
        double magnitude = Math.pow(10, random.nextDouble(-8, 12));
        double x = random.nextBoolean() ? magnitude : -magnitude;
        if (random.nextInt(3) == 0) {
            double grid = Math.pow(10, -random.nextInt(0, 7));
            x = Math.round(x / grid) * grid + (random.nextBoolean() ? grid / 2 : 0);
        }
        return x;
    }
}
