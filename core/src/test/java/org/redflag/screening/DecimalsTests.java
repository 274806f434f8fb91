package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detail sentences' figures are exactly what {@code String.format(Locale.ROOT, "%.Nf")} writes. */
class DecimalsTests {

    static void same(double v) {
        for (int places = 0; places <= 3; places++) {
            assertThat(Decimals.fixed(v, places)).as("%s to %d places", v, places)
                    .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
        }
    }

    @Test
    void halves_round_up_on_the_shortest_decimal_form_as_the_formatter_does() {
        for (double v : new double[] {0, 0.5, 1.5, 2.5, 0.125, 1.005, 2.675, 1.0E-7, 123456789.125, 1e20, 99.995,
                0.045, 70, 699.99, 1.0 / 3, 2.0 / 3, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                9.5, 0.95, 9.995, 999.9995, 9999999.5, 9999999.4999, 1e7, 0.001, 0.0009995, 0.0005}) { // carries, edges
            same(v);
        }
    }

    @Test
    void negatives_and_non_numbers_as_the_formatter_writes_them() {
        for (double v : new double[] {-0.0, -1.005, -2.5, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            same(v);
        }
    }

    @Test
    void prices_ratios_and_counts_at_random() {
        Random r = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Math.round(r.nextDouble() * 1e7) / 100.0; // a price in cents
                case 1 -> 100 * (r.nextInt(100_000) / 100.0) / (1 + r.nextInt(100_000) / 100.0); // a percentage
                case 2 -> r.nextInt(1000) + r.nextInt(1000) / 1000.0 + 0.0005; // near a half
                default -> Double.longBitsToDouble(r.nextLong() & 0x7fffffffffffffffL); // any non-negative double
            };
            same(v);
        }
    }
}
