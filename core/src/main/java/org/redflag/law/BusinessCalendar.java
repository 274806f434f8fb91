package org.redflag.law;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Which days are business days in a jurisdiction: Monday to Friday, less the listed public holidays, plus the listed
 * weekend days that are working days (China moves weekends next to its holidays: 调休).
 */
public record BusinessCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays, List<String> references) {

    public static final BusinessCalendar WEEKENDS_ONLY = new BusinessCalendar(Set.of(), Set.of(), List.of());

    public BusinessCalendar {
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
        references = List.copyOf(references);
    }

    public boolean isBusinessDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(day);
    }
}
