package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level listing parser returns exactly the listing the full parser returns, or leaves the line to it: on
 * random lines with spacing, escapes, unknown and nested fields, repeated fields, numbers of every form, nulls,
 * wrong types, out-of-range values and malformed UTF-8. Plain lines must take the fast path.
 */
class ListingLineParserTests {

    private static final String[] STRINGS = {"plain", "高仿 LV 包", "a \\\"quoted\\\" word", "tab\\tin", "\\u00e9t\\u00e9",
        "", "ünïcödé", "\uFFFD", "emoji 😀", "back\\\\slash"};
    private static final String[] NUMBERS = {"0", "12", "12.5", "0.07", "1e3", "1E-2", "-1", "012", "1.", ".5", "2.0",
        "3.141592653589793", "12345678901234567", "0.0", "1.0000000000000002", "7", "99999999999", "1.5", "1.0"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void it_agrees_with_the_full_parser(long seed) {
        Random r = new Random(seed);
        int fast = 0;
        int plain = 0;
        ListingLineParser parser = new ListingLineParser(); // one for all lines, as a screening thread has
        for (int n = 0; n < 3_000; n++) {
            boolean simple = r.nextInt(3) == 0;
            String line = simple ? plainLine(r, n) : line(r, n);
            byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(40) == 0) {
                bytes[2 + r.nextInt(bytes.length - 4)] = (byte) 0xC3; // a broken UTF-8 sequence, perhaps
            }
            int len = bytes.length - 4;
            ListingReader.Line actual = ListingReader.parse(n, bytes, 2, len);
            Listing quick = parser.parse(bytes, 2, len);
            int notUtf8 = org.redflag.source.Utf8Text.firstInvalid(bytes, 2, len);
            if (notUtf8 >= 0) { // refused as what it is, not read with replacement characters
                assertThat(actual.listing()).as(line).isNull();
                assertThat(actual.bad().message()).as(line).startsWith(String.format("not UTF-8 text (byte 0x%02X,"
                        + " the line's byte %d)", bytes[2 + notUtf8] & 0xff, notUtf8 + 1));
                assertThat(quick).as(line).isNull();
                continue;
            }
            ListingReader.Line expected = ListingReader.parse(n, new String(bytes, 2, len, StandardCharsets.UTF_8));
            assertThat(actual).as(line).isEqualTo(expected);
            if (quick != null) {
                fast++;
                assertThat(quick).as(line).isEqualTo(expected.listing());
            }
            if (simple && quick != null) {
                plain++;
            }
        }
        assertThat(fast).as("lines on the fast path").isGreaterThan(600);
        assertThat(plain).as("plain lines on the fast path").isGreaterThan(800);
    }

    /**
     * A key in the line's last eight bytes is compared a byte at a time: a known name there is still that field (a
     * repeated id of the wrong type is no listing), a name that only looks like one is another key.
     */
    @org.junit.jupiter.api.Test
    void a_field_named_at_the_end_of_a_line_is_still_that_field() {
        ListingLineParser parser = new ListingLineParser();
        for (String line : List.of("{\"id\":\"L1\",\"title\":\"t\",\"id\":1}", "{\"title\":\"t\",\"id\":\"L1\",\"url\":1}",
                "{\"id\":\"L1\",\"title\":\"t\",\"iD\":1}", "{\"id\":\"L1\",\"title\":\"t\",\"uRl\":1}",
                "{\"id\":\"L1\",\"title\":\"t\",\"ur\":1}", "{\"title\":\"t\",\"id\":\"L\"}")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            Listing expected = ListingReader.parse(1, line).listing();
            Listing quick = parser.parse(bytes, 0, bytes.length);
            if (expected == null) {
                assertThat(quick).as(line).isNull();
            } else {
                assertThat(quick).as(line).isIn(null, expected);
            }
        }
        byte[] last = "{\"title\":\"t\",\"id\":\"L\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(last, 0, last.length)).as("a plain line ending in its id").isNotNull();
    }

    private static String plainLine(Random r, int n) {
        return "{\"id\":\"L" + n + "\",\"sellerId\":\"S" + r.nextInt(100) + "\",\"title\":\"高仿 gucci bag " + n
                + "\",\"brand\":\"Gucci\",\"category\":\"bags\",\"price\":" + r.nextInt(5000) + "." + r.nextInt(100)
                + ",\"currency\":\"CNY\",\"unitsSold\":" + r.nextInt(900) + ".0,\"reviewCount\":" + r.nextInt(500)
                + ",\"negativeReviewRatio\":0." + r.nextInt(100) + "}";
    }

    private static String line(Random r, int n) {
        List<String> parts = new ArrayList<>();
        if (r.nextInt(20) > 0) {
            parts.add(pair(r, "id", r.nextInt(20) == 0 ? "" : "L" + n));
        }
        String[] stringFields = {"sellerId", "title", "description", "category", "url", "createdAt"};
        for (String f : stringFields) {
            if (r.nextInt(4) > 0) {
                parts.add(pair(r, f, STRINGS[r.nextInt(STRINGS.length)]));
            }
        }
        if (r.nextInt(3) > 0) {
            parts.add(r.nextInt(5) == 0 ? "\"brand\":null" : pair(r, "brand", r.nextBoolean() ? "LV" : "无品牌"));
        }
        String[] numberFields = {"price", "unitsSold", "reviewCount", "negativeReviewRatio"};
        for (String f : numberFields) {
            if (r.nextInt(4) > 0) {
                String v = r.nextInt(10) == 0 ? "\"12\"" : r.nextInt(15) == 0 ? "null" : f.equals("negativeReviewRatio")
                        && r.nextBoolean() ? "0." + r.nextInt(1000) : NUMBERS[r.nextInt(NUMBERS.length)];
                parts.add("\"" + f + "\"" + sp(r) + ":" + sp(r) + v);
            }
        }
        if (r.nextInt(3) > 0) {
            parts.add(pair(r, "currency", new String[] {"CNY", "USD", "cny", "EURO", "US"}[r.nextInt(5)]));
        }
        if (r.nextInt(4) == 0) {
            parts.add("\"recommended\":" + new String[] {"true", "false", "null", "1", "truex"}[r.nextInt(5)]);
        }
        if (r.nextInt(4) == 0) {
            String[] extras = {"\"extra\":1", "\"extra\":\"x\"", "\"extra\":{\"a\":1}", "\"extra\":[1,2]",
                "\"extra\":true", "\"tit\\u006ce\":\"escaped name\"", "\"extra\":-2.5e3",
                // keys that begin as a known name does, or are the start of one: other keys
                "\"titles\":\"not the title\"", "\"tit\":\"x\"", "\"i\":2", "\"idx\":\"L0\"", "\"price2\":1",
                "\"unitsSoldx\":5", "\"\":0", "\"categor\":\"c\""};
            parts.add(extras[r.nextInt(extras.length)]);
        }
        if (r.nextInt(10) == 0 && !parts.isEmpty()) {
            parts.add(parts.get(r.nextInt(parts.size()))); // a repeated field
        }
        Collections.shuffle(parts, r);
        String body = "{" + sp(r) + String.join("," + sp(r), parts) + sp(r) + "}";
        return switch (r.nextInt(30)) {
            case 0 -> body + " {}";
            case 1 -> body.substring(0, body.length() / 2);
            case 2 -> "[" + body + "]";
            default -> sp(r) + body + sp(r);
        };
    }

    private static String pair(Random r, String field, String value) {
        return "\"" + field + "\"" + sp(r) + ":" + sp(r) + "\"" + value + "\"";
    }

    private static String sp(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\t ";
            default -> "";
        };
    }
}
