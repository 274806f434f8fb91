package org.redflag.screening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.redflag.source.JsonLines;

/**
 * Per-category averages of units sold and negative-review share, gathered from the feed itself in a first pass, or
 * read from a file ({@link CategoryStatsFile}). Categories with fewer listings than the pack's
 * {@code minCategoryListings} fall back to the averages of all categories together, so one odd listing in a tiny
 * category cannot set its own yardstick.
 */
public final class CategoryStats {

    private static final class Sums {
        long n;
        double units;
        long reviewed;
        double negative;

        void add(Sums o) {
            n += o.n;
            units += o.units;
            reviewed += o.reviewed;
            negative += o.negative;
        }
    }

    private final Map<String, Sums> byCategory = new HashMap<>();
    private final Sums all = new Sums();

    private static final byte QUOTE = '"';
    private static final byte[] CATEGORY = "\"category\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNITS = "\"unitsSold\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEGATIVE = "\"negativeReviewRatio\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * Adds a raw feed line, its UTF-8 bytes, without parsing it as a whole: the first pass over a feed only needs
     * three fields. The line is walked key by key, each value skipped unread (a string in eight-byte steps) but for
     * the three wanted; a line this walk does not take for a flat object (a nested value, a broken line) is searched
     * instead for the first occurrence of each quoted key and a colon. A field that cannot be read either way counts
     * as absent (the second pass reports the line if it is bad).
     */
    public void addLine(byte[] b, int off, int len) {
        if (!walk(b, off, off + len)) {
            search(b, off, off + len);
        }
    }

    /** The walk: false, having added nothing, for a line it does not take for a flat object. */
    private boolean walk(byte[] b, int from, int to) {
        int i = spaces(b, from, to);
        if (i >= to || b[i] != '{') {
            return false;
        }
        String category = null;
        double units = Double.NaN;
        double negative = Double.NaN;
        int seen = 0; // bits: category, units, negative share (the first occurrence of a key counts)
        i = spaces(b, i + 1, to);
        if (i < to && b[i] == '}') {
            add(null, units, negative);
            return true;
        }
        while (true) {
            if (i >= to || b[i] != '"') {
                return false;
            }
            int keyEnd = stringEnd(b, i + 1, to);
            if (keyEnd < 0) {
                return false;
            }
            int field = field(b, i, keyEnd + 1);
            i = spaces(b, keyEnd + 1, to);
            if (i >= to || b[i] != ':') {
                return false;
            }
            i = spaces(b, i + 1, to);
            if (i >= to) {
                return false;
            }
            int valueEnd;
            if (b[i] == '"') {
                int end = stringEnd(b, i + 1, to);
                if (end < 0) {
                    return false;
                }
                if (field == 0 && (seen & 1) == 0) {
                    category = JsonLines.indexOf(b, i + 1, end, (byte) '\\') >= 0 ? null : name(b, i + 1, end);
                }
                valueEnd = end + 1;
            } else if (b[i] == '{' || b[i] == '[') {
                return false;
            } else {
                valueEnd = i;
                while (valueEnd < to && b[valueEnd] != ',' && b[valueEnd] != '}' && b[valueEnd] != ' ') {
                    valueEnd++;
                }
                if (field == 1 && (seen & 2) == 0) {
                    units = numberValue(b, i, valueEnd);
                } else if (field == 2 && (seen & 4) == 0) {
                    negative = numberValue(b, i, valueEnd);
                }
            }
            if (field >= 0) {
                seen |= 1 << field;
            }
            i = spaces(b, valueEnd, to);
            if (i < to && b[i] == ',') {
                i = spaces(b, i + 1, to);
                continue;
            }
            if (i < to && b[i] == '}') {
                add(category, units, negative);
                return true;
            }
            return false;
        }
    }

    private final byte[][] namedBytes = new byte[64][];
    private final String[] names = new String[64];

    /**
     * The category named by the UTF-8 bytes {@code b[from, to)}: a feed repeats a few categories, so the strings
     * are kept by their bytes (a small table, a newer name taking an older one's place) rather than made a line.
     */
    private String name(byte[] b, int from, int to) {
        int len = to - from;
        int h = len;
        for (int k = from; k < to && k < from + 8; k++) {
            h = 31 * h + b[k];
        }
        int slot = (h ^ h >>> 7) & (names.length - 1);
        byte[] known = namedBytes[slot];
        if (known != null && known.length == len) {
            int k = 0;
            while (k < len && known[k] == b[from + k]) {
                k++;
            }
            if (k == len) {
                return names[slot];
            }
        }
        String name = new String(b, from, len, StandardCharsets.UTF_8);
        namedBytes[slot] = java.util.Arrays.copyOfRange(b, from, to);
        names[slot] = name;
        return name;
    }

