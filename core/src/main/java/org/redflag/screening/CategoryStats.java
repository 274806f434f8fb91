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
import org.redflag.source.EightBytes;
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
    private static final byte BACKSLASH = '\\';
    private static final long COLONS = EightBytes.pattern((byte) ':');
    private static final byte[] CATEGORY = "category".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNITS = "unitsSold".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEGATIVE = "negativeReviewRatio".getBytes(StandardCharsets.US_ASCII);

    /**
     * Adds a raw feed line, its UTF-8 bytes, without parsing it as a whole: the first pass over a feed only needs
     * three fields. A valid listing counts exactly as the second pass reads it; a line the second pass will report
     * as bad counts what can be read from it (the first pass does not check lines), or nothing.
     */
    public void addLine(byte[] b, int off, int len) {
        if (!scan(b, off, off + len)) {
            Listing listing = ListingReader.parse(0, b, off, len).listing();
            if (listing != null) {
                add(listing);
            }
        }
    }

    /**
     * The common case, from colon to colon. In JSON text a colon outside strings follows a quoted name; one inside
     * a string does not follow an unescaped quote, but for a string that starts with colons, taken for a name here
     * and never for a wanted one (the bytes before a value's quote are a colon, not a name). A wanted key is
     * recognised by its closing quote, its name and its opening quote, neither escaped: in JSON text two unescaped
     * quotes with a name and no quote between them are a string, and a string before a colon is a key. Answers
     * false, having added nothing, for a line it leaves to the full reader: a nested value (a wanted name inside it
     * would not be the listing's), a wanted key twice (the full reader keeps the last), a category with an escape or
     * without its closing quote.
     */
    private boolean scan(byte[] b, int from, int to) {
        Sums category = null;
        double units = Double.NaN;
        double negative = Double.NaN;
        int seen = 0; // bits: category, units, negative share
        int i = from;
        while (true) {
            // the next colon, eight bytes a step (the loop here: the first compiler does not inline indexOf)
            while (i + 8 <= to && !EightBytes.mayHold(EightBytes.at(b, i), COLONS)) {
                i += 8;
            }
            while (i < to && b[i] != ':') {
                i++;
            }
            if (i >= to) {
                break;
            }
            int colon = i++;
            int q = colon - 1;
            while (q >= from && (b[q] & 0xff) <= ' ') {
                q--;
            }
            if (q <= from || b[q] != QUOTE || b[q - 1] == BACKSLASH && escaped(b, from, q)) {
                continue; // inside a string
            }
            int v = colon + 1;
            if (v < to && (b[v] & 0xff) <= ' ') {
                v = spaces(b, v, to);
            }
            if (v < to && (b[v] == '{' || b[v] == '[')) {
                return false;
            }
            byte last = b[q - 1];
            if (last != 'y' && last != 'd' && last != 'o') {
                continue;
            }
            int field = wanted(b, from, q);
            if (field < 0) {
                continue;
            }
            if ((seen & 1 << field) != 0) {
                return false;
            }
            seen |= 1 << field;
            if (field == 0) {
                if (v < to && b[v] == QUOTE) {
                    int end = EightBytes.indexOf(b, v + 1, to, QUOTE);
                    if (end < 0 || EightBytes.indexOf(b, v + 1, end, BACKSLASH) >= 0) {
                        return false;
                    }
                    category = sumsOf(b, v + 1, end);
                    i = end + 1;
                }
            } else if (field == 1) {
                units = numberValue(b, v, to);
            } else {
                negative = numberValue(b, v, to);
            }
        }
        if (category == null) {
            category = byCategory.computeIfAbsent("", c -> new Sums());
        }
        add(category, units, negative);
        return true;
    }

    /** Whether the quote at {@code q} is escaped: an odd number of backslashes before it. */
    private static boolean escaped(byte[] b, int from, int q) {
        int k = q - 1;
        while (k >= from && b[k] == BACKSLASH) {
            k--;
        }
        return (q - 1 - k) % 2 == 1;
    }

    /**
     * Which wanted name the string closed by the quote at {@code q} is: 0 category, 1 units sold, 2 negative share,
     * -1 another. The names end in different letters.
     */
    private static int wanted(byte[] b, int from, int q) {
        if (q - 1 < from) {
            return -1;
        }
        byte[] name;
        int field;
        switch (b[q - 1]) {
            case 'y' -> {
                name = CATEGORY;
                field = 0;
            }
            case 'd' -> {
                name = UNITS;
                field = 1;
            }
            case 'o' -> {
                name = NEGATIVE;
                field = 2;
            }
            default -> {
                return -1;
            }
        }
        int start = q - name.length;
        if (start - 1 < from || b[start - 1] != QUOTE || b[start] != name[0]) {
            return -1;
        }
        for (int k = 1; k < name.length - 1; k++) {
            if (b[start + k] != name[k]) {
                return -1;
            }
        }
        return start - 2 >= from && b[start - 2] == BACKSLASH && escaped(b, from, start - 1) ? -1 : field;
    }

    private final RecentByBytes<Sums> named = new RecentByBytes<>(64);

    /**
     * The sums of the category named by the UTF-8 bytes {@code b[from, to)}: a feed repeats a few categories, so
     * their sums are kept by their bytes rather than looked up by a string made a line.
     */
    private Sums sumsOf(byte[] b, int from, int to) {
        int slot = named.slot(b, from, to);
        Sums sums = named.get(slot, b, from, to);
        if (sums == null) {
            sums = byCategory.computeIfAbsent(new String(b, from, to - from, StandardCharsets.UTF_8),
                    c -> new Sums());
            named.put(slot, b, from, to, sums);
        }
        return sums;
    }

    /** Past white space (here: any byte up to the space; a line with control characters is the second pass's). */
    private static int spaces(byte[] b, int i, int to) {
        while (i < to && (b[i] & 0xff) <= ' ') {
            i++;
        }
        return i;
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
        add(byCategory.computeIfAbsent(category == null ? "" : category, c -> new Sums()), units, negative);
    }

    private void add(Sums s, double units, double negative) {
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
