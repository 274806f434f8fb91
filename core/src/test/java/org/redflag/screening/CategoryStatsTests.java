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
 * The first pass reads a line's bytes exactly as the plain reading of its text below (the value after the first
 * occurrence of each quoted key) would: the same category and the same numbers, bit for bit, whatever the spacing,
 * escapes, repeated keys, odd numbers and non-ASCII text around them.
 */
class CategoryStatsTests {

    private static final String[] CATEGORIES = {"shoes", "bags", "手机", "toys \\\"x\\\"", "", "électronique"};
    private static final String[] NUMBERS = {"12", "0.1", "0.07", "3.14159", "1e3", "-5", "1.", ".5", "00012",
        "123456789012345678", "0.30000000000000004", "7E-2", "1.2.3", "+4", "x", "", "9007199254740993"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void bytes_and_text_give_the_same_statistics(long seed) {
        Random random = new Random(seed);
        CategoryStats fromText = new CategoryStats();
        CategoryStats fromBytes = new CategoryStats();
        List<String> categories = new ArrayList<>(List.of(CATEGORIES));
        for (int n = 0; n < 5_000; n++) {
            StringBuilder line = new StringBuilder("{");
            List<String> parts = new ArrayList<>();
            parts.add("\"id\":\"L" + n + "\"");
            parts.add("\"title\":\"" + (random.nextBoolean() ? "高仿 \\\"category\\\": x" : "plain") + "\"");
            if (random.nextInt(10) > 0) {
                parts.add("\"category\"" + space(random) + ":" + space(random) + "\"" + (random.nextInt(3) == 0
                        ? "many-" + random.nextInt(300) // more categories than the reader keeps strings for
                        : CATEGORIES[random.nextInt(CATEGORIES.length)]) + "\"");
            }
            if (random.nextInt(10) > 0) {
                parts.add("\"unitsSold\"" + space(random) + ":" + space(random)
                        + NUMBERS[random.nextInt(NUMBERS.length)]);
            }
            if (random.nextInt(10) > 0) {
                parts.add("\"negativeReviewRatio\":" + space(random) + (random.nextBoolean()
                        ? String.format(Locale.ROOT, "%.2f", random.nextDouble())
                        : NUMBERS[random.nextInt(NUMBERS.length)]));
            }
            if (random.nextInt(5) == 0) {
                parts.add("\"unitsSold\":" + random.nextInt(1000)); // repeated: the first counts
            }
            if (random.nextInt(10) == 0) { // not a flat object: the line is searched for the keys instead of walked
                parts.add("\"meta\":{\"category\":\"nested\",\"unitsSold\":[1,2]}");
            }
            java.util.Collections.shuffle(parts, random);
            line.append(String.join(",", parts)).append('}');
            String text = line.toString();
            fromText.add(stringField(text, "\"category\""), numberField(text, "\"unitsSold\""),
                    numberField(text, "\"negativeReviewRatio\""));
            byte[] b = ("  " + text + "  ").getBytes(StandardCharsets.UTF_8);
            fromBytes.addLine(b, 2, b.length - 4);
        }
        categories.add("nonexistent");
        for (int c = 0; c < 300; c += 7) { // a few lines each: compared on their own figures, not the fallback
            assertThat(fromBytes.averages("many-" + c, 1)).as("many-" + c).isEqualTo(fromText.averages("many-" + c, 1));
        }
        for (String c : categories) {
            assertThat(fromBytes.averages(c, 20)).as(c).isEqualTo(fromText.averages(c, 20));
        }
        assertThat(fromText.averages("shoes", 20)).isNotNull();
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

    private static int valueStart(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ':') {
            return -1;
        }
        i++;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String stringField(String line, String key) {
        int i = valueStart(line, key);
        if (i < 0 || i >= line.length() || line.charAt(i) != '"') {
            return null;
        }
        int end = line.indexOf('"', i + 1);
        if (end < 0 || line.lastIndexOf('\\', end) > i) {
            return null;
        }
        return line.substring(i + 1, end);
    }

    private static double numberField(String line, String key) {
        int i = valueStart(line, key);
        if (i < 0) {
            return Double.NaN;
        }
        int end = i;
        while (end < line.length() && "0123456789.eE+-".indexOf(line.charAt(end)) >= 0) {
            end++;
        }
        try {
            return end == i ? Double.NaN : Double.parseDouble(line.substring(i, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " " : "";
    }
}
