package org.redflag.app.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redflag.app.notice.Marketplace.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.account.Accounts;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.server.TestServer;

/**
 * The statutory clocks survive a restart: the server stops in the middle of a waiting period (or before a deadline),
 * comes back with the clock moved past it, and the restoration (or escalation) happens exactly once.
 */
class RestartIT {

    private static TestServer.Client client(TestServer server, String username) {
        var accounts = server.bean(Accounts.class);
        var a = accounts.byUsername(username).orElseThrow();
        return new TestServer.Client(server, a.id(), accounts.issueApiKey(a.id(), "restart"), null);
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void a_waiting_period_that_ends_while_the_server_is_down_restores_exactly_once(TestServer.Db db,
                                                                                 @TempDir Path dir) throws Exception {
        String url = TestServer.database(db, dir);
        long id;
        try (TestServer first = TestServer.start(db, url, Map.of())) {
            Marketplace m = new Marketplace(first, "r");
            String listing = m.listing(m.seller, "restart-1");
            id = m.file(m.brand, listing);
            m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
            m.seller.post("/api/notices/" + id + "/counter-notice", Map.of("statement", "s", "contact", "c"))
                    .expect(200);
            m.reviewer.post("/api/notices/" + id + "/actions", action("FORWARD_COUNTER_NOTICE")).expect(200);
            first.clock().advance(Duration.ofDays(7));
            Thread.sleep(600);
            assertThat(m.reviewer.get("/api/notices/" + id).text("status")).isEqualTo("WAITING_PERIOD");
        }
        try (TestServer second = TestServer.start(db, url, Map.of("redflag.clock.offset", "P16D"))) {
            TestServer.Client reviewer = client(second, "rreviewer");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    reviewer.get("/api/notices/" + id).text("status").equals("RESTORED"));
            Thread.sleep(1500);
            assertThat(second.bean(AuditLog.class).count(id, "RESTORE")).isEqualTo(1);
            assertThat(reviewer.get("/api/listings/restart-1").text("status")).isEqualTo("ONLINE");
        }
        try (TestServer third = TestServer.start(db, url, Map.of("redflag.clock.offset", "P30D"))) {
            Thread.sleep(1500);
            assertThat(third.bean(AuditLog.class).count(id, "RESTORE")).as("no second restoration").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void the_category_statistics_of_the_listings_stored_are_there_after_a_restart(TestServer.Db db, @TempDir Path dir) {
        String url = TestServer.database(db, dir);
        try (TestServer first = TestServer.start(db, url, Map.of())) {
            Marketplace m = new Marketplace(first, "s");
            for (int i = 0; i < 25; i++) {
                m.seller.post("/api/listings", Map.of("id", "lamp-" + i, "title", "desk lamp", "category", "lamps",
                        "unitsSold", i % 2 == 0 ? 8 : 12, "negativeReviewRatio", 0.05)).expect(201);
            }
            m.seller.post("/api/listings", Map.of("id", "lamp-x", "title", "desk lamp", "category", "lamps"))
                    .expect(201); // no units: not counted
        }
        try (TestServer second = TestServer.start(db, url, Map.of())) {
            var batch = java.util.List.of(Map.of("id", "q1", "title", "desk lamp", "category", "lamps", "unitsSold",
                    500, "negativeReviewRatio", 0.3), Map.of("id", "q2", "title", "desk lamp", "category", "lamps",
                    "unitsSold", 90, "negativeReviewRatio", 0.3));
            var results = client(second, "sreviewer").post("/api/listings/screen", batch).expect(200).json();
            var flags = results.get(0).get("flags");
            assertThat(flags.toString()).contains("SALES_ANOMALY");
            var evidence = flags.get(0).get("evidence");
            assertThat(evidence.get("categoryAverageUnitsSold").asDouble()).isEqualTo(9.92); // (13 × 8 + 12 × 12) / 25
            assertThat(evidence.get("categoryNegativeReviewRatio").asDouble()).isEqualTo(0.05);
            assertThat(results.get(1).get("flags").toString()).as("90 is not over 10 × 9.92").doesNotContain(
                    "SALES_ANOMALY");
        }
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void a_deadline_that_passes_while_the_server_is_down_escalates_exactly_once(TestServer.Db db, @TempDir Path dir)
            throws Exception {
        String url = TestServer.database(db, dir);
        long id;
        try (TestServer first = TestServer.start(db, url, Map.of())) {
            Marketplace m = new Marketplace(first, "d");
            id = m.file(m.brand, m.listing(m.seller, "deadline-1"));
        }
        try (TestServer second = TestServer.start(db, url, Map.of("redflag.clock.offset", "PT73H"))) {
            AuditLog audit = second.bean(AuditLog.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.count(id, "DEADLINE_BREACHED") == 1);
            Thread.sleep(1500);
            assertThat(audit.count(id, "DEADLINE_BREACHED")).isEqualTo(1);
            assertThat(audit.count(id, "DEADLINE_APPROACHING")).as("the breach supersedes the warning").isLessThanOrEqualTo(1);
            assertThat(client(second, "dreviewer").get("/api/notices/" + id).json().get("escalationLevel").asInt())
                    .isEqualTo(2);
        }
        try (TestServer third = TestServer.start(db, url, Map.of("redflag.clock.offset", "PT80H"))) {
            Thread.sleep(1500);
            assertThat(third.bean(AuditLog.class).count(id, "DEADLINE_BREACHED")).isEqualTo(1);
        }
    }

    @Test
    void the_warning_comes_before_the_breach_while_the_server_runs(@TempDir Path dir) {
        try (TestServer server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir),
                Map.of())) {
            Marketplace m = new Marketplace(server, "w");
            long id = m.file(m.brand, m.listing(m.seller, "warn-1"));
            AuditLog audit = server.bean(AuditLog.class);
            server.clock().advance(Duration.ofHours(60));
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.count(id, "DEADLINE_APPROACHING") == 1);
            assertThat(audit.count(id, "DEADLINE_BREACHED")).isZero();
            server.clock().advance(Duration.ofHours(13));
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.count(id, "DEADLINE_BREACHED") == 1);
        }
    }
}
