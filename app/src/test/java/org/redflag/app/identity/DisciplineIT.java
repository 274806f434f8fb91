package org.redflag.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.account.Role;
import org.redflag.app.server.TestServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Strikes follow the identity over real HTTP, on H2 and on PostgreSQL: two accounts sharing a phone are one identity,
 * the ladder freezes the funds of both, then deducts the claim from the struck account's deposit first, then
 * terminates both; an appeal reverses a strike and its money; the ledger never holds a negative balance and stays
 * balanced; everything is still there after a restart; bad requests name their field.
 */
class DisciplineIT {

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void strikes_follow_the_identity_and_money_answers_for_them(TestServer.Db db, @TempDir Path dir)
            throws InterruptedException {
        String url = TestServer.database(db, dir);
        String before;
        try (TestServer server = TestServer.start(db, url, Map.of())) {
            var staff = server.account("reviewer", Role.REVIEWER);
            staff.post("/api/sellers", "{\"id\":\"acct-a\",\"phones\":[\"+86 139 0000 7777\"]}").expect(201);
            staff.post("/api/sellers", "{\"id\":\"acct-b\",\"phones\":[\"0086 139-0000-7777\"],"
                    + "\"deviceIds\":[\"dev-1\"]}").expect(201);
            staff.post("/api/sellers", "{\"id\":\"acct-c\",\"phones\":[\"+86 139 0000 8888\"]}").expect(201);
            pay(staff, "acct-a", "DEPOSIT", 100_000);
            pay(staff, "acct-b", "DEPOSIT", 50_000);
            pay(staff, "acct-a", "FUNDS", 12_345);
            pay(staff, "acct-b", "FUNDS", 500);

            JsonNode first = strike(staff, "acct-b", 0);
            assertThat(first.get("identity").toString()).isEqualTo("[\"acct-a\",\"acct-b\"]");
            assertThat(first.get("activeStrikes").asLong()).isEqualTo(1);
            assertThat(account(first, "acct-a", "frozen")).isEqualTo(12_345);
            assertThat(account(first, "acct-b", "frozen")).isEqualTo(500);
            assertThat(account(first, "acct-a", "funds")).isZero();
            assertThat(java.time.Duration.between(java.time.Instant.parse(last(first).get("at").asString()),
                    java.time.Instant.parse(last(first).get("releaseAt").asString()))).as("the pack's 30 days")
                    .isEqualTo(java.time.Duration.ofDays(30));

            JsonNode second = strike(staff, "acct-a", 120_000);
            assertThat(last(second).get("consequence").asString()).isEqualTo("DEDUCT_DEPOSIT");
            assertThat(account(second, "acct-a", "deposit")).as("the struck account pays first").isZero();
            assertThat(account(second, "acct-b", "deposit")).isEqualTo(30_000);
            assertThat(second.get("requiredDeposit").asLong()).as("base × (1 + 1 × 2 strikes)").isEqualTo(300_000);

            JsonNode third = strike(staff, "acct-b", 0);
            assertThat(last(third).get("consequence").asString()).isEqualTo("TERMINATE_ACCOUNT");
            JdbcClient jdbc = server.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT status FROM sellers WHERE id IN ('acct-a', 'acct-b')").query(String.class)
                    .list()).containsOnly("TERMINATED");
            String returning = "{\"id\":\"acct-new\",\"phones\":[\"+86 139 0000 7777\"]}";
            JsonNode held = staff.post("/api/sellers/check", returning).expect(200).json();
            assertThat(held.get("decision").asString()).as("terminated is banned").isEqualTo("HELD_FOR_REVIEW");
            assertThat(held.get("linkedBanned").asString()).isIn("acct-a", "acct-b");
            var admin = server.account("admin", Role.ADMIN);
            JsonNode records = admin.get("/api/exchange/credit-records").expect(200).json().get("records");
            assertThat(records.size()).as("a credit record for each terminated account").isEqualTo(2);
            assertThat(records.get(0).get("reason").asString()).isEqualTo("terminated after repeated infringement");

            long deducting = second.get("strikes").get(1).get("id").asLong();
            JsonNode reversed = staff.post("/api/strikes/" + deducting + "/reversal",
                    "{\"reference\":\"appeal 1 upheld\"}").expect(200).json();
            assertThat(account(reversed, "acct-a", "deposit")).isEqualTo(100_000);
            assertThat(account(reversed, "acct-b", "deposit")).isEqualTo(50_000);
            assertThat(reversed.get("activeStrikes").asLong()).isEqualTo(2);
            staff.post("/api/strikes/" + deducting + "/reversal", "{\"reference\":\"again\"}").expect(409);
            long terminating = third.get("strikes").get(2).get("id").asLong();
            staff.post("/api/strikes/" + terminating + "/reversal", "{\"reference\":\"appeal 2 upheld\"}").expect(200);
            assertThat(jdbc.sql("SELECT status FROM sellers WHERE id IN ('acct-a', 'acct-b')").query(String.class)
                    .list()).containsOnly("ACTIVE");
            assertThat(staff.post("/api/sellers/check", returning).expect(200).json().get("decision").asString())
                    .as("reinstated on appeal").isEqualTo("CLEAN");
            assertThat(admin.get("/api/exchange/credit-records").expect(200).json().get("records").size()).isZero();

            assertThat(staff.get("/api/sellers/acct-c/discipline").expect(200).json().get("activeStrikes").asLong())
                    .as("a seller of another identity").isZero();
            // every held account non-negative, and the ledger balances
            var balances = jdbc.sql("SELECT account, SUM(amount) FROM (SELECT to_account AS account, amount FROM"
                    + " ledger_postings UNION ALL SELECT from_account, -amount FROM ledger_postings) m GROUP BY"
                    + " account").query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
            assertThat(balances.stream().filter(e -> !e.getKey().equals("external")).mapToLong(Map.Entry::getValue)
                    .min().orElseThrow()).isNotNegative();
            assertThat(balances.stream().mapToLong(Map.Entry::getValue).sum()).isZero();

            // bad requests
            assertThat(staff.post("/api/sellers/acct-a/strikes", "{\"reference\":\"n\",\"rightHolder\":\"b\","
                    + "\"claim\":-1}").expect(400).json().toString()).contains("claim");
            assertThat(staff.post("/api/sellers/acct-a/strikes", "{\"reference\":\"n\",\"rightHolder\":\"b\","
                    + "\"claim\":1,\"extra\":1}").expect(400).json().toString()).contains("extra");
            assertThat(staff.post("/api/sellers/acct-a/payments", "{\"kind\":\"GOLD\",\"amount\":1,"
                    + "\"reference\":\"r\"}").expect(400).json().toString()).contains("kind");
            assertThat(staff.post("/api/sellers/acct-a/payments", "{\"kind\":\"FUNDS\",\"amount\":0,"
                    + "\"reference\":\"r\"}").expect(400).json().toString()).contains("amount");
            staff.post("/api/sellers/nobody/strikes", "{\"reference\":\"n\",\"rightHolder\":\"b\",\"claim\":0}")
                    .expect(404);
            staff.post("/api/strikes/999999/reversal", "{\"reference\":\"r\"}").expect(404);
            staff.get("/api/sellers/nobody/discipline").expect(404);
            var brand = server.account("brand", Role.RIGHTS_HOLDER);
            brand.get("/api/sellers/acct-a/discipline").expect(403);
            brand.post("/api/sellers/acct-a/strikes", "{\"reference\":\"n\",\"rightHolder\":\"b\",\"claim\":0}")
                    .expect(403);
            before = staff.get("/api/sellers/acct-a/discipline").expect(200).body();
        }
        try (TestServer again = TestServer.start(db, url, Map.of())) {
            var staff = again.account("reviewer-2", Role.REVIEWER);
            assertThat(staff.get("/api/sellers/acct-a/discipline").expect(200).body()).as("after a restart")
                    .isEqualTo(before);
        }
        // the freeze's period ends while no server runs; the next one releases the funds, once
        try (TestServer later = TestServer.start(db, url, Map.of("redflag.clock.offset", "P31D"))) {
            var staff = later.account("reviewer-3", Role.REVIEWER);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    account(staff.get("/api/sellers/acct-a/discipline").expect(200).json(), "acct-a", "frozen") == 0);
            JsonNode released = staff.get("/api/sellers/acct-b/discipline").expect(200).json();
            assertThat(account(released, "acct-a", "funds")).isEqualTo(12_345);
            assertThat(account(released, "acct-b", "funds")).isEqualTo(500);
            assertThat(account(released, "acct-b", "frozen")).isZero();
            assertThat(released.get("activeStrikes").asLong()).as("the freeze still counts").isEqualTo(1);
            assertThat(released.get("strikes").get(0).has("releasedAfter")).isTrue();
            Thread.sleep(1000);
            assertThat(later.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM ledger_postings WHERE reference LIKE"
                    + " 'funds released%'").query(Long.class).single()).as("released once").isEqualTo(2);
        }
    }

    private static void pay(TestServer.Client staff, String seller, String kind, long amount) {
        staff.post("/api/sellers/" + seller + "/payments", "{\"kind\":\"" + kind + "\",\"amount\":" + amount
                + ",\"reference\":\"paid in\"}").expect(201);
    }

    private static JsonNode strike(TestServer.Client staff, String seller, long claim) {
        return staff.post("/api/sellers/" + seller + "/strikes", "{\"reference\":\"notice for " + seller + "\","
                + "\"rightHolder\":\"brand-x\",\"claim\":" + claim + "}").expect(201).json();
    }

    private static long account(JsonNode view, String seller, String balance) {
        return view.get("accounts").get(seller).get(balance).asLong();
    }

    private static JsonNode last(JsonNode view) {
        JsonNode strikes = view.get("strikes");
        return strikes.get(strikes.size() - 1);
    }
}
