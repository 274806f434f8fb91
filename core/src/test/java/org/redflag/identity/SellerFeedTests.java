package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming feed and the primitive {@link IdentityGraph} give exactly what the object reference gives: the same
 * results and the same bad lines, whatever the spacing, escapes, extra fields and bad lines in the feed.
 */
class SellerFeedTests {

    record Outcome(List<Linker.Result> results, List<Long> badLines) {
    }

    static Outcome viaFeed(List<String> lines, int hubThreshold, boolean sized) throws IOException {
        byte[] feed = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        IdentityGraph graph = new IdentityGraph(hubThreshold);
        List<Long> bad = new ArrayList<>();
        new SellerFeed("CN").read(new ByteArrayInputStream(feed), sized ? feed.length : -1, graph,
                (line, field, message) -> bad.add(line), n -> { });
        List<Linker.Result> out = new ArrayList<>();
        graph.results(5, out::add);
        return new Outcome(out, bad);
    }

    static Outcome viaReference(List<String> lines, int hubThreshold) {
        SellerReader reader = new SellerReader("CN");
        List<Linker.Seller> sellers = new ArrayList<>();
        List<Long> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                sellers.add(reader.parse(lines.get(i)));
            } catch (SellerReader.BadLine e) {
                bad.add(i + 1L);
            }
        }
        return new Outcome(new ReferenceLinker(hubThreshold, 5).link(sellers), bad);
    }

    /** The same seller written another valid way, or a line that is not a seller. */
    static String vary(String line, Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> line.replace(",", " , ").replace(":", " : ").replace("{", "{ ");
            case 1 -> line.replace("}", ",\"platform\":\"shop.example\",\"registeredAt\":\"2024-05-01\"}");
            case 2 -> line.replace("}", ",\"score\":-1.5e3,\"verified\":false,\"note\":null}");
            case 3 -> line.replace("}", ",\"meta\":{\"source\":[1,2]}}");
            case 4 -> line.replace("}", ",\"name\":\"Li \\\"Wei\\\" 李伟\",\"addresses\":[\"深圳市 88号\"]}");
            case 5 -> line.replace("@", "\\u0040");
            case 6 -> line.replace("\"banned\":true", "\"banned\":\"yes\"");
            case 7 -> line.replace("{", "[");
            case 8 -> line + " trailing";
            case 9 -> line.replace("\"phones\":[", "\"phones\":[null,");
            case 10 -> "   ";
            case 11 -> line.replace("}", ",\"id\":\"again\"}");
            case 12 -> line.replace("\"emails\":[\"", "\"emails\":[\"\\t");
            default -> line;
        };
    }

    static LongStream seeds() {
        long base = Long.getLong("redflag.seed", 1L);
        return LongStream.range(base, base + 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_feed_links_exactly_as_the_reference_does(long seed) throws IOException {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (String line : LinkerTests.sellers(seed, r.nextBoolean())) {
            lines.add(r.nextInt(3) == 0 ? vary(line, r) : line);
        }
        int hub = 1 + r.nextInt(6);
        Outcome expected = viaReference(lines, hub);
        assertThat(viaFeed(lines, hub, r.nextBoolean())).as("seed %d, hub threshold %d", seed, hub)
                .isEqualTo(expected);
    }

    @Test
    void tens_of_thousands_of_accounts_through_a_growing_table_link_as_the_reference_does() throws IOException {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            // a phone pool small enough to share, e-mails and devices mostly unique, some banned
            lines.add("{\"id\":\"acct-" + Integer.toString(r.nextInt(1 << 30), 36) + "-" + i + "\""
                    + (r.nextInt(20) == 0 ? ",\"banned\":true" : "")
                    + ",\"phones\":[\"+86 138" + String.format("%08d", r.nextInt(20_000)) + "\"]"
                    + ",\"emails\":[\"u" + r.nextInt(1_000_000) + "@example.cn\"]"
                    + ",\"deviceIds\":[\"" + Long.toHexString(r.nextLong()) + "\"]"
                    + ",\"paymentAccounts\":[\"6222 " + r.nextInt(100_000_000) + "\"]}");
        }
        Outcome expected = viaReference(lines, 3);
        assertThat(expected.results()).as("the set links something").hasSizeGreaterThan(100);
        assertThat(viaFeed(lines, 3, false)).isEqualTo(expected);
    }

    @Test
    void a_byte_order_mark_before_the_first_line_is_not_part_of_it() throws IOException {
        byte[] body = ("{\"id\":\"old\",\"banned\":true,\"emails\":[\"a@b.cn\"]}\n"
                + "{\"id\":\"new\",\"emails\":[\"A@B.cn\"]}\n").getBytes(StandardCharsets.UTF_8);
        byte[] feed = new byte[body.length + 3];
        feed[0] = (byte) 0xEF;
        feed[1] = (byte) 0xBB;
        feed[2] = (byte) 0xBF;
        System.arraycopy(body, 0, feed, 3, body.length);
        IdentityGraph graph = new IdentityGraph(5);
        List<Long> bad = new ArrayList<>();
        new SellerFeed("CN").read(new ByteArrayInputStream(feed), feed.length, graph, (l, f, m) -> bad.add(l),
                n -> { });
        List<Linker.Result> out = new ArrayList<>();
        graph.results(5, out::add);
        assertThat(bad).isEmpty();
        assertThat(out).extracting(Linker.Result::sellerId).containsExactly("new");
    }

    @Test
    void a_line_longer_than_the_limit_is_reported_and_the_rest_is_read() throws IOException {
        String huge = "{\"id\":\"big\",\"name\":\"" + "x".repeat(SellerFeed.MAX_LINE + 10) + "\"}";
        List<String> lines = List.of("{\"id\":\"old\",\"banned\":true,\"phones\":[\"+86 13800138000\"]}", huge,
                "{\"id\":\"new\",\"phones\":[\"13800138000\"]}");
        Outcome o = viaFeed(lines, 5, false);
        assertThat(o.badLines()).containsExactly(2L);
        assertThat(o.results()).extracting(Linker.Result::sellerId).containsExactly("new");
    }

    @Test
    void a_line_that_is_not_utf8_is_reported_and_the_rest_is_read() throws IOException {
        byte[] feed = ("{\"id\":\"old\",\"banned\":true,\"phones\":[\"+86 13800138000\"]}\n"
                + "{\"id\":\"caf\u00e9\",\"phones\":[\"13800138000\"]}\n"
                + "{\"id\":\"new\",\"name\":\"\u738b\",\"phones\":[\"13800138000\"]}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        // the third line's name in UTF-8, the second's id in Latin-1
        String utf8Name = new String("\u738b".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        feed = new String(feed, StandardCharsets.ISO_8859_1).replace("\u738b", utf8Name)
                .getBytes(StandardCharsets.ISO_8859_1);
        IdentityGraph graph = new IdentityGraph(5);
        List<String> bad = new ArrayList<>();
        new SellerFeed("CN").read(new ByteArrayInputStream(feed), feed.length, graph,
                (l, f, m) -> bad.add(l + ": " + m), n -> { });
        List<Linker.Result> out = new ArrayList<>();
        graph.results(5, out::add);
        assertThat(bad).containsExactly("2: not UTF-8 text (byte 0xE9, the line's byte 11); save the file as UTF-8");
        assertThat(out).extracting(Linker.Result::sellerId).containsExactly("new");
    }
}
