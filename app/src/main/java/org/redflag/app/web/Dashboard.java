package org.redflag.app.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The operator's figures: open notices by time left, breaches, time to action, flags per day, notices per year. */
@Component
public class Dashboard {

    public record Bucket(String key, long count) {
    }

    public record YearRow(int year, long notices, String growth) {
    }

    public record Figures(List<Bucket> openByTimeLeft, long breaches, Map<String, String> medianHoursToAction,
                          List<String> flagDays, List<Long> flagCounts, List<YearRow> perYear) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public Dashboard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Figures figures() {
        Instant now = clock.instant();
        List<Instant> deadlines = jdbc.sql("SELECT response_deadline FROM notices WHERE status = 'RECEIVED'")
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
        long[] b = new long[5];
        for (Instant d : deadlines) {
            long h = Duration.between(now, d).toHours();
            b[d.isBefore(now) ? 0 : h < 12 ? 1 : h < 24 ? 2 : h < 72 ? 3 : 4]++;
        }
        List<Bucket> buckets = List.of(new Bucket("breached", b[0]), new Bucket("under12h", b[1]),
                new Bucket("under24h", b[2]), new Bucket("under72h", b[3]), new Bucket("later", b[4]));
        long breaches = jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'DEADLINE_BREACHED'")
                .query(Long.class).single();
        Map<String, List<Double>> hours = new LinkedHashMap<>();
        jdbc.sql("SELECT policy_id, received_at, decided_at FROM notices WHERE decided_at IS NOT NULL ORDER BY policy_id")
                .query((rs, i) -> {
                    hours.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Duration.between(
                            rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class)).toMinutes()
                            / 60.0);
                    return null;
                }).list();
        Map<String, String> median = new LinkedHashMap<>();
        hours.forEach((k, v) -> {
            v.sort(null);
            median.put(k, String.format("%.1f", v.get(v.size() / 2)));
        });
        List<String> days = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int d = 13; d >= 0; d--) {
            var day = now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(d);
            days.add(day.toString());
            counts.add(jdbc.sql("SELECT COUNT(*) FROM listing_flags f JOIN listings l ON l.id = f.listing_id"
                            + " WHERE l.created_at >= :a AND l.created_at < :b")
                    .param("a", day.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .param("b", day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).query(Long.class).single());
        }
        List<YearRow> years = new ArrayList<>();
        Map<Integer, Long> byYear = new java.util.TreeMap<>();
        jdbc.sql("SELECT received_at FROM notices").query((rs, i) -> rs.getObject(1, OffsetDateTime.class).getYear())
                .list().forEach(y -> byYear.merge(y, 1L, Long::sum));
        Long previous = null;
        for (var e : byYear.entrySet()) {
            years.add(new YearRow(e.getKey(), e.getValue(), previous == null || previous == 0 ? "–"
                    : String.format("%+.0f %%", 100.0 * (e.getValue() - previous) / previous)));
            previous = e.getValue();
        }
        return new Figures(buckets, breaches, median, days, counts, years);
    }
}
