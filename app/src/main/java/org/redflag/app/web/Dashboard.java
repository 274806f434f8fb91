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

    /**
     * The figures, each counted or picked by the database: a dashboard reads a few rows however many notices there
     * are.
     */
    public Figures figures() {
        Instant now = clock.instant();
        // open notices by time left to their response deadline: breached, under 12 h, under 24 h, under 72 h, later
        long[] b = jdbc.sql("SELECT COUNT(CASE WHEN response_deadline < :now THEN 1 END),"
                        + " COUNT(CASE WHEN response_deadline >= :now AND response_deadline < :h12 THEN 1 END),"
                        + " COUNT(CASE WHEN response_deadline >= :h12 AND response_deadline < :h24 THEN 1 END),"
                        + " COUNT(CASE WHEN response_deadline >= :h24 AND response_deadline < :h72 THEN 1 END),"
                        + " COUNT(CASE WHEN response_deadline >= :h72 THEN 1 END)"
                        + " FROM notices WHERE status = 'RECEIVED'")
                .param("now", utc(now)).param("h12", utc(now.plus(Duration.ofHours(12))))
                .param("h24", utc(now.plus(Duration.ofHours(24)))).param("h72", utc(now.plus(Duration.ofHours(72))))
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5)}).single();
        List<Bucket> buckets = List.of(new Bucket("breached", b[0]), new Bucket("under12h", b[1]),
                new Bucket("under24h", b[2]), new Bucket("under72h", b[3]), new Bucket("later", b[4]));
        long breaches = jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'DEADLINE_BREACHED'")
                .query(Long.class).single();
        // the median time from receipt to decision per pack: the middle notice in that order (the upper one of
        // two), picked by the database
        Map<String, String> median = new LinkedHashMap<>();
        jdbc.sql("SELECT policy_id, COUNT(*) FROM notices WHERE decided_at IS NOT NULL GROUP BY policy_id"
                        + " ORDER BY policy_id")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().forEach(p -> {
                    Duration middle = jdbc.sql("SELECT received_at, decided_at FROM notices WHERE decided_at IS NOT"
                                    + " NULL AND policy_id = :p ORDER BY decided_at - received_at"
                                    + " OFFSET :o ROWS FETCH NEXT 1 ROWS ONLY")
                            .param("p", p.getKey()).param("o", p.getValue() / 2)
                            .query((rs, i) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
                                    rs.getObject(2, OffsetDateTime.class))).single();
                    median.put(p.getKey(), String.format("%.1f", middle.toMinutes() / 60.0));
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
        Map<Integer, Long> byYear = new java.util.TreeMap<>(); // notices received per calendar year, in UTC
        var span = jdbc.sql("SELECT MIN(received_at), MAX(received_at) FROM notices")
                .query((rs, i) -> rs.getObject(1) == null ? new int[0] : new int[] { // no notices: no years
                    rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).getYear(),
                    rs.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).getYear()}).single();
        for (int y = span.length == 0 ? 1 : span[0]; span.length > 0 && y <= span[1]; y++) {
            long n = jdbc.sql("SELECT COUNT(*) FROM notices WHERE received_at >= :a AND received_at < :b")
                    .param("a", OffsetDateTime.of(y, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                    .param("b", OffsetDateTime.of(y + 1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).query(Long.class).single();
            if (n > 0) {
                byYear.put(y, n);
            }
        }
        Long previous = null;
        for (var e : byYear.entrySet()) {
            years.add(new YearRow(e.getKey(), e.getValue(), previous == null || previous == 0 ? "–"
                    : String.format("%+.0f %%", 100.0 * (e.getValue() - previous) / previous)));
            previous = e.getValue();
        }
        return new Figures(buckets, breaches, median, days, counts, years);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
