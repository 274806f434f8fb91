package org.redflag.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.redflag.source.JsonLines;
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
        return JsonLines.read(in, MAX_LINE, new JsonLines.Sink() {
            private long consumed;
            private long seen;
            private boolean reserved = size < 0;

            @Override
            public void line(byte[] b, int off, int len, long number) {
                SellerFeed.this.line(b, off, len, number, graph, bad);
                consumed += len + 1;
                if ((++seen & 0xffff) == 0) {
                    progress.accept(number);
                }
                if (!reserved && seen == 16_384) {
                    reserved = true;
                    double scale = (double) size / consumed * 1.05;
                    graph.reserve((long) (scale * graph.accounts()), (long) (scale * graph.identifiers()),
                            (long) (scale * graph.idBytes() * 1.5)); // later ids tend to be longer
                }
            }

            @Override
            public void tooLong(long number, int limit) {
                bad.bad(number, null, "longer than " + limit + " bytes");
            }
        });
    }

    private void line(byte[] b, int off, int len, long number, IdentityGraph graph, BadLines bad) {
        int notUtf8 = org.redflag.source.Utf8Text.firstInvalid(b, off, len);
        if (notUtf8 >= 0) { // ids read with replacement characters would no longer be the registry's
            bad.bad(number, null, org.redflag.source.Utf8Text.lineProblem(number, b, off, notUtf8));
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
}
