package org.redflag.app.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.notice.Marketplace.action;
import static org.redflag.app.notice.Marketplace.notice;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redflag.app.server.TestServer;

/**
 * A right holder sees and acts only on its own notices, a seller only on those about its listings: for every
 * endpoint, reaching for another's data answers 404 (as if it did not exist), or 403 where the data is visible but
 * the role may not act on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationIT {

    TestServer server;
    Marketplace m;
    long id;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir), Map.of());
        m = new Marketplace(server, "");
        id = m.file(m.brand, m.listing(m.seller, "iso-1"));
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"", "/history", "/assessment", "/evidence"})
    void another_right_holder_or_seller_cannot_read_a_notice(String suffix) {
        m.otherBrand.get("/api/notices/" + id + suffix).expect(404);
        m.otherSeller.get("/api/notices/" + id + suffix).expect(404);
        m.brand.get("/api/notices/" + id + suffix).expect(200);
        m.seller.get("/api/notices/" + id + suffix).expect(200);
    }

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/actions", "/counter-notice", "/suit", "/supplement", "/appeal"})
    void another_right_holder_or_seller_cannot_act_on_a_notice(String suffix) {
        Object body = switch (suffix) {
            case "/actions" -> action("RESTORE");
            case "/counter-notice" -> Map.of("statement", "s", "contact", "c");
            case "/suit" -> Map.of("court", "c", "caseReference", "r");
            case "/supplement" -> Map.of("elements", Map.of("proofOfRights", true));
            default -> Map.of("grounds", "g");
        };
        m.otherBrand.post("/api/notices/" + id + suffix, body).expect(404);
        m.otherSeller.post("/api/notices/" + id + suffix, body).expect(404);
        assertThat(m.reviewer.get("/api/notices/" + id).text("status")).isEqualTo("LISTING_REMOVED");
    }

    @Test
    void parties_cannot_take_each_others_or_the_platforms_moves() {
        m.brand.post("/api/notices/" + id + "/actions", action("RESTORE")).expect(403);
        m.seller.post("/api/notices/" + id + "/actions", action("RESTORE")).expect(403);
        m.brand.post("/api/notices/" + id + "/counter-notice", Map.of("statement", "s", "contact", "c")).expect(403);
        m.seller.post("/api/notices/" + id + "/suit", Map.of("court", "c", "caseReference", "r")).expect(403);
        m.seller.post("/api/notices/" + id + "/supplement", Map.of("elements", Map.of())).expect(403);
        m.seller.post("/api/notices", notice(List.of("iso-1"), true, "en")).expect(403);
        m.reviewer.post("/api/notices", notice(List.of("iso-1"), true, "en")).expect(403);
    }

    @Test
    void lists_show_only_ones_own() {
        assertThat(m.otherBrand.get("/api/notices").json().get("total").asLong()).isZero();
        assertThat(m.otherSeller.get("/api/notices").json().get("total").asLong()).isZero();
        assertThat(m.brand.get("/api/notices").json().get("total").asLong()).isEqualTo(1);
        assertThat(m.seller.get("/api/notices").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void listings_accounts_and_exports_are_guarded() {
        m.otherSeller.get("/api/listings/iso-1").expect(404);
        assertThat(m.otherSeller.get("/api/listings").expect(200).body()).doesNotContain("iso-1");
        m.otherSeller.get("/api/listings?sellerAccountId=" + m.seller.id()).expect(403);
        m.brand.get("/api/listings").expect(403);
        assertThat(m.seller.get("/api/listings").expect(200).body()).contains("iso-1");
        m.otherSeller.post("/api/listings", Map.of("id", "iso-x", "title", "t", "sellerAccountId", m.seller.id()))
                .expect(403);
        m.brand.post("/api/listings", Map.of("id", "iso-y", "title", "t")).expect(403);
        m.brand.post("/api/accounts", Map.of("username", "x", "password", "a-long-password", "role", "ADMIN",
                "displayName", "x")).expect(403);
        m.seller.get("/api/statements-of-reasons?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z").expect(403);
        m.reviewer.post("/api/sellers", Map.of("id", "iso-seller", "phones", List.of("+86 139 3333 4444")))
                .expect(201);
        for (TestServer.Client party : List.of(m.seller, m.brand)) {
            party.get("/api/sellers/iso-seller/discipline").expect(403);
            party.post("/api/sellers/iso-seller/strikes", Map.of("reference", "n", "rightHolder", "b", "claim", 0))
                    .expect(403);
            party.post("/api/sellers/iso-seller/payments", Map.of("kind", "FUNDS", "amount", 1, "reference", "r"))
                    .expect(403);
            party.post("/api/strikes/1/reversal", Map.of("reference", "r")).expect(403);
            party.post("/api/sellers/check", Map.of("id", "x", "phones", List.of("+86 139 3333 4444"))).expect(403);
        }
        m.brand.get("/api/statements-of-reasons?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z").expect(403);
        for (TestServer.Client party : List.of(m.seller, m.brand)) {
            party.get("/api/audit?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z").expect(403);
            party.get("/api/audit/export.csv?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z").expect(403);
            party.get("/api/backup").expect(403);
        }
        m.reviewer.get("/api/backup").expect(403);
    }

    @Test
    void guessing_a_password_locks_that_username_out_for_a_while_and_an_api_key_still_works() {
        TestServer.Client owner = server.account("guessed", org.redflag.app.account.Role.RIGHTS_HOLDER);
        TestServer.Client guesser = owner.withBasic("guessed", "not-the-password");
        TestServer.Client person = owner.withBasic("guessed", "password-of-guessed");
        person.get("/api/accounts/me").expect(200);
        for (int i = 0; i < 10; i++) {
            guesser.get("/api/accounts/me").expect(401);
        }
        var locked = person.get("/api/accounts/me").expect(429);
        assertThat(locked.json().get("detail").asString()).contains("too many wrong passwords", "API key");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        guesser.get("/api/accounts/me").expect(429);
        owner.get("/api/accounts/me").expect(200); // its API key
        m.brand.withBasic("brand", "password-of-brand").get("/api/notices").expect(200); // another username
        server.clock().advance(java.time.Duration.ofMinutes(16));
        person.get("/api/accounts/me").expect(200);
        // a right password clears the count: eighteen wrong ones, nine either side of it, do not lock it
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 9; i++) {
                guesser.get("/api/accounts/me").expect(401);
            }
            person.get("/api/accounts/me").expect(200);
        }
    }

    @Test
    void a_person_changes_their_password_an_admin_sets_anothers_and_keys_are_listed_and_revoked() {
        TestServer.Client owner = server.account("changer", org.redflag.app.account.Role.SELLER);
        TestServer.Client person = owner.withBasic("changer", "password-of-changer");
        String fresh = "a fresh password of mine";
        assertThat(person.put("/api/accounts/me/password", Map.of("currentPassword", "not it", "newPassword",
                fresh)).expect(400).json().get("field").asString()).isEqualTo("currentPassword");
        assertThat(person.put("/api/accounts/me/password", Map.of("currentPassword", "password-of-changer",
                "newPassword", "short")).expect(400).json().get("field").asString()).isEqualTo("newPassword");
        assertThat(person.put("/api/accounts/me/password", Map.of("currentPassword", "password-of-changer",
                "newPassword", "密".repeat(25))).expect(400).json().get("detail").asString()).contains("72 bytes");
        person.put("/api/accounts/me/password", Map.of("currentPassword", "password-of-changer", "newPassword",
                fresh)).expect(204);
        person.get("/api/accounts/me").expect(401);
        TestServer.Client renewed = owner.withBasic("changer", fresh);
        renewed.get("/api/accounts/me").expect(200);
        // an admin sets it for a person who lost it; no one else may
        m.reviewer.put("/api/accounts/" + owner.id() + "/password", Map.of("newPassword", "set by an admin 1"))
                .expect(403);
        m.seller.put("/api/accounts/" + owner.id() + "/password", Map.of("newPassword", "set by an admin 1"))
                .expect(403);
        m.admin.put("/api/accounts/" + owner.id() + "/password", Map.of("newPassword", "set by an admin 1"))
                .expect(204);
        m.admin.put("/api/accounts/987654/password", Map.of("newPassword", "set by an admin 1")).expect(404);
        assertThat(m.admin.get("/api/accounts").expect(200).body()).contains("\"username\":\"changer\"")
                .doesNotContain("password");
        m.reviewer.get("/api/accounts").expect(403);
        m.seller.get("/api/accounts").expect(403);
        renewed.get("/api/accounts/me").expect(401);
        owner.withBasic("changer", "set by an admin 1").get("/api/accounts/me").expect(200);
        // API keys: listed by handle and label, never the key; a revoked one is refused at once
        String second = owner.post("/api/accounts/me/api-keys", Map.of("label", "nightly sync")).expect(201).json()
                .get("key").asString();
        TestServer.Client machine = new TestServer.Client(server, owner.id(), second, null);
        machine.get("/api/accounts/me").expect(200);
        var keys = owner.get("/api/accounts/me/api-keys").expect(200);
        assertThat(keys.body()).contains("nightly sync").doesNotContain(second);
        String handle = keys.json().valueStream().filter(k -> k.get("label").asString().equals("nightly sync"))
                .findFirst().orElseThrow().get("id").asString();
        m.otherSeller.delete("/api/accounts/me/api-keys/" + handle).expect(404); // not theirs
        machine.get("/api/accounts/me").expect(200);
        owner.delete("/api/accounts/me/api-keys/" + handle).expect(204);
        machine.get("/api/accounts/me").expect(401);
        owner.delete("/api/accounts/me/api-keys/" + handle).expect(404);
        owner.delete("/api/accounts/me/api-keys/not-a-handle").expect(404);
        owner.get("/api/accounts/me").expect(200); // its other key
        // each change is in the audit trail
        for (String action : List.of("PASSWORD_CHANGED", "PASSWORD_RESET", "API_KEY_REVOKED")) {
            assertThat(m.reviewer.get("/api/audit?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&action=" + action)
                    .expect(200).body()).as(action).contains("changer");
        }
    }

    @Test
    void a_disabled_account_can_neither_log_in_nor_use_its_keys_until_enabled_again() {
        TestServer.Client leaver = server.account("leaver", org.redflag.app.account.Role.REVIEWER);
        TestServer.Client person = leaver.withBasic("leaver", "password-of-leaver");
        person.get("/api/notices").expect(200);
        leaver.get("/api/notices").expect(200);
        m.reviewer.put("/api/accounts/" + leaver.id() + "/disabled", Map.of("disabled", true)).expect(403);
        m.admin.put("/api/accounts/" + leaver.id() + "/disabled", Map.of("disabled", "yes")).expect(400);
        m.admin.put("/api/accounts/" + leaver.id() + "/disabled", Map.of()).expect(400);
        m.admin.put("/api/accounts/" + leaver.id() + "/disabled", Map.of("disabled", true)).expect(204);
        person.get("/api/notices").expect(401);
        leaver.get("/api/notices").expect(401); // its API key, at once
        assertThat(m.admin.get("/api/accounts").expect(200).json().valueStream()
                .filter(a -> a.get("username").asString().equals("leaver")).findFirst().orElseThrow()
                .get("disabled").asBoolean()).isTrue();
        assertThat(m.admin.put("/api/accounts/" + m.admin.id() + "/disabled", Map.of("disabled", true)).expect(400)
                .json().get("field").asString()).isEqualTo("disabled");
        m.admin.put("/api/accounts/" + leaver.id() + "/disabled", Map.of("disabled", false)).expect(204);
        person.get("/api/notices").expect(200);
        leaver.get("/api/notices").expect(200);
        assertThat(m.reviewer.get("/api/audit?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&action="
                + "ACCOUNT_DISABLED").expect(200).body()).contains("account leaver");
    }

    @Test
    void the_audit_export_streams_a_period_of_more_events_than_one_read_each_once_in_order() throws Exception {
        var audit = server.bean(org.redflag.app.audit.AuditLog.class);
        for (int i = 0; i < 2_500; i++) {
            audit.append(null, org.redflag.app.account.Actor.SYSTEM, "BULK_CHECK", null, null, "event " + i);
        }
        String period = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&action=BULK_CHECK";
        assertThat(m.reviewer.get("/api/audit?" + period + "&size=1").expect(200).header("X-Total-Count"))
                .isEqualTo("2500");
        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().get()
                .parse(new java.io.StringReader(m.reviewer.get("/api/audit/export.csv?" + period).expect(200).body()))
                .getRecords();
        assertThat(rows.stream().map(r -> r.get("detail")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 2_500).mapToObj(i -> "event " + i).toList());
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("id"))).toList()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void wrong_credentials_are_refused() {
        new TestServer.Client(server, 0, "rf_not-a-key", null).get("/api/notices").expect(401);
        m.brand.withBasic("brand", "wrong").get("/api/notices").expect(401);
        m.brand.withBasic("brand", "password-of-brand").get("/api/notices").expect(200);
    }
}
