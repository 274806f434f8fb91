package org.redflag.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.account.Role;
import org.redflag.app.server.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The identity rules come from the deployment's pack: a pack file that says BLOCK makes a linked registration
 * blocked, and one with a lower hub threshold turns a shared identifier into a hub sooner.
 */
class IdentityRulesIT {

    @Test
    void a_deployment_pack_that_blocks_and_counts_hubs_sooner_is_applied(@TempDir Path dir) throws Exception {
        String cn;
        try (var in = IdentityRulesIT.class.getResourceAsStream("/org/redflag/law/packs/CN.yaml")) {
            cn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path pack = dir.resolve("strict.yaml");
        Files.writeString(pack, cn.replace("id: CN", "id: CN-STRICT")
                .replace("onLinkedRegistration: { value: HOLD_FOR_REVIEW,", "onLinkedRegistration: { value: BLOCK,")
                .replace("hubThreshold: { value: 50,", "hubThreshold: { value: 2,"));
        try (TestServer server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2,
                dir.resolve("db")), Map.of("redflag.policy", pack.toString()))) {
            var admin = server.account("admin-s", Role.ADMIN);
            admin.post("/api/sellers", "{\"id\":\"bad-1\",\"banned\":true,\"phones\":[\"+86 138 0000 4444\"],"
                    + "\"paymentAccounts\":[\"shared 0001\"]}").expect(201);
            TestServer.Response answer = admin.post("/api/sellers/check",
                    "{\"id\":\"new-1\",\"phones\":[\"0086 138 0000 4444\"]}").expect(200);
            assertThat(answer.header("Server-Timing")).as("the check's own time").matches("check;dur=\\d+\\.\\d{3}");
            JsonNode linked = answer.json();
            assertThat(linked.get("decision").asString()).isEqualTo("BLOCKED");
            assertThat(linked.get("linkedBanned").asString()).isEqualTo("bad-1");

            JsonNode viaShared = admin.post("/api/sellers/check", "{\"id\":\"new-2\",\"paymentAccounts\":"
                    + "[\"shared 0001\"]}").expect(200).json();
            assertThat(viaShared.get("decision").asString()).as("one holder is no hub")
                    .isEqualTo("BLOCKED");
            for (int i = 0; i < 2; i++) {
                admin.post("/api/sellers", "{\"id\":\"other-" + i + "\",\"paymentAccounts\":[\"shared 0001\"]}")
                        .expect(201);
            }
            assertThat(admin.post("/api/sellers/check", "{\"id\":\"new-3\",\"paymentAccounts\":[\"shared 0001\"]}")
                    .expect(200).json().get("decision").asString()).as("three holders make a hub at 2")
                    .isEqualTo("CLEAN");

            assertThat(admin.post("/api/sellers", "{\"id\":\"" + "x".repeat(101) + "\"}").expect(400).json()
                    .get("field").asString()).isEqualTo("id");
            assertThat(admin.post("/api/sellers", "{\"id\":\"long-address\",\"addresses\":[\"" + "a".repeat(600)
                    + "\"]}").expect(400).json().get("field").asString()).isEqualTo("addresses");

            // every check is timed inside the server, median and 99th percentile on the Prometheus endpoint
            String metrics = new TestServer.Client(server, 0, null, null).get("/actuator/prometheus").expect(200)
                    .body();
            assertThat(metrics).contains("redflag_registration_check_seconds{quantile=\"0.99\"")
                    .containsPattern("redflag_registration_check_seconds_count(\\{[^}]*})? [4-9]")
                    .containsPattern("redflag_seller_index_sellers(\\{[^}]*})? (-1|[0-9])");
        }
    }
}
