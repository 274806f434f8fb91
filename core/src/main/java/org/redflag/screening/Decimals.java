package org.redflag.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fixed-point text for the figures in a flag's detail sentence, the same text as {@code String.format(Locale.ROOT,
 * "%.Nf", v)} (which rounds the double's shortest decimal form half up) without a formatter per call: the detail
 * of every flagged listing has several, and the formatter was a tenth of the screening time.
 */
final class Decimals {

    private Decimals() {
    }

    /** {@code v} with {@code places} decimals, as {@code %.<places>f} in the root locale. */
    static String fixed(double v, int places) {
        if (!(v >= 0) || Double.isInfinite(v) || (v == 0 && 1 / v < 0)) {
            return String.format(Locale.ROOT, "%." + places + "f", v); // negative, -0.0, NaN, infinite: rare here
        }
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