    /** Which wanted key the quoted key in {@code b[from, to)} is: 0 category, 1 units sold, 2 negative share, -1. */
    private static int field(byte[] b, int from, int to) {
        int n = to - from;
        if (n == CATEGORY.length && startsWith(b, from, to, CATEGORY)) {
            return 0;
        }
        if (n == UNITS.length && startsWith(b, from, to, UNITS)) {
            return 1;
        }
        if (n == NEGATIVE.length && startsWith(b, from, to, NEGATIVE)) {
            return 2;
        }
        return -1;
    }

    /** The index of the quote that ends a string whose first byte is at {@code from}, or -1. */
    private static int stringEnd(byte[] b, int from, int to) {
        int q = JsonLines.indexOf(b, from, to, QUOTE);
        while (q >= 0) {
            int slashes = 0;
            for (int k = q - 1; k >= from && b[k] == '\\'; k--) {
                slashes++;
            }
            if (slashes % 2 == 0) {
                return q;
            }
            q = JsonLines.indexOf(b, q + 1, to, QUOTE);
        }
        return -1;
    }

    /** Past white space (here: any byte up to the space; a line with control characters is the second pass's). */
    private static int spaces(byte[] b, int i, int to) {
        while (i < to && (b[i] & 0xff) <= ' ') {
            i++;
        }
        return i;
    }

