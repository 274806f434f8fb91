package org.redflag.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte ranges that tile a file hand on its lines exactly once each, as reading it whole does. */
class JsonLinesRangeTests {

    static final int MAX_LINE = 300;

    /** Lines as handed on (text, or "TOO LONG"), in order. */
    static final class Collect implements JsonLines.Sink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void line(byte[] b, int off, int len, long number) {
            lines.add(new String(b, off, len, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void tooLong(long number, int limit) {
            lines.add("TOO LONG");
        }
    }

    static byte[] randomFeed(Random r) {
        StringBuilder s = new StringBuilder();
        if (r.nextInt(3) == 0) {
            s.append("\u00ef\u00bb\u00bf"); // a byte-order mark, as ISO-8859-1 chars of its three bytes
        }
        int lines = r.nextInt(200);
        for (int i = 0; i < lines; i++) {
            switch (r.nextInt(8)) {
                case 0 -> s.append("");
                case 1 -> s.append("   \t");
                case 2 -> s.append("x".repeat(MAX_LINE + 1 + r.nextInt(700)));
                case 3 -> s.append("\u00ef\u00bb\u00bf{\"mid\":").append(i).append('}'); // mark-like bytes mid-file
                default -> s.append("{\"id\":\"L").append(i).append("\",\"t\":\"").append("y".repeat(r.nextInt(90)))
                        .append('"').append('}');
            }
            s.append(r.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        if (r.nextBoolean()) {
            s.append("{\"last\":true}"); // no newline at the end
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void ranges_of_any_size_hand_on_every_line_once_in_order(@TempDir Path dir) throws IOException {
        Random r = new Random(9);
        Path file = dir.resolve("feed.jsonl");
        for (int round = 0; round < 300; round++) {
            byte[] feed = randomFeed(r);
            Files.write(file, feed);
            Collect whole = new Collect();
            JsonLines.read(new ByteArrayInputStream(feed), MAX_LINE, whole);
            long part = 1 + r.nextInt(Math.max(1, feed.length));
            Collect ranges = new Collect();
            for (long from = 0; from < feed.length; from += part) {
                JsonLines.read(file, from, from + part, MAX_LINE, ranges);
            }
            assertThat(ranges.lines).as("round %d, parts of %d bytes", round, part).isEqualTo(whole.lines);
        }
    }

    @Test
    void a_range_holding_no_line_start_hands_on_nothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("feed.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n");
        Collect c = new Collect();
        assertThat(JsonLines.read(file, 1, 7, MAX_LINE, c)).isZero();
        assertThat(c.lines).isEmpty();
        JsonLines.read(file, 7, 9, MAX_LINE, c);
        assertThat(c.lines).containsExactly("{\"b\":2}");
    }
}
