package org.redflag.liability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a fact happened, as precisely as the case says. A date-time is exact ({@code earliest == latest}); a date
 * alone means that day as a whole in the jurisdiction's time zone, so the fact lies somewhere between the day's
 * first and last instant. Comparisons between such intervals may be certain or not; {@link Timing} says which.
 */
public record FactTime(Instant earliest, Instant latest, String text) {

    /**
     * Reads an ISO-8601 date ({@code 2024-03-01}), date-time with offset ({@code 2024-03-01T10:00:00+08:00}, {@code Z}),
     * date-time with a zone id, or local date-time (read in {@code zone}).
     */
    public static Optional<FactTime> parse(String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                Instant start = day.atStartOfDay(zone).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
                return Optional.of(new FactTime(start, end, text));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        for (var reader : READERS) {
            try {
                Instant at = reader.read(t, zone);
                return Optional.of(new FactTime(at, at, text));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** An exact moment. */
    public static FactTime at(Instant instant) {
        return new FactTime(instant, instant, DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    private interface Reader {
        Instant read(String text, ZoneId zone);
    }

    private static final Reader[] READERS = {
        (t, z) -> OffsetDateTime.parse(t).toInstant(),
        (t, z) -> ZonedDateTime.parse(t).toInstant(),
        (t, z) -> LocalDateTime.parse(t).atZone(z).toInstant(),
    };

    public boolean exact() {
        return earliest.equals(latest);
    }

    /** Whether this fact certainly, possibly or certainly not happened no later than {@code limit}. */
    public Timing notLaterThan(FactTime limit) {
        if (!latest.isAfter(limit.earliest)) {
            return Timing.CERTAIN;
        }
        if (earliest.isAfter(limit.latest)) {
            return Timing.NEVER;
        }
        return Timing.UNCERTAIN;
    }

    /** Three-valued answer to a comparison of facts that may be known only to the day. */
    public enum Timing { CERTAIN, UNCERTAIN, NEVER }

    /** The date-time of {@code instant} in {@code zone}, to the minute, with its offset: 2024-03-04T10:00+08:00. */
    public static String show(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replace(":00+", "+").replace(":00-", "-").replace(":00Z", "Z");
    }

    /** As written in the case; for an interval that was computed, both ends. */
    public String show(ZoneId zone) {
        if (text != null) {
            return text;
        }
        return exact() ? show(earliest, zone) : show(earliest, zone) + " .. " + show(latest, zone);
    }
}
