package org.redflag.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Strict UTF-8 reading: the same text as Java's decoder for UTF-8, and the right line for bytes that are not. */
class Utf8TextTests {

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.range(0, 300);
    }

    private static final String[] PIECES = {"a", "listing", " ", "\t", "\n", "\r\n", "é", "高仿", "𝔸", "😀", ",",
        "\"", "\uFEFF"};

    static String randomText(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(400);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    /** Hands out at most a few bytes per read, so sequences are cut at every place between reads. */
    static InputStream trickling(byte[] bytes, Random r) {
        return new FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
    }

    static String readAll(Reader in, Random r) throws IOException {
        StringWriter out = new StringWriter();
        char[] buffer = new char[1 + r.nextInt(16)];
        for (int n; (n = in.read(buffer, 0, 1 + r.nextInt(buffer.length))) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valid_text_reads_as_javas_own_decoder_reads_it(long seed) throws IOException {
        Random r = new Random(seed);
        String text = randomText(r);
        boolean mark = r.nextBoolean();
        String whole = (mark ? "\uFEFF" : "") + text;
        String expected = whole.startsWith("\uFEFF") ? whole.substring(1) : whole; // one leading mark dropped
        try (Reader in = Utf8Text.reader(trickling(whole.getBytes(StandardCharsets.UTF_8), r))) {
            assertThat(readAll(in, r)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bytes_that_are_not_utf8_are_refused_on_their_line(long seed) throws IOException {
        Random r = new Random(seed);
        byte[] before = randomText(r).getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xff}, {(byte) 0x80}, {(byte) 0xc3, 'a'}, {(byte) 0xe9, (byte) 0x98},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}; // 0xED 0xA0 0x80 would be a lone surrogate
        byte[] wrong = bad[r.nextInt(bad.length)];
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(before);
        file.writeBytes(wrong);
        boolean atEnd = wrong.length == 2 && wrong[1] != 'a' && r.nextBoolean(); // a sequence cut by the file's end
        if (!atEnd) {
            file.writeBytes(randomText(r).getBytes(StandardCharsets.UTF_8));
        }
        long line = 1;
        for (byte b : before) {
            line += b == '\n' ? 1 : 0;
        }
        long expected = line;
        assertThatThrownBy(() -> {
            try (Reader in = Utf8Text.reader(trickling(file.toByteArray(), r))) {
                readAll(in, r);
            }
        }).as("seed %d", seed).isInstanceOfSatisfying(Utf8Text.NotUtf8.class, e -> {
            assertThat(e.line()).isEqualTo(expected);
            assertThat(e.getMessage()).startsWith("line " + expected + ": not UTF-8 text (byte 0x");
            assertThat(e.in("f.csv").toString()).startsWith("f.csv:" + expected + ": not UTF-8 text");
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_first_invalid_byte_is_where_javas_strict_decoder_stops(long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int pieces = r.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            switch (r.nextInt(4)) {
                case 0 -> bytes.writeBytes(randomText(r).getBytes(StandardCharsets.UTF_8));
                case 1 -> bytes.write(r.nextInt(256)); // any byte at all
                case 2 -> bytes.writeBytes(new byte[] {(byte) (0xC0 + r.nextInt(64)), (byte) r.nextInt(256),
                    (byte) r.nextInt(256), (byte) r.nextInt(256)}); // a lead byte and whatever follows
                default -> bytes.writeBytes("plain ascii text".getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] b = bytes.toByteArray();
        int off = b.length == 0 ? 0 : r.nextInt(b.length);
        int len = b.length - off == 0 ? 0 : r.nextInt(b.length - off + 1);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, off, len);
        boolean error = decoder.decode(in, java.nio.CharBuffer.allocate(len + 1), true).isError();
        assertThat(Utf8Text.firstInvalid(b, off, len)).as("seed %d", seed).isEqualTo(error ? in.position() - off : -1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void utf16_text_is_named_as_such_from_its_mark(long seed) {
        Random r = new Random(seed);
        java.nio.charset.Charset charset = r.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        byte[] text = ("\uFEFF" + randomText(r)).getBytes(charset);
        String mark = String.format("%02X %02X", text[0] & 0xff, text[1] & 0xff);
        assertThatThrownBy(() -> {
            try (Reader in = Utf8Text.reader(trickling(text, r))) {
                readAll(in, r);
            }
        }).as("seed %d", seed).isInstanceOfSatisfying(Utf8Text.NotUtf8.class, e -> assertThat(e.getMessage())
                .isEqualTo("line 1: UTF-16 text (it starts with the UTF-16 byte-order mark " + mark + "); save the"
                        + " file as UTF-8"));
        assertThat(Utf8Text.lineProblem(1, text, 0, Utf8Text.firstInvalid(text, 0, text.length)))
                .isEqualTo("UTF-16 text (it starts with the UTF-16 byte-order mark " + mark + "); save the file as"
                        + " UTF-8");
        assertThat(Utf8Text.lineProblem(2, text, 0, 0)).as("further down a file, the bytes are just not UTF-8")
                .startsWith("not UTF-8 text (byte 0x");
    }

    @Test
    void a_mark_alone_or_nothing_reads_as_nothing() throws IOException {
        Random r = new Random(1);
        for (String s : new String[] {"", "\uFEFF"}) {
            try (Reader in = Utf8Text.reader(trickling(s.getBytes(StandardCharsets.UTF_8), r))) {
                assertThat(readAll(in, r)).isEmpty();
            }
        }
    }

    @Test
    void a_cause_that_is_not_utf8_is_found_under_wrappers() {
        var cause = new Utf8Text.NotUtf8(3, 0xff);
        assertThat(Utf8Text.find(new IllegalStateException(new java.io.UncheckedIOException(cause)))).isSameAs(cause);
        assertThat(Utf8Text.find(new IOException("other"))).isNull();
    }
}
