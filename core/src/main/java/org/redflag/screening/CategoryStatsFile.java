package org.redflag.screening;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.Utf8Text;

/**
 * Category statistics as a CSV file, so that a feed can be screened against the figures of another: a small daily
 * feed against the whole catalogue's, say, where its own categories are too small to have an average. One row per
 * category: {@code category,listings,averageUnitsSold,reviewedListings,averageNegativeReviewRatio}, where
 * {@code listings} counts the listings with units sold and {@code reviewedListings} those with a negative-review
 * share. The averages of all categories together (for the categories below the pack's minimum) are those of the
 * rows together, each weighted by its counts. {@code redflag screen --save-category-stats} writes such a file from a
 * feed; a platform can as well write one from its own records.
 */
public final class CategoryStatsFile {

    static final List<String> COLUMNS = List.of("category", "listings", "averageUnitsSold", "reviewedListings",
            "averageNegativeReviewRatio");

    private CategoryStatsFile() {
    }

    /** Writes the statistics, a row per category in category order; averages print as Java prints a double. */
    public static void write(CategoryStats stats, Appendable out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(COLUMNS.toArray(String[]::new)).get());
        for (CategoryStats.Figures f : stats.figures()) {
            csv.printRecord(f.category(), f.listings(), f.listings() == 0 ? "" : f.unitsSum() / f.listings(),
                    f.reviewed(), f.reviewed() == 0 ? "" : f.negativeSum() / f.reviewed());
        }
        csv.flush();
    }

    /** Reads a file {@link #write} wrote, or one in its format; a bad row is refused with its line and column. */
    public static CategoryStats read(Path file) throws InvalidInputException {
        String name = file.toString();
        CategoryStats stats = new CategoryStats();
        try (Reader in = Utf8Text.open(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreEmptyLines(true).setTrim(true).get().parse(in)) {
            for (String c : COLUMNS) {
                if (!csv.getHeaderNames().contains(c)) {
                    throw new InvalidInputException(new InputProblem(name, 1, c, "the header row must name the"
                            + " columns " + COLUMNS + "; found " + csv.getHeaderNames()));
                }
            }
            Set<String> seen = new HashSet<>();
            List<CategoryStats.Figures> rows = new ArrayList<>();
            for (CSVRecord r : csv) {
                int line = (int) Math.min(Integer.MAX_VALUE, r.getRecordNumber() + 1);
                if (!r.isConsistent()) {
                    throw new InvalidInputException(new InputProblem(name, line, "$", "this row has " + r.size()
                            + " fields; the header has " + csv.getHeaderNames().size()));
                }
                String category = r.get("category");
                if (!seen.add(category)) {
                    throw new InvalidInputException(new InputProblem(name, line, "category", "\"" + category
                            + "\" has a row already; give each category one row"));
                }
                long listings = count(r, "listings", name, line);
                long reviewed = count(r, "reviewedListings", name, line);
                double units = average(r, "averageUnitsSold", listings, Double.MAX_VALUE, name, line);
                double negative = average(r, "averageNegativeReviewRatio", reviewed, 1, name, line);
                rows.add(new CategoryStats.Figures(category, listings, units * listings, reviewed,
                        negative * reviewed));
            }
            rows.forEach(stats::add);
            return stats;
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            throw FileReadProblems.unreadable(name, e, "CSV");
        }
    }

    private static long count(CSVRecord r, String column, String file, int line) throws InvalidInputException {
        String v = r.get(column);
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(new InputProblem(file, line, column, "expected a count, 0 or more; found \""
                + v + "\""));
    }

    /** An average over {@code count} listings: empty when there are none, else a number from 0 to {@code max}. */
    private static double average(CSVRecord r, String column, long count, double max, String file, int line)
            throws InvalidInputException {
        String v = r.get(column);
        if (count == 0) {
            if (v.isEmpty()) {
                return 0;
            }
            throw new InvalidInputException(new InputProblem(file, line, column, "an average of no listings (the"
                    + " count is 0); leave it empty, or give the count; found \"" + v + "\""));
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= max && !Double.isNaN(d) && !v.endsWith("d") && !v.endsWith("f") && !v.endsWith("D")
                    && !v.endsWith("F")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(new InputProblem(file, line, column, "expected "
                + (max == 1 ? "a number from 0 to 1" : "a number, 0 or more") + "; found \"" + v + "\""));
    }
}
