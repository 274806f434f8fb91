package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.redflag.source.InvalidInputException;

/** Category statistics written to a file read back as the same averages, and a bad file is refused by line. */
class CategoryStatsFileTests {

    private static final String[] CATEGORIES = {"shoes", "bags", "手机", "toys, \"deluxe\"", "", "tiny"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void statistics_read_back_give_the_same_averages(long seed, @TempDir Path dir) throws Exception {
        Random r = new Random(seed);
        CategoryStats gathered = new CategoryStats();
        for (int i = 0; i < 2_000; i++) {
            String category = i % 97 == 0 ? "tiny" : CATEGORIES[r.nextInt(CATEGORIES.length - 1)];
            gathered.add(category, r.nextInt(5) == 0 ? Double.NaN : r.nextInt(100_000) / 7.0,
                    r.nextInt(5) == 0 ? Double.NaN : r.nextDouble());
        }
        Path file = dir.resolve("stats.csv");
        StringBuilder text = new StringBuilder();
        CategoryStatsFile.write(gathered, text);
        Files.writeString(file, text);
        CategoryStats read = CategoryStatsFile.read(file);
        for (int min : new int[] {1, 20, 200, 5_000}) {
            for (String c : new String[] {"shoes", "bags", "手机", "toys, \"deluxe\"", "", "tiny", "unknown"}) {
                double[] expected = gathered.averages(c, min);
                double[] actual = read.averages(c, min);
                assertThat(actual).as("%s, min %d", c, min).hasSize(3);
                for (int k = 0; k < 3; k++) {
                    assertThat(actual[k]).as("%s, min %d, figure %d", c, min, k)
                            .isCloseTo(expected[k], within(Math.abs(expected[k]) * 1e-12));
                }
            }
        }
        StringBuilder again = new StringBuilder();
        CategoryStatsFile.write(read, again);
        assertThat(again.toString().lines().count()).isEqualTo(text.toString().lines().count());
        assertThat(text.toString()).startsWith(String.join(",", CategoryStatsFile.COLUMNS) + "\n");
    }

    @Test
    void categories_below_the_minimum_compare_with_all_categories_together(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.csv");
        Files.writeString(file, String.join(",", CategoryStatsFile.COLUMNS) + "\nshoes,30,10.0,30,0.1\n"
                + "tiny,10,100.0,10,0.4\nnone,0,,0,\n");
        CategoryStats s = CategoryStatsFile.read(file);
        assertThat(s.averages("shoes", 20)).containsExactly(10.0, 0.1, 30.0);
        assertThat(s.averages("tiny", 10)).containsExactly(100.0, 0.4, 10.0);
        double[] all = s.averages("tiny", 20); // (30 × 10 + 10 × 100) / 40, (30 × 0.1 + 10 × 0.4) / 40
        assertThat(all[0]).isCloseTo(32.5, within(1e-12));
        assertThat(all[1]).isCloseTo(0.175, within(1e-12));
        assertThat(all[2]).isEqualTo(40.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "shoes,30,10,30|stats.csv:2: this row has 4 fields; the header has 5",
        "shoes,-1,10,30,0.1|stats.csv:2: listings: expected a count, 0 or more; found \"-1\"",
        "shoes,many,10,30,0.1|stats.csv:2: listings: expected a count",
        "shoes,30,ten,30,0.1|stats.csv:2: averageUnitsSold: expected a number, 0 or more; found \"ten\"",
        "shoes,30,,30,0.1|stats.csv:2: averageUnitsSold: expected a number",
        "shoes,30,NaN,30,0.1|stats.csv:2: averageUnitsSold: expected a number",
        "shoes,30,Infinity,30,0.1|stats.csv:2: averageUnitsSold: expected a number",
        "shoes,30,10,30,1.5|stats.csv:2: averageNegativeReviewRatio: expected a number from 0 to 1; found \"1.5\"",
        "shoes,30,10,0,0.5|stats.csv:2: averageNegativeReviewRatio: an average of no listings (the count is 0)",
    })
    void a_bad_row_is_refused_with_its_line_and_column(String row, String message, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("stats.csv");
        Files.writeString(file, String.join(",", CategoryStatsFile.COLUMNS) + "\n" + row + "\n");
        assertThatThrownBy(() -> CategoryStatsFile.read(file)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems().get(0).toString()).startsWith(dir.resolve(message).toString()));
    }

    @Test
    void a_bad_file_is_refused_whole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.csv");
        Files.writeString(file, "category,listings\nshoes,3\n");
        assertThatThrownBy(() -> CategoryStatsFile.read(file)).hasMessageContaining(
                "stats.csv:1: averageUnitsSold: the header row must name the columns");
        Files.writeString(file, String.join(",", CategoryStatsFile.COLUMNS) + "\nshoes,3,1,3,0.1\nshoes,4,1,4,0.1\n");
        assertThatThrownBy(() -> CategoryStatsFile.read(file)).hasMessageContaining(
                "stats.csv:3: category: \"shoes\" has a row already");
        Files.write(file, (String.join(",", CategoryStatsFile.COLUMNS) + "\ncaf\u00e9,3,1,3,0.1\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CategoryStatsFile.read(file)).hasMessageContaining("stats.csv:2: not UTF-8 text");
    }
}
