package org.redflag.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.account.Role;
import org.redflag.app.server.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Two platforms with their own databases and a shared exchange key: a seller banned on one is caught registering on
 * the other through keyed fingerprints, and no raw identifier crosses.
 */
class ExchangeIT {

    static final String KEY = "a-key-both-platforms-share-0123456789";

    @Test
    void a_seller_banned_on_one_platform_is_caught_registering_on_the_other(@TempDir Path a, @TempDir Path b) {
        try (TestServer first = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, a),
                Map.of("redflag.exchange.key", KEY, "redflag.exchange.platform", "platform-a"));
             TestServer second = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, b),
                     Map.of("redflag.exchange.key", KEY, "redflag.exchange.platform", "platform-b"))) {
            var adminA = first.account("admin-a", Role.ADMIN);
            var partnerOfA = first.account("platform-b", Role.PARTNER);
            adminA.post("/api/sellers", "{\"id\":\"bad-1\",\"banned\":true,\"phones\":[\"+86 138 0000 2222\"],"
                    + "\"emails\":[\"Counter.Feit+x@Gmail.com\"],\"name\":\"Li Wei\"}").expect(201);

            TestServer.Response export = partnerOfA.get("/api/exchange/credit-records").expect(200);
            assertThat(export.body()).doesNotContain("13800002222", "138 0000", "counterfeit", "Li Wei", "bad-1");
            JsonNode batch = export.json();
            assertThat(batch.get("platform").asString()).isEqualTo("platform-a");
            assertThat(batch.get("records").get(0).get("fingerprints").size()).isEqualTo(2);

            var adminB = second.account("admin-b", Role.ADMIN);
            var reviewerB = second.account("reviewer-b", Role.REVIEWER);
            adminB.post("/api/exchange/credit-records", export.body()).expect(200);
            JsonNode caught = reviewerB.post("/api/sellers/check", "{\"id\":\"new-1\",\"phones\":[\"0086-138-0000-2222\"]}")
                    .expect(200).json();
            assertThat(caught.get("decision").asString()).isEqualTo("HELD_FOR_REVIEW");
            assertThat(caught.get("partnerRecords").toString()).contains("platform-a/", "(phone)");
            JsonNode byEmail = reviewerB.post("/api/sellers/check", "{\"id\":\"new-2\",\"emails\":[\"counterfeit@gmail.com\"]}")
                    .expect(200).json();
            assertThat(byEmail.get("decision").asString()).isEqualTo("HELD_FOR_REVIEW");
            assertThat(reviewerB.post("/api/sellers/check", "{\"id\":\"new-3\",\"phones\":[\"+86 138 0000 3333\"]}")
                    .expect(200).json().get("decision").asString()).isEqualTo("CLEAN");

            adminB.post("/api/exchange/credit-records", "{\"platform\":\"platform-a\",\"records\":[]}").expect(200);
            assertThat(reviewerB.post("/api/sellers/check", "{\"id\":\"new-1\",\"phones\":[\"0086-138-0000-2222\"]}")
                    .expect(200).json().get("decision").asString()).as("expunged at the next exchange").isEqualTo("CLEAN");

            reviewerB.get("/api/exchange/credit-records").expect(403);
            adminB.post("/api/exchange/credit-records", "{\"platform\":\"platform-a\",\"records\":[{\"recordId\":\"x\","
                    + "\"fingerprints\":[{\"kind\":\"PHONE\",\"hmac\":\"13800002222\"}]}]}").expect(400);
        }
    }
}
