package org.redflag.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fixed-point text for the figures in a flag's detail sentence, the same text as {@code String.format(Locale.ROOT,
 * "%.Nf", v)} (which rounds the double's shortest decimal form half up) without a formatter per call: the detail
 * of every flagged listing has several, and the formatter was a tenth of the screening time. Below ten million the
 * shortest form's digits are rounded as they are, without building a decimal.
 */
final class Decimals {

    private Decimals() {
    }

    /** {@code v} with {@code places} decimals, as {@code %.<places>f} in the root locale. */
    static String fixed(double v, int places) {
        if (!(v >= 0) || Double.isInfinite(v) || (v == 0 && 1 / v < 0)) {
            return String.format(Locale.ROOT, "%." + places + "f", v); // negative, -0.0, NaN, infinite: rare here
        }
        if (v < 1e7 && places <= 3) {
            String shortest = Double.toString(v); // plain digits from 0.001 up to 10 million, else with an exponent
            if (shortest.indexOf('E') < 0) {
                return rounded(shortest, places);
            }
        }
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * Plain decimal digits with a point ("123.456") rounded half up to {@code places} decimals, as
     * {@code new BigDecimal(digits).setScale(places, HALF_UP).toPlainString()} writes them: the first digit dropped
     * decides (five or more: up), a carry may add a digit in front.
     */
    private static String rounded(String digits, int places) {
        int point = digits.indexOf('.');
        int fraction = digits.length() - point - 1;
        char[] out = new char[point + 1 + places + 1]; // a spare place in front for a carry
        int n = 1;
        for (int i = 0; i < point; i++) {
            out[n++] = digits.charAt(i);
        }
        int units = n; // the integer digits are out[1, units)
        for (int i = 0; i < places; i++) {
            out[n++] = i < fraction ? digits.charAt(point + 1 + i) : '0';
        }
        if (places < fraction && digits.charAt(point + 1 + places) >= '5') {
            int i = n - 1;
            while (i >= 1 && out[i] == '9') {
                out[i--] = '0';
            }
            if (i >= 1) {
                out[i]++;
            } else {
                out[0] = '1';
            }
        }
        int from = out[0] == '1' ? 0 : 1;
        StringBuilder b = new StringBuilder(n + 1);
        b.append(out, from, units - from);
        if (places > 0) {
            b.append('.').append(out, units, places);
        }
        return b.toString();
    }
}
