package org.redflag.screening;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-category averages of units sold and negative-review share, gathered from the feed itself in a first pass.
 * Categories with fewer than {@link #MIN_LISTINGS} listings fall back to the whole feed's averages, so one odd
 * listing in a tiny category cannot set its own yardstick.
 */
public final class CategoryStats {

    public static final int MIN_LISTINGS = 20;

    private static final class Sums {
        long n;
        double units;
        long reviewed;
        double negative;
    }

    private final Map<String, Sums> byCategory = new HashMap<>();
    private final Sums all = new Sums();

    /**
     * Adds a raw feed line without parsing it as a whole: the first pass over a feed only needs three fields, and
     * reading them by name is several times cheaper than a full parse. A line where they cannot be read this way is
     * skipped here (the second pass reports it if it is bad).
     */
    public void addLine(String line) {
        String category = stringField(line, "\"category\"");
        double units = numberField(line, "\"unitsSold\"");
        double negative = numberField(line, "\"negativeReviewRatio\"");
        Sums s = byCategory.computeIfAbsent(category == null ? "" : category, c -> new Sums());
        if (!Double.isNaN(units)) {
            s.n++;
            s.units += units;
            all.n++;
            all.units += units;
        }
        if (!Double.isNaN(negative)) {
            s.reviewed++;
            s.negative += negative;
            all.reviewed++;
            all.negative += negative;
        }
    }

    private static int valueStart(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ':') {
            return -1;
        }
        i++;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static String stringField(String line, String key) {
        int i = valueStart(line, key);
        if (i < 0 || i >= line.length() || line.charAt(i) != '"') {
            return null;
        }
        int end = line.indexOf('"', i + 1);
        if (end < 0 || line.lastIndexOf('\\', end) > i) {
            return null;
        }
        return line.substring(i + 1, end);
    }

    static double numberField(String line, String key) {
        int i = valueStart(line, key);
        if (i < 0) {
            return Double.NaN;
        }
        int end = i;
        while (end < line.length() && "0123456789.eE+-".indexOf(line.charAt(end)) >= 0) {
            end++;
        }
        try {
            return end == i ? Double.NaN : Double.parseDouble(line.substring(i, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public void add(Listing l) {
        add(byCategory.computeIfAbsent(l.category() == null ? "" : l.category(), c -> new Sums()), l);
        add(all, l);
    }

    private static void add(Sums s, Listing l) {
        if (l.unitsSold() != null) {
            s.n++;
            s.units += l.unitsSold();
        }
        if (l.negativeReviewRatio() != null) {
            s.reviewed++;
            s.negative += l.negativeReviewRatio();
        }
    }

    /** {average units, average negative share, listings counted}, or null when there is nothing to compare with. */
    public double[] averages(String category) {
        Sums s = byCategory.get(category == null ? "" : category);
        if (s == null || s.n < MIN_LISTINGS || s.reviewed < MIN_LISTINGS) {
            s = all;
        }
        if (s.n == 0 || s.reviewed == 0) {
            return null;
        }
        return new double[] {s.units / s.n, s.negative / s.reviewed, s.n};
    }
}
