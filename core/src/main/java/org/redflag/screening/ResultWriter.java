package org.redflag.screening;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes screening results, one JSON object per line (screening-result.schema.json), as UTF-8 straight into a
 * buffer: the bytes Jackson's generator writes for the same values (its escapes, its numbers; the tests compare the
 * two on random results), without a generator's layers between a listing and its line. Most listings are clean and
 * their line is always the same but for the id.
 */
public final class ResultWriter implements AutoCloseable {

    private static final byte[] CLEAN_START = ascii("{\"listingId\":\"");
    private static final byte[] CLEAN_END = ascii("\",\"flags\":[],\"risk\":0.0}\n");
    private static final byte[] LISTING = ascii("{\"listingId\":");
    private static final byte[] FLAGS = ascii(",\"flags\":[");
    private static final byte[] CODE = ascii("{\"code\":");
    private static final byte[] DETAIL = ascii(",\"detail\":");
    private static final byte[] EVIDENCE = ascii(",\"evidence\":");
    private static final byte[] CITATIONS = ascii(",\"citations\":[");
    private static final byte[] RISK = ascii("],\"risk\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] HEX = ascii("0123456789ABCDEF");
    /** Per ASCII character: 0 as it is, a letter for a two-character escape, 'u' for a six-character one. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputStream out;
    private byte[] buf = new byte[1 << 14];
    private int n;
    private char[] chars = new char[256]; // a string's characters while it is written
    private final long[] numberBits = new long[32];
    private final String[] numberText = new String[32];
    private final String[] repeated = new String[64];
    private final byte[][] repeatedJson = new byte[64][];

    public ResultWriter(OutputStream out) {
        this.out = out;
    }

    public void write(Screener.Result r) {
        if (r.flags().isEmpty() && plain(r.listingId())) {
            raw(CLEAN_START);
            asciiText(r.listingId());
            raw(CLEAN_END);
        } else {
            raw(LISTING);
            string(r.listingId());
            raw(FLAGS);
            List<Screener.Flag> flags = r.flags();
            for (int i = 0; i < flags.size(); i++) {
                Screener.Flag f = flags.get(i);
                if (i > 0) {
                    one(',');
                }
                raw(CODE);
                repeated(f.code().name());
                raw(DETAIL);
                string(f.detail());
                raw(EVIDENCE);
                value(f.evidence());
                raw(CITATIONS);
                List<String> citations = f.citations();
                for (int k = 0; k < citations.size(); k++) {
                    if (k > 0) {
                        one(',');
                    }
                    repeated(citations.get(k));
                }
                one(']');
                one('}');
            }
            raw(RISK);
            number(r.risk());
            one('}');
            one('\n');
        }
        if (n > buf.length - 1024) {
            flush();
        }
    }

    /** Printable ASCII without a quote or a backslash: a JSON string that needs no escape. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void value(Object v) {
        // the final classes first: a test against one is a comparison, against an interface a search
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Integer i) {
            integer(i);
        } else if (v instanceof Double d) {
            number(d);
        } else if (v instanceof Fields f) { // a flag's evidence: its fields read straight from their arrays
            one('{');
            for (int i = 0; i < f.size(); i++) {
                member(i == 0, f.key(i), f.value(i));
            }
            one('}');
        } else if (v instanceof Map<?, ?> m) {
            one('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                member(first, e.getKey().toString(), e.getValue());
                first = false;
            }
            one('}');
        } else if (v instanceof List<?> l) {
            one('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    one(',');
                }
                value(l.get(i));
            }
            one(']');
        } else if (v instanceof Long x) {
            integer(x);
        } else if (v instanceof BigDecimal b) {
            asciiText(b.toString());
        } else if (v instanceof Number x) {
            number(x.doubleValue());
        } else if (v == null) {
            raw(NULL);
        } else {
            string(v.toString());
        }
    }

    /** One member of an object: a comma before all but the first, its name, a colon, its value. */
    private void member(boolean first, String name, Object value) {
        if (!first) {
            one(',');
        }
        repeated(name);
        one(':');
        value(value);
    }

    /** An integer in decimal digits, as Long.toString writes it, without making the string. */
    private void integer(long v) {
        if (v < 0) {
            asciiText(Long.toString(v));
            return;
        }
        int len = 1;
        for (long x = v; x >= 10; x /= 10) {
            len++;
        }
        room(len);
        int at = n + len;
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        n += len;
    }

    /**
     * A double as the generator writes it: Java's shortest form; not finite, as a string. A result's figures
     * repeat (its risk, a pack's multiples, a price list's prices): the last few are kept with their text, by their
     * bits, so a repeated one is not converted again.
     */
    private void number(double d) {
        if (!Double.isFinite(d)) {
            string(Double.toString(d));
            return;
        }
        long bits = Double.doubleToRawLongBits(d);
        int slot = (int) (bits * 0x9E3779B97F4A7C15L >>> 59); // 0 to 31
        String text = numberText[slot];
        if (text == null || numberBits[slot] != bits) {
            text = Double.toString(d);
            numberText[slot] = text;
            numberBits[slot] = bits;
        }
        asciiText(text);
    }

    /**
     * A string that repeats from result to result as the same object (a map's key, a flag's code, a pack's
     * citation): its JSON is kept by identity, in a small table where a newer string takes an older one's place,
     * and copied rather than encoded again. Any string is written right; only a repeated one is written faster.
     */
    private void repeated(String s) {
        int slot = s.hashCode() & (repeated.length - 1);
        if (repeated[slot] == s) {
            raw(repeatedJson[slot]);
            return;
        }
        room(s.length() * 6 + 2); // as string() asks, so that it writes from here without a flush between
        int from = n;
        string(s);
        repeated[slot] = s;
        repeatedJson[slot] = java.util.Arrays.copyOfRange(buf, from, n);
    }

    /** A JSON string: quoted, escaped as the generator escapes, in UTF-8. */
    private void string(String s) {
        int len = s.length();
        room(len * 6 + 2); // the longest any character can become
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, len, cs, 0); // one copy, then plain array reads (cheaper than a call a character)
        byte[] b = buf;
        int at = n;
        b[at++] = '"';
        for (int i = 0; i < len; i++) {
            char c = cs[i];
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[at++] = (byte) c;
                } else if (e != 'u') {
                    b[at++] = '\\';
                    b[at++] = e;
                } else {
                    b[at++] = '\\';
                    b[at++] = 'u';
                    b[at++] = '0';
                    b[at++] = '0';
                    b[at++] = HEX[c >> 4];
                    b[at++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(cs[i + 1])) {
                int cp = Character.toCodePoint(c, cs[++i]);
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) { // half a pair: no UTF-8 for it, escaped as the generator does
                b[at++] = '\\';
                b[at++] = 'u';
                b[at++] = HEX[c >> 12];
                b[at++] = HEX[c >> 8 & 0xF];
                b[at++] = HEX[c >> 4 & 0xF];
                b[at++] = HEX[c & 0xF];
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[at++] = '"';
        n = at;
    }

    /** Text known to be ASCII, as it is. */
    private void asciiText(String s) {
        int len = s.length();
        room(len);
        s.getBytes(0, len, buf, n); // deprecated for its loss of the high byte: none here, and the fastest copy
        n += len;
    }

    private void raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, n, bytes.length);
        n += bytes.length;
    }

    private void one(char c) {
        room(1);
        buf[n++] = (byte) c;
    }

    private void room(int more) {
        if (n + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new byte[Math.max(more, buf.length * 2)];
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Hands what is buffered to the stream. */
    public void flush() {
        try {
            out.write(buf, 0, n);
            n = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes; the stream is the caller's to close. */
    @Override
    public void close() {
        flush();
    }
}
