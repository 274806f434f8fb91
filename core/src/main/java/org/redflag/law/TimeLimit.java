package org.redflag.law;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A period of time from a pack: a deadline or a waiting period, with the provisions it rests on.
 * Hours are exact; days and months are calendar days and months in the jurisdiction's time zone; business days skip
 * weekends and the calendar's holidays and end at the same time of day as the start.
 */
public record TimeLimit(int value, Unit unit, List<String> references, String note) {

    public enum Unit { HOURS, DAYS, BUSINESS_DAYS, MONTHS }

    public TimeLimit {
        references = List.copyOf(references);
    }

    /** The moment this period ends when it starts at {@code start}. */
    public Instant after(Instant start, ZoneId zone, BusinessCalendar calendar) {
        ZonedDateTime at = start.atZone(zone);
        return switch (unit) {
            case HOURS -> start.plusSeconds(3600L * value);
            case DAYS -> at.plusDays(value).toInstant();
            case MONTHS -> at.plusMonths(value).toInstant();
            case BUSINESS_DAYS -> {
                LocalDate day = at.toLocalDate();
                int left = value;
                while (left > 0) {
                    day = day.plusDays(1);
                    if (calendar.isBusinessDay(day)) {
                        left--;
                    }
                }
                yield at.with(day).toInstant();
            }
        };
    }

    /** "72 hours", "10 business days". */
    public String words() {
        String u = unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return value + " " + (value == 1 ? u.substring(0, u.length() - 1) : u);
    }
}
