package org.redflag.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads a sellers feed (one seller.schema.json object per line) into an {@link IdentityGraph}, straight from its
 * bytes: common lines through {@link SellerLineParser} and {@link AsciiIdentifiers}, anything else through
 * {@link SellerReader} and {@link Normalisers}, which give the same canonical values. A line that is not a seller is
 * handed to {@code bad} with its number and the field, and reading goes on.
 */
public final class SellerFeed {

    /** Longest line read, in bytes. */
    public static final int MAX_LINE = 1 << 20;

    /** A line that is not a seller. */
    public interface BadLines {
        void bad(long line, String field, String message);
    }

    private final SellerReader reader;
    private final SellerLineParser parser = new SellerLineParser();
    private final byte[] value = new byte[4096];

    /** @param defaultRegion the region phones without a country prefix are read in, e.g. CN */
    public SellerFeed(String defaultRegion) {
        this.reader = new SellerReader(defaultRegion);
    }

    /**
     * Reads every line of {@code in} into {@code graph}; {@code progress} hears the number of lines read every
     * 65,536 lines. When {@code size} (the bytes to come, or -1 when unknown) is given, the graph is sized for the
     * whole feed from its first lines, so its arrays need not grow. Returns the number of lines read.
     */
    public long read(InputStream in, long size, IdentityGraph graph, BadLines bad, LongConsumer progress)
            throws IOException {
        long consumed = 0;
        boolean reserved = size < 0;
        byte[] buf = new byte[1 << 16];
        int filled = 0;
        long number = 0;
        boolean skipping = false; // inside a line too long to keep
        boolean bomChecked = false;
        while (true) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            int start = 0;
            if (!bomChecked && (filled >= 3 || number > 0)) {
                bomChecked = true;
                if (number == 0 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                    start = 3; // a UTF-8 byte-order mark, as some editors write: not part of the first line
                }
            }
            for (int nl = indexOf(buf, start, filled); nl >= 0; nl = indexOf(buf, start, filled)) {
                number++;
                if (skipping) {
                    skipping = false;
                } else {
                    line(buf, start, nl - start, number, graph, bad);
                }
                if ((number & 0xffff) == 0) {
                    progress.accept(number);
                }
                consumed += nl + 1 - start;
                start = nl + 1;
                if (!reserved && number == 16_384) {
                    reserved = true;
                    double scale = (double) size / consumed * 1.05;
                    graph.reserve((long) (scale * graph.accounts()), (long) (scale * graph.identifiers()),
                            (long) (scale * graph.idBytes() * 1.5)); // later ids tend to be longer
                }
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, filled - start);
                filled -= start;
            } else if (filled == buf.length) {
                if (buf.length < MAX_LINE) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                } else {
                    if (!skipping) {
                        bad.bad(number + 1, null, "longer than " + MAX_LINE + " bytes");
                    }
                    skipping = true;
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            number++;
            if (!skipping) {
                line(buf, 0, filled, number, graph, bad);
            }
        }
        return number;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The next newline, eight bytes a step (a zero-byte test on the bytes xor '\n'). */
    private static int indexOf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void line(byte[] b, int off, int len, long number, IdentityGraph graph, BadLines bad) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (blank(b, off, len)) {
            return;
        }
        if (parser.parse(b, off, len)) {
            graph.account(b, parser.idOff, parser.idLen, parser.banned);
            for (int i = 0; i < parser.count; i++) {
                IdentifierType type = parser.types[i];
                int vOff = parser.valueOff[i];
                int vLen = parser.valueLen[i];
                int n = AsciiIdentifiers.normalise(type, b, vOff, vLen, value, reader.defaultRegion());
                if (n >= 0) {
                    graph.identifier(type, value, 0, n);
                } else if (n == AsciiIdentifiers.SLOW) {
                    String raw = new String(b, vOff, vLen, StandardCharsets.UTF_8);
                    Normalisers.normalise(type, raw, reader.defaultRegion()).ifPresent(v -> {
                        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                        graph.identifier(type, bytes, 0, bytes.length);
                    });
                }
            }
            return;
        }
        try {
            graph.add(reader.parse(new String(b, off, len, StandardCharsets.UTF_8)));
        } catch (SellerReader.BadLine e) {
            bad.bad(number, e.field(), e.getMessage());
        }
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
