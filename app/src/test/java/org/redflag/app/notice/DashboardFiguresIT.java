package org.redflag.app.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.notice.Marketplace.action;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.server.TestServer;
import org.redflag.app.web.Dashboard;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's figures, counted and picked by the database, are those of every notice read and counted one by
 * one: notices filed over three calendar years, some decided after various delays, some still open with deadlines
 * breached, near and far.
 */
class DashboardFiguresIT {

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void the_figures_are_those_of_the_notices_counted_one_by_one(TestServer.Db db, @TempDir Path dir) {
        try (TestServer server = TestServer.start(db, TestServer.database(db, dir), Map.of())) {
            Dashboard.Figures empty = server.bean(Dashboard.class).figures(); // a new platform: no notice yet
            assertThat(empty.perYear()).isEmpty();
            assertThat(empty.medianHoursToAction()).isEmpty();
            assertThat(empty.openByTimeLeft().stream().mapToLong(Dashboard.Bucket::count).sum()).isZero();
            Marketplace m = new Marketplace(server, "");
            Random r = new Random(7);
            for (int i = 0; i < 36; i++) {
                long id = m.file(m.brand, m.listing(m.seller, "dash-" + i));
                if (r.nextInt(3) > 0) { // decided some minutes or hours later
                    server.clock().advance(Duration.ofMinutes(1 + r.nextInt(3000)));
                    m.reviewer.post("/api/notices/" + id + "/actions", action(r.nextBoolean() ? "REMOVE_LISTING"
                            : "REJECT")).expect(200);
                }
                server.clock().advance(Duration.ofHours(r.nextInt(i % 12 == 11 ? 9000 : 40)));
            }
            Dashboard.Figures figures = server.bean(Dashboard.class).figures();
            Dashboard.Figures expected = oneByOne(server.bean(JdbcClient.class), server.clock().instant());
            assertThat(figures.perYear()).as("notices over several years").hasSizeGreaterThanOrEqualTo(2);
            assertThat(figures.openByTimeLeft().stream().mapToLong(Dashboard.Bucket::count).sum()).isPositive();
            assertThat(figures.openByTimeLeft()).isEqualTo(expected.openByTimeLeft());
            assertThat(figures.medianHoursToAction()).isNotEmpty().isEqualTo(expected.medianHoursToAction());
            assertThat(figures.perYear()).isEqualTo(expected.perYear());
        }
    }

    /** The figures from every notice read in turn. */
    private static Dashboard.Figures oneByOne(JdbcClient jdbc, Instant now) {
        long[] b = new long[5];
        Map<String, List<Double>> hours = new TreeMap<>();
        Map<Integer, Long> byYear = new TreeMap<>();
        jdbc.sql("SELECT status, response_deadline, policy_id, received_at, decided_at FROM notices")
                .query((rs, i) -> {
                    if (rs.getString(1).equals("RECEIVED")) {
                        Instant d = rs.getObject(2, OffsetDateTime.class).toInstant();
                        long h = Duration.between(now, d).toHours();
                        b[d.isBefore(now) ? 0 : h < 12 ? 1 : h < 24 ? 2 : h < 72 ? 3 : 4]++;
                    }
                    OffsetDateTime received = rs.getObject(4, OffsetDateTime.class);
                    if (rs.getObject(5) != null) {
                        hours.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add(Duration.between(
                                received, rs.getObject(5, OffsetDateTime.class)).toMinutes() / 60.0);
                    }
                    byYear.merge(received.withOffsetSameInstant(ZoneOffset.UTC).getYear(), 1L, Long::sum);
                    return null;
                }).list();
        Map<String, String> median = new LinkedHashMap<>();
        hours.forEach((k, v) -> {
            v.sort(null);
            median.put(k, String.format("%.1f", v.get(v.size() / 2)));
        });
        List<Dashboard.YearRow> years = new ArrayList<>();
        Long previous = null;
        for (var e : byYear.entrySet()) {
            years.add(new Dashboard.YearRow(e.getKey(), e.getValue(), previous == null || previous == 0 ? "–"
                    : String.format("%+.0f %%", 100.0 * (e.getValue() - previous) / previous)));
            previous = e.getValue();
        }
        return new Dashboard.Figures(List.of(new Dashboard.Bucket("breached", b[0]),
                new Dashboard.Bucket("under12h", b[1]), new Dashboard.Bucket("under24h", b[2]),
                new Dashboard.Bucket("under72h", b[3]), new Dashboard.Bucket("later", b[4])), 0, median, List.of(),
                List.of(), years);
    }
}
