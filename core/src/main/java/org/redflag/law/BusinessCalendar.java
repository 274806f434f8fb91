package org.redflag.law;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Which days are business days in a jurisdiction: not Saturday or Sunday, and not a listed public holiday. */
public record BusinessCalendar(Set<LocalDate> holidays, List<String> references) {

    public static final BusinessCalendar WEEKENDS_ONLY = new BusinessCalendar(Set.of(), List.of());

    public BusinessCalendar {
        holidays = Set.copyOf(holidays);
        references = List.copyOf(references);
    }

    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(day);
    }
}
