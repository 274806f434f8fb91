package org.redflag.screening;

import java.nio.charset.StandardCharsets;
import org.redflag.source.EightBytes;

/**
 * Reads one listing line (listing.schema.json) straight from its UTF-8 bytes, for the common case: a flat object
 * whose strings carry no escapes and whose numbers are plain decimals. Anything it does not take for certain (an
 * escape, a nested value, a repeated field, a number in exponent form, a value out of range, malformed JSON or
 * UTF-8) answers null, and the line goes to {@link ListingReader}'s full parser, which reads any valid line and names
 * the field of a bad one. A listing it does return is the one the full parser returns.
 */
final class ListingLineParser {

    private static final String[] FIELDS = {"id", "sellerId", "title", "description", "brand", "category", "price",
        "currency", "unitsSold", "reviewCount", "negativeReviewRatio", "recommended", "url", "createdAt"};
    private static final byte[][] NAMES = new byte[FIELDS.length][];

    /**
     * Field + 1 by {@link #prefix} of a name's first three bytes (for "id", its closing quote); 0 for no field. The
     * names' prefixes differ (checked here).
     */
    private static final byte[] BY_PREFIX = new byte[1 << 15];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            NAMES[i] = (FIELDS[i] + '"').getBytes(StandardCharsets.US_ASCII);
            int prefix = prefix(NAMES[i], 0);
            if (BY_PREFIX[prefix] != 0) {
                throw new ExceptionInInitializerError("two field names share prefix " + prefix);
            }
            BY_PREFIX[prefix] = (byte) (i + 1);
        }
    }

    /** Each name's first eight bytes (as {@link EightBytes#at} reads them), the mask of those that are the name's. */
    private static final long[] HEAD = new long[FIELDS.length];
    private static final long[] HEAD_MASK = new long[FIELDS.length];
    /** Each name's last eight bytes, and its eight from the eighth (names longer than sixteen). */
    private static final long[] TAIL = new long[FIELDS.length];
    private static final long[] MIDDLE = new long[FIELDS.length];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            byte[] name = java.util.Arrays.copyOf(NAMES[i], Math.max(24, NAMES[i].length));
            int len = NAMES[i].length;
            HEAD[i] = EightBytes.at(name, 0);
            HEAD_MASK[i] = len >= 8 ? -1L : (1L << 8 * len) - 1;
            HEAD[i] &= HEAD_MASK[i];
            TAIL[i] = len >= 8 ? EightBytes.at(name, len - 8) : 0;
            MIDDLE[i] = EightBytes.at(name, 8);
        }
    }

    /** Three bytes' low five bits each. */
    private static int prefix(byte[] b, int off) {
        return (b[off] & 0x1f) << 10 | (b[off + 1] & 0x1f) << 5 | b[off + 2] & 0x1f;
    }

    private byte[] b;
    private int p;
    private int end;
    private final String[] strings = new String[FIELDS.length];
    private final double[] numbers = new double[FIELDS.length];
    private Boolean recommended;

    /** The listing on this line, or null when the full parser must read it. */
    Listing parse(byte[] line, int off, int len) {
        b = line;
        p = off;
        end = off + len;
        java.util.Arrays.fill(strings, null);
        java.util.Arrays.fill(numbers, Double.NaN);
        recommended = null;
        int seen = 0;
        ws();
        if (!take('{')) {
            return null;
        }
        ws();
        if (p < end && b[p] == '}') {
            return null;
        }
        while (true) {
            ws();
            if (p >= end || b[p] != '"') {
                return null;
            }
            int keyOff = ++p;
            int field = known(keyOff);
            if (field >= 0) {
                p = keyOff + NAMES[field].length; // past the name and its closing quote
            } else {
                while (p < end && b[p] != '"') {
                    if (b[p] == '\\' || b[p] < 0x20) {
                        return null;
                    }
                    p++;
                }
                if (p >= end) {
                    return null;
                }
                p++;
            }
            ws();
            if (!take(':')) {
                return null;
            }
            ws();
            if (field >= 0) {
                if ((seen & 1 << field) != 0) {
                    return null;
                }
                seen |= 1 << field;
                if (!value(field)) {
                    return null;
                }
            } else if (!skipScalar()) {
                return null;
            }
            ws();
            if (take(',')) {
                continue;
            }
            if (!take('}')) {
                return null;
            }
            ws();
            if (p != end) {
                return null;
            }
            break;
        }
        String id = strings[0];
        if (id == null || id.isEmpty() || strings[2] == null) {
            return null;
        }
        return new Listing(id, strings[1], strings[2], strings[3], strings[4], strings[5], number(6), strings[7],
                number(8), Double.isNaN(numbers[9]) ? null : (int) numbers[9], number(10), recommended, strings[12],
                strings[13]);
    }

    private Double number(int field) {
        return Double.isNaN(numbers[field]) ? null : numbers[field];
    }

    /**
     * The field whose name, and the quote that closes it, the bytes at {@code off} are; -1 for any other key (one
     * with an escape included: no name has a backslash). Eight bytes a comparison where the line has them: the
     * first eight (masked to the name), the last eight and, for a name longer than sixteen, the eight between.
     */
    private int known(int off) {
        if (off + 8 > end) {
            return knownByBytes(off);
        }
        long x = EightBytes.at(b, off);
        int f = BY_PREFIX[(int) (x & 0x1f) << 10 | (int) (x >>> 8 & 0x1f) << 5 | (int) (x >>> 16 & 0x1f)] - 1;
        if (f < 0 || (x & HEAD_MASK[f]) != HEAD[f]) {
            return -1;
        }
        int len = NAMES[f].length;
        if (len <= 8) {
            return f;
        }
        if (off + len > end || EightBytes.at(b, off + len - 8) != TAIL[f]
                || len > 16 && EightBytes.at(b, off + 8) != MIDDLE[f]) {
            return -1;
        }
        return f;
    }

    /** As {@link #known}, a byte at a time: for a name that may run to the line's last eight bytes. */
    private int knownByBytes(int off) {
        if (off + 3 > end) {
            return -1;
        }
        int f = BY_PREFIX[prefix(b, off)] - 1;
        if (f < 0) {
            return -1;
        }
        byte[] name = NAMES[f];
        if (off + name.length > end) {
            return -1;
        }
        for (int k = 0; k < name.length; k++) {
            if (b[off + k] != name[k]) {
                return -1;
            }
        }
        return f;
    }

    /** Reads the value of a known field, checked as the full parser checks it; false to leave the line to it. */
    private boolean value(int field) {
        switch (field) {
            case 6, 8, 9, 10 -> {
                double d = decimal();
                boolean badCount = field == 9 && (d != Math.rint(d) || d > Integer.MAX_VALUE);
                if (Double.isNaN(d) || field == 10 && d > 1 || badCount) {
                    return false;
                }
                numbers[field] = d;
                return true;
            }
            case 11 -> {
                if (word("true")) {
                    recommended = Boolean.TRUE;
                    return true;
                }
                if (word("false")) {
                    recommended = Boolean.FALSE;
                    return true;
                }
                return false;
            }
            case 4 -> {
                if (word("null")) {
                    return true;
                }
                return repeated(field);
            }
            case 5 -> {
                return repeated(field);
            }
            case 7 -> {
                return repeated(field);
            }
            default -> {
                return string(field);
            }
        }
    }

    /** A string without escapes or control characters, in valid UTF-8, kept for {@code field} (-1: not kept). */
    private boolean string(int field) {
        if (p >= end || b[p] != '"') {
            return false;
        }
        int from = ++p;
        int high = 0; // negative once a byte is (a multi-byte character's)
        while (true) { // byte by byte: faster here than eight at a time, with either compiler
            if (p >= end) {
                return false;
            }
            byte c = b[p];
            if (c == '"') {
                break;
            }
            if (c == '\\' || c >= 0 && c < 0x20) {
                return false;
            }
            high |= c;
            p++;
        }
        boolean ascii = high >= 0;
        String s = new String(b, from, p - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (!ascii && s.indexOf('\uFFFD') >= 0) {
            return false; // malformed UTF-8, or a real replacement character: the full parser decides
        }
        p++;
        if (field >= 0) {
            strings[field] = s;
        }
        return true;
    }

    /** Brand, category and currency values seen lately, each field in a table of its own. */
    private final RecentByBytes<String> brands = new RecentByBytes<>(64);
    private final RecentByBytes<String> categories = new RecentByBytes<>(64);
    private final RecentByBytes<String> currencies = new RecentByBytes<>(64);

    /**
     * As {@link #string}, for a field whose values repeat from listing to listing (brand 4, category 5, currency 7):
     * a value seen lately is the same String again, so it is neither decoded nor checked again, and the maps the
     * detectors look it up in find its hash already computed and the same object.
     */
    private boolean repeated(int field) {
        if (p >= end || b[p] != '"') {
            return false;
        }
        int from = p + 1;
        int to = from;
        while (to < end && b[to] != '"') {
            to++;
        }
        if (to >= end) {
            return false;
        }
        RecentByBytes<String> recent = field == 4 ? brands : field == 5 ? categories : currencies;
        int slot = recent.slot(b, from, to);
        String known = recent.get(slot, b, from, to);
        if (known != null) { // bytes the checks below accepted before
            strings[field] = known;
            p = to + 1;
            return true;
        }
        if (!string(field) || field == 7 && !ListingReader.isoCode(strings[7])) {
            return false;
        }
        recent.put(slot, b, from, to, strings[field]);
        return true;
    }

    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * A non-negative plain decimal (JSON grammar: no leading zero before a digit, digits on both sides of a point) of
     * at most 15 digits: the digits as a long over a power of ten, both exact doubles, so the quotient is the
     * correctly rounded value the full parser reads. NaN otherwise.
     */
    private double decimal() {
        int from = p;
        long digits = 0;
        int count = 0;
        int fraction = -1;
        while (p < end) {
            byte c = b[p];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                break;
            }
            p++;
        }
        if (count == 0 || count > 15 || fraction == 0 || b[from] == '.'
                || b[from] == '0' && p > from + 1 && b[from + 1] != '.') {
            return Double.NaN;
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E' || b[p] == '-' || b[p] == '+')) {
            return Double.NaN;
        }
        return fraction < 0 ? digits : digits / POWERS[fraction];
    }

    /** Skips the value of a field it does not keep: a string, a plain number, true, false or null. */
    private boolean skipScalar() {
        if (p < end && b[p] == '"') {
            return string(-1);
        }
        if (word("true") || word("false") || word("null")) {
            return true;
        }
        return !Double.isNaN(decimal());
    }

    private boolean word(String w) {
        int n = w.length();
        if (p + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != w.charAt(i)) {
                return false;
            }
        }
        int after = p + n;
        if (after < end && (Character.isLetterOrDigit(b[after]) || b[after] == '_')) {
            return false;
        }
        p = after;
        return true;
    }

    /** Past JSON white space; the common case, none, without a call (small enough for any compiler to inline). */
    private void ws() {
        if (p < end && b[p] <= ' ') {
            spaces();
        }
    }

    private void spaces() {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
    }

    private boolean take(char c) {
        if (p < end && b[p] == c) {
            p++;
            return true;
        }
        return false;
    }
}
