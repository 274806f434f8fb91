package org.redflag.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.notice.Marketplace;
import org.redflag.app.server.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks over real sockets: a receiver on this machine hears every change to the notices its account is a party
 * to, signed with its secret, and nothing of others'; a receiver that fails is tried again later and hears each
 * change once; a removed webhook hears nothing more.
 */
class WebhookIT {

    /** What a receiver got: the path it was posted to, the headers that matter, the body. */
    record Received(String path, String event, String delivery, String timestamp, String signature, String body) {
        JsonNode json() {
            return TestServer.JSON.readTree(body);
        }
    }

    HttpServer receiver;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    /** Answers still to fail with 500 before the receiver answers 204. */
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/endless", exchange -> { // answers 200, then a body that does not end
            exchange.getRequestBody().readAllBytes();
            received.add(new Received("/endless", null, null, null, null, "{}"));
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try (var out = exchange.getResponseBody()) {
                while (System.nanoTime() < until) {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the sender hung up: what it should do
            }
        });
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                received.add(new Received(exchange.getRequestURI().getPath(), h.getFirst("X-Redflag-Event"),
                        h.getFirst("X-Redflag-Delivery"), h.getFirst("X-Redflag-Timestamp"),
                        h.getFirst("X-Redflag-Signature"), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** A webhook's deliveries as its owner lists them, newest first. */
    private static JsonNode deliveries(TestServer.Client owner, long hook) {
        return owner.get("/api/accounts/me/webhooks/" + hook + "/deliveries").expect(200).json();
    }

    /** The attempts made so far at a webhook's latest delivery. */
    private static int attempts(TestServer.Client owner, long hook) {
        return deliveries(owner, hook).get(0).get("attempts").asInt();
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static TestServer start(TestServer.Db db, Path dir) {
        return start(db, TestServer.database(db, dir), "PT0S");
    }

    private static TestServer start(TestServer.Db db, String url, String clockOffset) {
        return TestServer.start(db, url, Map.of("redflag.webhooks.poll", "PT0.2S",
                "redflag.webhooks.allow-private-addresses", "true", "redflag.clock.offset", clockOffset));
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void each_party_hears_of_each_change_to_its_notices_signed_and_no_one_hears_of_others(TestServer.Db db,
            @TempDir Path dir) {
        try (TestServer server = start(db, dir)) {
            Marketplace m = new Marketplace(server, "w");
            String brandSecret = m.brand.post("/api/accounts/me/webhooks", Map.of("url", url("/brand"))).expect(201)
                    .text("secret");
            m.seller.post("/api/accounts/me/webhooks", Map.of("url", url("/seller"))).expect(201);
            TestServer.Client stranger = server.account("wstranger", org.redflag.app.account.Role.RIGHTS_HOLDER);
            stranger.post("/api/accounts/me/webhooks", Map.of("url", url("/stranger"))).expect(201);
            assertThat(brandSecret).startsWith("whsec_");
            assertThat(m.brand.get("/api/accounts/me/webhooks").expect(200).body()).contains(url("/brand"))
                    .doesNotContain("whsec_");

            long id = m.file(m.brand, m.listing(m.seller, "hook-1"));
            m.reviewer.post("/api/notices/" + id + "/actions", Marketplace.action("REMOVE_LISTING")).expect(200);
            m.reviewer.post("/api/notices/" + id + "/actions", Marketplace.action("FORWARD_TO_SELLER"))
                    .expect(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> at("/seller").size() >= 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/brand").size() >= 3);
            List<String> actions = at("/seller").stream().map(r -> r.json().get("action").asString()).toList();
            assertThat(actions).containsExactly("FILED", "REMOVE_LISTING", "FORWARD_TO_SELLER");
            Received removal = at("/brand").stream()
                    .filter(r -> r.json().get("action").asString().equals("REMOVE_LISTING")).findFirst().orElseThrow();
            assertThat(removal.event()).isEqualTo("notice.changed");
            assertThat(removal.json().get("noticeId").asLong()).isEqualTo(id);
            assertThat(removal.json().get("statusBefore").asString()).isEqualTo("RECEIVED");
            assertThat(removal.json().get("statusAfter").asString()).isEqualTo("LISTING_REMOVED");
            assertThat(removal.json().get("notice").asString()).isEqualTo("/api/notices/" + id);
            assertThat(removal.signature()).isEqualTo("sha256=" + WebhookSender.signature(brandSecret,
                    removal.timestamp(), removal.body()));
            assertThat(removal.signature()).as("another secret does not sign it").isNotEqualTo("sha256="
                    + WebhookSender.signature("whsec_other", removal.timestamp(), removal.body()));
            assertThat(at("/stranger")).as("not a party to the notice").isEmpty();

            // a ping, to see a receiver answer: signed as any delivery; only the webhook's owner may send one
            long strangerHook = stranger.get("/api/accounts/me/webhooks").expect(200).json().get(0).get("id").asLong();
            m.brand.post("/api/accounts/me/webhooks/" + strangerHook + "/ping", "").expect(404);
            long ping = stranger.post("/api/accounts/me/webhooks/" + strangerHook + "/ping", "").expect(202).json()
                    .get("delivery").asLong();
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/stranger").size() == 1);
            Received pinged = at("/stranger").get(0);
            assertThat(pinged.json().get("type").asString()).isEqualTo("ping");
            assertThat(pinged.event()).isEqualTo("ping");
            assertThat(pinged.delivery()).isEqualTo(Long.toString(ping));

            // the deliveries list tells the owner what was sent; another account cannot read it, nor remove it
            JsonNode hooks = m.seller.get("/api/accounts/me/webhooks").expect(200).json();
            long sellerHook = hooks.get(0).get("id").asLong();
            assertThat(hooks.get(0).get("lastDelivery").get("state").asString()).isEqualTo("delivered");
            assertThat(hooks.get(0).get("lastDelivery").get("payload").asString()).contains("FORWARD_TO_SELLER");
            JsonNode deliveries = deliveries(m.seller, sellerHook);
            assertThat(deliveries).hasSize(3);
            assertThat(deliveries.get(0).get("deliveredAt").isNull()).isFalse();
            assertThat(deliveries.get(0).get("lastStatus").asInt()).isEqualTo(204);
            stranger.get("/api/accounts/me/webhooks/" + sellerHook + "/deliveries").expect(404);
            stranger.delete("/api/accounts/me/webhooks/" + sellerHook).expect(404);

            // removed: it hears nothing more
            m.seller.delete("/api/accounts/me/webhooks/" + sellerHook).expect(204);
            m.seller.delete("/api/accounts/me/webhooks/" + sellerHook).expect(404);
            m.reviewer.post("/api/notices/" + id + "/actions", Marketplace.action("NOTIFY")).expect(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/brand").size() >= 4);
            assertThat(at("/seller")).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void a_receiver_that_fails_is_tried_again_later_and_hears_the_change_once(TestServer.Db db, @TempDir Path dir)
            throws Exception {
        try (TestServer server = start(db, dir)) {
            Marketplace m = new Marketplace(server, "v");
            m.brand.post("/api/accounts/me/webhooks", Map.of("url", url("/flaky"))).expect(201);
            long hook = m.brand.get("/api/accounts/me/webhooks").expect(200).json().get(0).get("id").asLong();
            failuresLeft.set(2);
            long id = m.file(m.brand, m.listing(m.seller, "hook-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(m.brand, hook) == 1);
            JsonNode failed = deliveries(m.brand, hook).get(0);
            assertThat(failed.get("lastStatus").asInt()).isEqualTo(500);
            assertThat(failed.get("lastError").asString()).contains("answered HTTP 500");
            assertThat(failed.get("deliveredAt").isNull()).isTrue();
            assertThat(failed.get("state").asString()).isEqualTo("failing");
            Thread.sleep(1000);
            assertThat(at("/flaky")).as("not before its next attempt, a minute on").isEmpty();

            server.clock().advance(Duration.ofMinutes(2)); // the second attempt fails too; the third after 5 more
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(m.brand, hook) == 2);
            server.clock().advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/flaky").size() == 1);
            JsonNode delivered = deliveries(m.brand, hook).get(0);
            assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivered.get("deliveredAt").isNull()).isFalse();
            assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();
            String metrics = new TestServer.Client(server, 0, null, null).get("/actuator/prometheus").expect(200)
                    .body();
            assertThat(metrics).contains("redflag_webhook_attempts_total{outcome=\"failed\"} 2.0",
                    "redflag_webhook_attempts_total{outcome=\"delivered\"} 1.0",
                    "redflag_webhook_deliveries_pending 0.0");
            server.clock().advance(Duration.ofHours(30));
            Thread.sleep(1500);
            assertThat(at("/flaky")).as("delivered once").hasSize(1);
            assertThat(at("/flaky").get(0).json().get("noticeId").asLong()).isEqualTo(id);
            // a month on, the delivered one is forgotten (the deadline breached since is a change of its own)
            long first = delivered.get("id").asLong();
            server.clock().advance(Duration.ofDays(31));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode left = deliveries(m.brand, hook);
                return !left.isEmpty() && left.valueStream().noneMatch(d -> d.get("id").asLong() == first);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void a_delivery_owed_when_the_server_stops_is_sent_after_it_starts_again(TestServer.Db db, @TempDir Path dir)
            throws Exception {
        String url = TestServer.database(db, dir);
        long hook;
        long id;
        failuresLeft.set(1_000);
        try (TestServer first = start(db, url, "PT0S")) {
            Marketplace m = new Marketplace(first, "u");
            m.brand.post("/api/accounts/me/webhooks", Map.of("url", url("/restart"))).expect(201);
            hook = m.brand.get("/api/accounts/me/webhooks").expect(200).json().get(0).get("id").asLong();
            id = m.file(m.brand, m.listing(m.seller, "hook-3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(m.brand, hook) == 1);
        }
        failuresLeft.set(0);
        assertThat(at("/restart")).isEmpty();
        try (TestServer second = start(db, url, "PT2M")) { // past the first retry's time
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/restart").size() == 1);
            assertThat(at("/restart").get(0).json().get("noticeId").asLong()).isEqualTo(id);
            assertThat(at("/restart").get(0).json().get("action").asString()).isEqualTo("FILED");
        }
    }

    @org.junit.jupiter.api.Test
    void a_receiver_whose_answer_never_ends_holds_up_no_other_delivery(@TempDir Path dir) {
        try (TestServer server = start(TestServer.Db.H2, dir)) {
            Marketplace m = new Marketplace(server, "e");
            m.brand.post("/api/accounts/me/webhooks", Map.of("url", url("/endless"))).expect(201); // sent first
            m.seller.post("/api/accounts/me/webhooks", Map.of("url", url("/after"))).expect(201);
            m.file(m.brand, m.listing(m.seller, "hook-5"));
            await().atMost(Duration.ofSeconds(20)).until(() -> at("/after").size() == 1);
            assertThat(at("/endless")).hasSize(1);
            long hook = m.brand.get("/api/accounts/me/webhooks").expect(200).json().get(0).get("id").asLong();
            JsonNode endless = deliveries(m.brand, hook).get(0);
            assertThat(endless.get("state").asString()).as("its status said 200").isEqualTo("delivered");
        }
    }
}
