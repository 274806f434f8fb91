package org.redflag.screening;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one line of a listings feed (one JSON object per line, split by {@link org.redflag.source.JsonLines}): the
 * common plain line straight from its bytes ({@link ListingLineParser}), any other through Jackson. A line that is
 * not a valid listing yields a {@link Bad} naming the line and the field.
 */
public final class ListingReader {

    /** Longest line read, in characters. */
    public static final int MAX_LINE = 1 << 20;

    /** A line that could not be read as a listing. */
    public record Bad(long line, String field, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + (field == null ? "" : field + ": ") + message;
        }
    }

    /** One line's outcome: a listing, or why not. */
    public record Line(long number, Listing listing, Bad bad) {
    }

    /** Buffers recycled per thread: a parser a line, taken from a shared concurrent pool, costs more than its parse. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool()).build();

    private ListingReader() {
    }

    public static Line parse(long number, String text) {
        if (text.length() > MAX_LINE) {
            return new Line(number, null, new Bad(number, null, "longer than " + MAX_LINE + " characters"));
        }
        return parse(number, FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(), text));
    }

    /**
     * As {@link #parse(long, String)}, from the line's UTF-8 bytes without decoding more than its strings; a bad line
     * is read again as text, so that its message (and column) is the same.
     */
    public static Line parse(long number, byte[] b, int off, int len) {
        Listing fast = FAST.get().parse(b, off, len);
        if (fast != null) {
            return new Line(number, fast, null);
        }
        Line line = parse(number, FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(), b, off, len));
        if (line.bad() == null) {
            return line;
        }
        int notUtf8 = org.redflag.source.Utf8Text.firstInvalid(b, off, len);
        return notUtf8 < 0 ? parse(number, new String(b, off, len, StandardCharsets.UTF_8))
                : new Line(number, null, new Bad(number, null, org.redflag.source.Utf8Text.lineProblem(number, b, off,
                        notUtf8)));
    }

    private static final ThreadLocal<ListingLineParser> FAST = ThreadLocal.withInitial(ListingLineParser::new);

    private static Line parse(long number, JsonParser parser) {
        String id = null;
        String sellerId = null;
        String title = null;
        String description = null;
        String brand = null;
        String category = null;
        Double price = null;
        String currency = null;
        Double units = null;
        Integer reviews = null;
        Double negative = null;
        Boolean recommended = null;
        String url = null;
        String createdAt = null;
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return bad(number, null, "expected a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> id = string(p, v, field);
                    case "sellerId" -> sellerId = string(p, v, field);
                    case "title" -> title = string(p, v, field);
                    case "description" -> description = string(p, v, field);
                    case "brand" -> brand = v == JsonToken.VALUE_NULL ? null : string(p, v, field);
                    case "category" -> category = string(p, v, field);
                    case "price" -> price = number(p, v, field, 0, Double.MAX_VALUE);
                    case "currency" -> {
                        currency = string(p, v, field);
                        if (!isoCode(currency)) {
                            throw new Invalid(field, "expected a three-letter ISO 4217 code; found \"" + currency + "\"");
                        }
                    }
                    case "unitsSold" -> units = number(p, v, field, 0, Double.MAX_VALUE);
                    case "reviewCount" -> {
                        double d = number(p, v, field, 0, Integer.MAX_VALUE);
                        if (d != Math.rint(d)) {
                            throw new Invalid(field, "expected an integer; found " + d);
                        }
                        reviews = (int) d;
                    }
                    case "negativeReviewRatio" -> negative = number(p, v, field, 0, 1);
                    case "recommended" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw new Invalid(field, "expected true or false");
                        }
                        recommended = v == JsonToken.VALUE_TRUE;
                    }
                    case "url" -> url = string(p, v, field);
                    case "createdAt" -> createdAt = string(p, v, field);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return bad(number, null, "malformed object");
            }
            if (p.nextToken() != null) {
                return bad(number, null, "more than one JSON value on the line");
            }
        } catch (Invalid e) {
            return bad(number, e.field, e.getMessage());
        } catch (JacksonException e) {
            return bad(number, null, "not valid JSON (column " + (e.getLocation() == null ? "?"
                    : e.getLocation().getColumnNr()) + "): " + e.getOriginalMessage());
        }
        if (id == null || id.isEmpty()) {
            return bad(number, "id", "required, a non-empty string");
        }
        if (title == null) {
            return bad(number, "title", "required");
        }
        return new Line(number, new Listing(id, sellerId, title, description, brand, category, price, currency, units,
                reviews, negative, recommended, url, createdAt), null);
    }

    /** A three-letter ISO 4217 code in capitals, as listing.schema.json asks. */
    static boolean isoCode(String s) {
        if (s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static Line bad(long number, String field, String message) {
        return new Line(number, null, new Bad(number, field, message));
    }

    private static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static String string(JsonParser p, JsonToken v, String field) {
        if (v != JsonToken.VALUE_STRING) {
            throw new Invalid(field, "expected a string; found " + v.name().toLowerCase(java.util.Locale.ROOT).replace("value_", "") + " value");
        }
        return p.getString();
    }

    private static double number(JsonParser p, JsonToken v, String field, double min, double max) {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new Invalid(field, "expected a number; found " + (v == null ? "nothing" : v.name().toLowerCase(java.util.Locale.ROOT).replace("value_", "") + " value"));
        }
        double d = p.getDoubleValue();
        if (!(d >= min && d <= max)) {
            throw new Invalid(field, "expected a number from " + (long) min + " to " + (max > 1e9 ? "any" : max)
                    + "; found " + d);
        }
        return d;
    }
}
