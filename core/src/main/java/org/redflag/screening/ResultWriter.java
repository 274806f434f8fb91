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
                string(f.code().name());
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
                    string(citations.get(k));
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
        if (v instanceof String s) { // first: a test against a final class is cheap, against an interface not
            string(s);
        } else if (v instanceof Map<?, ?> m) {
            one('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) {
                    one(',');
                }
                first = false;
                string(e.getKey().toString());
                one(':');
                value(e.getValue());
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
        } else if (v instanceof Integer || v instanceof Long) {
            asciiText(Long.toString(((Number) v).longValue()));
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

    /** A double as the generator writes it: Java's shortest form; not finite, as a string. */
    private void number(double d) {
        if (Double.isFinite(d)) {
            asciiText(Double.toString(d));
        } else {
            string(Double.toString(d));
        }
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