    /** The search: each value after the first occurrence of its quoted key, found from quote to quote. */
    private void search(byte[] b, int off, int to) {
        int category = -1;
        int units = -1;
        int negative = -1;
        for (int i = JsonLines.indexOf(b, off, to, QUOTE); i >= 0 && (category < 0 || units < 0 || negative < 0);
             i = JsonLines.indexOf(b, i + 1, to, QUOTE)) {
            if (category < 0 && startsWith(b, i, to, CATEGORY)) {
                category = i;
            } else if (units < 0 && startsWith(b, i, to, UNITS)) {
                units = i;
            } else if (negative < 0 && startsWith(b, i, to, NEGATIVE)) {
                negative = i;
            }
        }
        add(category < 0 ? null : stringValue(b, valueStart(b, category + CATEGORY.length, to), to),
                units < 0 ? Double.NaN : numberValue(b, valueStart(b, units + UNITS.length, to), to),
                negative < 0 ? Double.NaN : numberValue(b, valueStart(b, negative + NEGATIVE.length, to), to));
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] key) {
        if (at + key.length > to) {
            return false;
        }
        for (int k = 1; k < key.length; k++) {
            if (b[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    /** Feed bytes per part of a gathering: the parts' sums are added in file order, whatever the threads. */
    static final long PART_BYTES = 8L << 20;

    /**
     * Gathers the statistics of a whole feed file on {@code threads} threads: the file is cut into parts of
     * {@link #PART_BYTES} at line starts, each part is summed on its own, and the parts' sums are added in file
     * order, so the figures are the same for any number of threads. {@code stop} is asked before each part; once
     * it says yes, the gathering ends with a {@link java.util.concurrent.CancellationException}.
     */
    public static CategoryStats gather(Path feed, int threads, int maxLine, BooleanSupplier stop) throws IOException {
        return gather(feed, threads, maxLine, PART_BYTES, stop);
    }

    static CategoryStats gather(Path feed, int threads, int maxLine, long partBytes, BooleanSupplier stop)
            throws IOException {
        long size = Files.size(feed);
        int parts = (int) Math.max(1, (size + partBytes - 1) / partBytes);
        CategoryStats[] sums = new CategoryStats[parts];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> work = () -> {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                if (stop.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("stopped");
                }
                CategoryStats part = new CategoryStats();
                JsonLines.read(feed, p * partBytes, (p + 1) * partBytes, maxLine, new JsonLines.Sink() {
                    @Override
                    public void line(byte[] b, int off, int len, long number) {
                        part.addLine(b, off, len);
                    }

                    @Override
                    public void tooLong(long number, int limit) {
                        // reported by the screening pass
                    }
                });
                sums[p] = part;
            }
            return null;
        };
        int helpers = Math.min(threads, parts) - 1;
        ExecutorService pool = helpers > 0 ? Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, "category-statistics");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<Future<Void>> helping = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                helping.add(pool.submit(work));
            }
            work.call();
            for (Future<Void> f : helping) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        CategoryStats all = new CategoryStats();
        for (CategoryStats part : sums) {
            all.merge(part);
        }
        return all;
    }

    /** A copy that later additions to these statistics do not touch (for reading while others add). */
    public CategoryStats copy() {
        CategoryStats c = new CategoryStats();
        c.merge(this);
        return c;
    }

    /** One category's figures, as {@link CategoryStatsFile} writes them: sums, not averages, are added. */
    public record Figures(String category, long listings, double unitsSum, long reviewed, double negativeSum) {
    }

    /** The categories' figures, sorted by category. */
    List<Figures> figures() {
        List<Figures> out = new ArrayList<>();
        new java.util.TreeMap<>(byCategory).forEach((c, s) -> out.add(new Figures(c, s.n, s.units, s.reviewed,
                s.negative)));
        return out;
    }

    /** Adds a category's figures (and counts them in the averages of all categories). */
    public void add(Figures f) {
        Sums s = new Sums();
        s.n = f.listings();
        s.units = f.unitsSum();
        s.reviewed = f.reviewed();
        s.negative = f.negativeSum();
        byCategory.computeIfAbsent(f.category(), c -> new Sums()).add(s);
        all.add(s);
    }

    /** Adds another gathering's sums to these. */
    void merge(CategoryStats other) {
        other.byCategory.forEach((category, o) -> byCategory.computeIfAbsent(category, c -> new Sums()).add(o));
        all.add(other.all);
    }

    /** Counts one listing's category, units sold and negative share (NaN when absent). */
    void add(String category, double units, double negative) {
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


    /** Where the value starts after a key ending before {@code i}: spaces, a colon, spaces; -1 without the colon. */
    private static int valueStart(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') {
            i++;
        }
        if (i >= to || b[i] != ':') {
            return -1;
        }
        i++;
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static String stringValue(byte[] b, int i, int to) {
        if (i < 0 || i >= to || b[i] != '"') {
            return null;
        }
        int end = JsonLines.indexOf(b, i + 1, to, QUOTE);
        if (end < 0 || JsonLines.indexOf(b, i + 1, end, (byte) '\\') >= 0) {
            return null;
        }
        return new String(b, i + 1, end - i - 1, StandardCharsets.UTF_8);
    }

    private static final boolean[] NUMBER_CHAR = new boolean[128];

    static {
        "0123456789.eE+-".chars().forEach(c -> NUMBER_CHAR[c] = true);
    }

    private static double numberValue(byte[] b, int i, int to) {
        if (i < 0) {
            return Double.NaN;
        }
        int end = i;
        while (end < to && b[end] >= 0 && NUMBER_CHAR[b[end]]) {
            end++;
        }
        if (end == i) {
            return Double.NaN;
        }
        double simple = simpleDecimal(b, i, end);
        if (!Double.isNaN(simple)) {
            return simple;
        }
        try {
            return Double.parseDouble(new String(b, i, end - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * Digits with at most one point and at most 15 digits, as Double.parseDouble reads them: the digits as a long
     * and a power of ten are both exact doubles, so their quotient is the correctly rounded value. NaN otherwise.
     */
    private static double simpleDecimal(byte[] b, int from, int to) {
        long digits = 0;
        int count = 0;
        int point = -1;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
            } else if (c == '.' && point < 0 && i > from && i < to - 1) {
                point = i;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || count > 15) {
            return Double.NaN;
        }
        return point < 0 ? digits : digits / POWERS[to - point - 1];
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

    /**
     * {average units, average negative share, listings counted}, or null when there is nothing to compare with; a
     * category with fewer than {@code minListings} listings (with units sold, or with a negative share) gives the
     * averages of all categories together.
     */
    public double[] averages(String category, int minListings) {
        Sums s = byCategory.get(category == null ? "" : category);
        if (s == null || s.n < minListings || s.reviewed < minListings) {
            s = all;
        }
        if (s.n == 0 || s.reviewed == 0) {
            return null;
        }
        return new double[] {s.units / s.n, s.negative / s.reviewed, s.n};
    }
}
