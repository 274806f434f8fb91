package org.redflag.screening;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.Utf8Text;

/**
 * What right holders and the platform supply beside the feed: genuine prices (CSV: brand, category, price,
 * currency; an empty category is the brand's default), banned sellers (one {"sellerId"} JSON object per line) and
 * foreign court orders (CSV: sellerId, kind, court, issuedAt, servedAt). Bad rows are refused with file and line.
 */
public final class ReferenceData {

    public record GenuinePrice(String brand, String category, double price, String currency, String source) {
    }

    public record ForeignOrder(String sellerId, String kind, String court, LocalDate issuedAt, LocalDate servedAt) {
    }

    private final Map<String, GenuinePrice> prices = new HashMap<>();
    private final Set<String> banned = new HashSet<>();
    private final Map<String, ForeignOrder> orders = new HashMap<>();

    public static final ReferenceData NONE = new ReferenceData();

    public static ReferenceData load(Path genuinePrices, Path bannedSellers, Path foreignOrders,
                                     CounterfeitDictionary dictionary) throws InvalidInputException {
        ReferenceData d = new ReferenceData();
        if (genuinePrices != null) {
            for (CSVRecord r : csv(genuinePrices, List.of("brand", "category", "price", "currency"))) {
                String where = genuinePrices + ":" + (r.getRecordNumber() + 1);
                String brand = dictionary.brandOf(r.get("brand"));
                String canonical = brand != null ? brand : r.get("brand").trim();
                double price;
                try {
                    price = Double.parseDouble(r.get("price"));
                } catch (NumberFormatException e) {
                    throw problem(genuinePrices, r, "price", "expected a number; found \"" + r.get("price") + "\"");
                }
                if (!(price > 0)) {
                    throw problem(genuinePrices, r, "price", "a genuine price must be above 0");
                }
                String currency = r.get("currency").trim();
                if (!currency.matches("[A-Z]{3}")) {
                    throw problem(genuinePrices, r, "currency", "expected a three-letter code; found \"" + currency
                            + "\"");
                }
                d.prices.put(key(canonical, r.get("category")), new GenuinePrice(canonical,
                        r.get("category").trim(), price, currency, where));
            }
        }
        if (bannedSellers != null) {
            long n = 0;
            try (java.io.BufferedReader in = Utf8Text.open(bannedSellers)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String sellerId = sellerId(line);
                    if (sellerId == null) {
                        throw new InvalidInputException(new InputProblem(bannedSellers.toString(), (int) n,
                                "$.sellerId", "each line is a JSON object with a sellerId string"));
                    }
                    d.banned.add(sellerId);
                }
            } catch (tools.jackson.core.JacksonException e) {
                throw new InvalidInputException(new InputProblem(bannedSellers.toString(), (int) n, "$",
                        "not JSON lines: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw FileReadProblems.unreadable(bannedSellers.toString(), e, "JSON lines");
            }
        }
        if (foreignOrders != null) {
            for (CSVRecord r : csv(foreignOrders, List.of("sellerId", "kind", "court", "issuedAt", "servedAt"))) {
                try {
                    d.orders.putIfAbsent(r.get("sellerId"), new ForeignOrder(r.get("sellerId"), r.get("kind"),
                            r.get("court"), LocalDate.parse(r.get("issuedAt")), r.get("servedAt").isBlank() ? null
                            : LocalDate.parse(r.get("servedAt"))));
                } catch (DateTimeParseException e) {
                    throw problem(foreignOrders, r, "issuedAt/servedAt", "expected dates such as 2024-03-01");
                }
            }
        }
        return d;
    }

    private static List<CSVRecord> csv(Path file, List<String> columns) throws InvalidInputException {
        try (Reader in = Utf8Text.open(file);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).get().parse(in)) {
            for (String c : columns) {
                if (!p.getHeaderNames().contains(c)) {
                    throw new InvalidInputException(new InputProblem(file.toString(), 1, c, "the header row must name"
                            + " the columns " + columns + "; found " + p.getHeaderNames()));
                }
            }
            List<CSVRecord> rows = p.getRecords();
            for (CSVRecord r : rows) {
                if (!r.isConsistent()) {
                    throw new InvalidInputException(new InputProblem(file.toString(), (int) r.getRecordNumber() + 1,
                            "$", "this row has " + r.size() + " fields; the header has " + p.getHeaderNames().size()));
                }
            }
            return rows;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw FileReadProblems.unreadable(file.toString(), e, "CSV");
        }
    }

    /** Reads lines with Jackson's parser alone: an object mapper is a fifth of a second of a cold start. */
    private static final tools.jackson.core.json.JsonFactory JSON = new tools.jackson.core.json.JsonFactory();

    /** The sellerId string of a line holding one JSON object (the last, if repeated), or null. */
    private static String sellerId(String line) {
        try (tools.jackson.core.JsonParser p = JSON.createParser(tools.jackson.core.ObjectReadContext.empty(),
                line)) {
            if (p.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            String sellerId = null;
            boolean valid = true;
            while (p.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                tools.jackson.core.JsonToken value = p.nextToken();
                if (name.equals("sellerId")) {
                    valid = value == tools.jackson.core.JsonToken.VALUE_STRING;
                    sellerId = valid ? p.getString() : null;
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new tools.jackson.core.exc.StreamReadException(p, "Trailing token (of type "
                        + p.currentToken() + ") found after value");
            }
            return valid ? sellerId : null;
        }
    }

    private static InvalidInputException problem(Path file, CSVRecord r, String field, String message) {
        return new InvalidInputException(new InputProblem(file.toString(), (int) r.getRecordNumber() + 1, field,
                message));
    }

    private static String key(String brand, String category) {
        return brand.toLowerCase(Locale.ROOT) + "\u0000" + (category == null ? "" : category.trim()
                .toLowerCase(Locale.ROOT));
    }

    /** The genuine price for a brand and category, else the brand's default. */
    public GenuinePrice genuinePrice(String brand, String category) {
        // feeds repeat their brands and categories: each pair is looked up once and its answer kept (a bounded
        // memo, by the brand and the category as the listing gives them)
        Map<String, Object> byCategory = found.get(brand);
        if (byCategory == null) {
            byCategory = found.computeIfAbsent(brand, b -> new java.util.concurrent.ConcurrentHashMap<>());
        }
        String c = category == null ? "" : category;
        Object answer = byCategory.get(c);
        if (answer == null) {
            GenuinePrice p = prices.get(key(brand, category));
            answer = p != null ? p : prices.get(key(brand, ""));
            if (answer == null) {
                answer = NO_PRICE;
            }
            if (remembered.get() < 100_000) {
                remembered.incrementAndGet();
                byCategory.put(c, answer);
            }
        }
        return answer == NO_PRICE ? null : (GenuinePrice) answer;
    }

    /** Answers already looked up: brand, then category, to a {@link GenuinePrice} or {@link #NO_PRICE}. */
    private final Map<String, Map<String, Object>> found = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger remembered = new java.util.concurrent.atomic.AtomicInteger();
    private static final Object NO_PRICE = new Object();

    public boolean banned(String sellerId) {
        return sellerId != null && banned.contains(sellerId);
    }

    public ForeignOrder order(String sellerId) {
        return sellerId == null ? null : orders.get(sellerId);
    }
}
