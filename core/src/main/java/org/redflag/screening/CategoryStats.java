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
