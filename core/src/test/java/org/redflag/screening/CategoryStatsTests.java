package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first pass counts a valid listing exactly as the second pass reads it (the same category, the same numbers,
 * bit for bit), whatever the spacing, the field order, escapes, key names inside strings, nested or repeated fields
 * and non-ASCII text around them; a line the second pass will reject never stops it, nor moves the figures of the
 * valid lines.
 */
class CategoryStatsTests {

    private static final String[] CATEGORIES = {"shoes", "bags", "手机", "toys \\\"x\\\"", "", "électronique",
        "\\u00e9lectronique", "back\\\\slash", "a:b", "category"};
    private static final String[] UNITS = {"12", "0.1", "0.07", "3.14159", "1e3", "0", "123456789012345678",
        "0.30000000000000004", "7E-2", "9007199254740993", "2.5e+2", "1E0"};
    /** Titles that read, in part, like the keys or like JSON structure. */
    private static final String[] TITLES = {"plain", "高仿 \\\"category\\\": \\\"x\\\"", ":category",
        "\\\"unitsSold\\\":9", "a \\\\\\\"negativeReviewRatio\\\": 1", ": {\\\"category\\\": [",
        "ends in a backslash \\\\", "negativeReviewRatio", "\\u0022category\\u0022:1", "tab\\tand\\nnewline"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void a_valid_listing_counts_as_the_second_pass_reads_it(long seed) {
        Random random = new Random(seed);
        CategoryStats fromListings = new CategoryStats();
        CategoryStats fromBytes = new CategoryStats();
        java.util.Set<String> categories = new java.util.TreeSet<>();
        for (int n = 0; n < 5_000; n++) {
            List<String> parts = new ArrayList<>();
            parts.add(key("id", random) + "\"L" + n + "\"");
            parts.add(key("title", random) + "\"" + TITLES[random.nextInt(TITLES.length)] + "\"");
            if (random.nextInt(10) > 0) {
                parts.add(key("category", random) + "\"" + (random.nextInt(3) == 0
                        ? "many-" + random.nextInt(300) // more categories than the reader keeps by their bytes
                        : CATEGORIES[random.nextInt(CATEGORIES.length)]) + "\"");
            }
            if (random.nextInt(10) > 0) {
                parts.add(key("unitsSold", random) + UNITS[random.nextInt(UNITS.length)]);
            }
            if (random.nextInt(10) > 0) {
                parts.add(key("negativeReviewRatio", random) + (random.nextBoolean()
                        ? String.format(Locale.ROOT, "%.2f", random.nextDouble()) : "1e-1"));
            }
            if (random.nextInt(8) == 0) { // repeated: valid JSON, and the second pass keeps the last
                parts.add(random.nextBoolean() ? key("unitsSold", random) + random.nextInt(1000)
                        : key("category", random) + "\"repeated\"");
            }
            if (random.nextInt(8) == 0) { // a field the listing does not know, nested: its keys are not the listing's
                parts.add(key("meta", random) + (random.nextBoolean()
                        ? "{\"category\":\"nested\",\"unitsSold\":[1,2],\"negativeReviewRatio\":0.9}"
                        : "[{\"unitsSold\":5}, \"category\"]"));
            }
            if (random.nextInt(8) == 0) { // keys that end in a wanted name after an escaped quote: other keys
                parts.add(random.nextBoolean() ? key("x\\\"unitsSold", random) + "77"
                        : key("x\\\\\\\"category", random) + "\"not the category\"");
            }
            if (random.nextInt(8) == 0) {
                parts.add(key("note", random) + "\":{\\\"unitsSold\\\":1}\"");
            }
            java.util.Collections.shuffle(parts, random);
            String text = "{" + String.join("," + space(random), parts) + "}";
            Listing listing = ListingReader.parse(n, text).listing();
            assertThat(listing).as("a valid listing: %s", text).isNotNull();
            fromListings.add(listing);
            categories.add(listing.category() == null ? "" : listing.category());
            byte[] b = ("  " + text + "  ").getBytes(StandardCharsets.UTF_8);
            fromBytes.addLine(b, 2, b.length - 4);
        }
        categories.add("nonexistent");
        for (String c : categories) {
            assertThat(fromBytes.averages(c, 1)).as(c).isEqualTo(fromListings.averages(c, 1));
            assertThat(fromBytes.averages(c, 20)).as(c).isEqualTo(fromListings.averages(c, 20));
        }
        assertThat(categories).contains("toys \"x\"", "électronique", "a:b", "category", "repeated");
        assertThat(fromListings.averages("shoes", 20)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void a_line_the_second_pass_rejects_never_stops_the_first_nor_moves_the_valid_lines_figures(long seed) {
        Random random = new Random(seed);
        CategoryStats valid = new CategoryStats();
        CategoryStats mixed = new CategoryStats();
        for (int n = 0; n < 3_000; n++) {
            String good = "{\"id\":\"L" + n + "\",\"title\":\"t\",\"category\":\"" + CATEGORIES[random.nextInt(3)]
                    + "\",\"unitsSold\":" + random.nextInt(5000) + ",\"negativeReviewRatio\":"
                    + random.nextInt(100) / 100.0 + "}";
            Listing listing = ListingReader.parse(n, good).listing();
            assertThat(listing).isNotNull();
            valid.add(listing);
            byte[] b = good.getBytes(StandardCharsets.UTF_8);
            mixed.addLine(b, 0, b.length);
            // a broken line of a category of its own: cut short, or with a byte changed at random
            String broken = good.replace("\"category\":\"", "\"category\":\"broken-");
            byte[] bad = broken.getBytes(StandardCharsets.UTF_8);
            int len = random.nextBoolean() ? random.nextInt(bad.length) : bad.length;
            if (len == bad.length) {
                bad[random.nextInt(bad.length)] = (byte) "{}[]\":,\\ x\u00ff".charAt(random.nextInt(11));
            }
            mixed.addLine(bad, 0, len);
        }
        for (String c : new String[] {"shoes", "bags", "手机"}) {
            assertThat(mixed.averages(c, 20)).as(c).isEqualTo(valid.averages(c, 20));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void a_file_gathered_in_parts_on_any_number_of_threads_gives_the_same_figures(int threads,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Random random = new Random(threads);
        StringBuilder feed = new StringBuilder();
        CategoryStats whole = new CategoryStats();
        for (int n = 0; n < 20_000; n++) {
            String line = "{\"id\":\"L" + n + "\",\"category\":\"" + CATEGORIES[random.nextInt(3)] + "\",\"unitsSold\":"
                    + random.nextInt(5000) + ",\"negativeReviewRatio\":" + random.nextInt(100) / 100.0 + "}";
            feed.append(line).append('\n');
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            whole.addLine(b, 0, b.length);
        }
        java.nio.file.Path file = dir.resolve("feed.jsonl");
        java.nio.file.Files.writeString(file, feed);
        CategoryStats one = CategoryStats.gather(file, 1, 1 << 20, 40_000, () -> false);
        CategoryStats many = CategoryStats.gather(file, threads, 1 << 20, 40_000, () -> false);
        for (String c : new String[] {"shoes", "bags", "手机", "none"}) {
            assertThat(many.averages(c, 20)).as(c).isEqualTo(one.averages(c, 20));
            double[] expected = whole.averages(c, 20);
            double[] parted = many.averages(c, 20);
            for (int k = 0; k < 3; k++) {
                assertThat(parted[k]).as("%s, figure %d", c, k).isCloseTo(expected[k],
                        org.assertj.core.api.Assertions.within(1e-9 * Math.abs(expected[k])));
            }
        }
        assertThat(many.averages("shoes", 20)[2]).as("every line counted once").isEqualTo(whole.averages("shoes", 20)[2]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CategoryStats.gather(file, threads, 1 << 20, 40_000,
                () -> true)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @org.junit.jupiter.api.Test
    void a_copy_is_the_same_figures_and_does_not_move_with_the_original() {
        CategoryStats s = new CategoryStats();
        for (int i = 0; i < 30; i++) {
            s.add("shoes", 10 + i, 0.1);
        }
        CategoryStats copy = s.copy();
        assertThat(copy.averages("shoes", 20)).isEqualTo(s.averages("shoes", 20));
        s.add("shoes", 10_000, 0.9);
        assertThat(copy.averages("shoes", 20)[2]).isEqualTo(30);
        assertThat(s.averages("shoes", 20)[2]).isEqualTo(31);
    }

    /** A quoted key and its colon, with or without white space around the colon. */
    private static String key(String name, Random random) {
        return "\"" + name + "\"" + space(random) + ":" + space(random);
    }

    private static String space(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\t";
            case 2 -> "  ";
            default -> "";
        };
    }
}
