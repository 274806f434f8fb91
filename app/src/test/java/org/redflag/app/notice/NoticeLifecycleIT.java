package org.redflag.app.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redflag.app.notice.Marketplace.action;
import static org.redflag.app.notice.Marketplace.notice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.cli.Version;
import org.redflag.app.server.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The whole life of a notice over real HTTP: file, qualify, act, counter-notice, forward, waiting period, restore;
 * and file, act, appeal, reverse. Runs on H2 and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NoticeLifecycleIT {

    TestServer server;
    Marketplace m;

    abstract TestServer.Db db();

    @BeforeAll
    void start(@TempDir Path dir) throws java.io.IOException {
        // the category statistics of a catalogue, for a category no other test uses: 40 listings selling 50 units
        // on average with 5 % negative reviews
        Path stats = dir.resolve("category-stats.csv");
        java.nio.file.Files.writeString(stats, "category,listings,averageUnitsSold,reviewedListings,"
                + "averageNegativeReviewRatio\nwatches-catalogue,40,50.0,40,0.05\n");
        server = TestServer.start(db(), TestServer.database(db(), dir), Map.of("redflag.screening.category-stats",
                stats.toString()));
        m = new Marketplace(server, "");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String status(long id) {
        return m.reviewer.get("/api/notices/" + id).expect(200).text("status");
    }

    @Test
    void file_qualify_act_counter_notice_forward_wait_and_restore() {
        String listing = m.listing(m.seller, "life-1");
        JsonNode filed = m.brand.post("/api/notices", notice(List.of(listing), true, "en")).expect(201).json();
        long id = filed.get("id").asLong();
        assertThat(filed.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(filed.get("qualification").get("qualified").asBoolean()).isTrue();
        Instant received = Instant.parse(filed.get("clocks").get("receivedAt").asString());
        assertThat(Instant.parse(filed.get("clocks").get("responseDeadline").asString()))
                .isEqualTo(received.plus(Duration.ofHours(72)));
        assertThat(filed.get("text").asString()).isEqualTo("notice text as written, in en");

        JsonNode removed = m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200).json();
        assertThat(removed.get("status").asString()).isEqualTo("LISTING_REMOVED");
        assertThat(m.seller.get("/api/listings/" + listing).expect(200).text("status")).isEqualTo("REMOVED");
        m.reviewer.post("/api/notices/" + id + "/actions", action("FORWARD_TO_SELLER")).expect(200);

        m.seller.post("/api/notices/" + id + "/counter-notice",
                Map.of("statement", "genuine goods", "contact", "seller@example.com")).expect(200);
        var early = m.brand.post("/api/notices/" + id + "/suit", Map.of("court", "Hangzhou", "caseReference", "X1"))
                .expect(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.json().get("allowed").toString()).contains("FORWARD_COUNTER_NOTICE");

        JsonNode waiting = m.reviewer.post("/api/notices/" + id + "/actions", action("FORWARD_COUNTER_NOTICE"))
                .expect(200).json();
        assertThat(waiting.get("status").asString()).isEqualTo("WAITING_PERIOD");
        Instant forwarded = Instant.parse(waiting.get("clocks").get("counterForwardedAt").asString());
        assertThat(Instant.parse(waiting.get("clocks").get("waitingPeriodEnds").asString()))
                .isEqualTo(forwarded.plus(Duration.ofDays(15)));

        server.clock().advance(Duration.ofDays(14));
        assertThat(status(id)).isEqualTo("WAITING_PERIOD");
        server.clock().advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("RESTORED"));
        assertThat(m.seller.get("/api/listings/" + listing).expect(200).text("status")).isEqualTo("ONLINE");
        JsonNode history = m.brand.get("/api/notices/" + id + "/history").expect(200).json();
        assertThat(history.toString()).contains("\"actor\":\"system\"", "\"action\":\"RESTORE\"");
        List<String> actions = history.valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions).containsExactly("FILED", "REMOVE_LISTING", "FORWARD_TO_SELLER", "COUNTER_NOTICE",
                "FORWARD_COUNTER_NOTICE", "RESTORE");
        assertThat(history.get(0).get("detail").asString()).isEqualTo("qualified: every element the policy requires"
                + " is present. Listings: 1; language: en; policy CN 2024.2");
    }

    @Test
    void file_act_appeal_and_reverse() {
        String listing = m.listing(m.seller, "life-2");
        long id = m.file(m.brand, listing);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        m.brand.post("/api/notices/" + id + "/appeal", Map.of("grounds", "x")).expect(403);
        JsonNode appealed = m.seller.post("/api/notices/" + id + "/appeal", Map.of("grounds", "authorised reseller"))
                .expect(200).json();
        assertThat(appealed.get("status").asString()).isEqualTo("APPEALED");
        JsonNode reversed = m.reviewer.post("/api/notices/" + id + "/actions", action("REVERSE")).expect(200).json();
        assertThat(reversed.get("status").asString()).isEqualTo("RESTORED");
        assertThat(m.seller.get("/api/listings/" + listing).expect(200).text("status")).isEqualTo("ONLINE");
    }

    @Test
    void a_suit_reported_in_the_waiting_period_keeps_the_listing_down() {
        String listing = m.listing(m.seller, "life-3");
        long id = m.file(m.brand, listing);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        m.seller.post("/api/notices/" + id + "/counter-notice", Map.of("statement", "s", "contact", "c")).expect(200);
        m.reviewer.post("/api/notices/" + id + "/actions", action("FORWARD_COUNTER_NOTICE")).expect(200);
        m.brand.post("/api/notices/" + id + "/suit", Map.of("court", "Beijing IP Court", "caseReference", "2024-1"))
                .expect(200);
        server.clock().advance(Duration.ofDays(20));
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(status(id)).isEqualTo("SUIT_FILED");
        assertThat(m.seller.get("/api/listings/" + listing).expect(200).text("status")).isEqualTo("REMOVED");
    }

    @Test
    void an_incomplete_notice_names_its_missing_elements_in_english_and_chinese_and_is_never_refused_for_language() {
        String listing = m.listing(m.seller, "life-4");
        JsonNode filed = m.brand.post("/api/notices", notice(List.of(listing), false, "de")).expect(201).json();
        assertThat(filed.get("status").asString()).isEqualTo("INCOMPLETE");
        JsonNode missing = filed.get("qualification").get("missing");
        assertThat(missing.size()).isEqualTo(1);
        assertThat(missing.get(0).get("element").asString()).isEqualTo("proofOfRights");
        assertThat(missing.get(0).get("zh").asString()).isEqualTo("权利证明（如注册证书）");
        long id = filed.get("id").asLong();
        var supplement = Map.of("elements", Map.of("rightsHolderIdentity", true, "proofOfRights", true,
                "listingLocation", true, "infringementEvidence", true, "goodFaithStatement", true));
        assertThat(m.brand.post("/api/notices/" + id + "/supplement", supplement).expect(200).text("status"))
                .isEqualTo("RECEIVED");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_files_once() {
        String listing = m.listing(m.seller, "life-5");
        var body = notice(List.of(listing), true, "zh");
        var filed = m.brand.post("/api/notices", body, "Idempotency-Key", "k-1").expect(201);
        long first = filed.json().get("id").asLong();
        assertThat(filed.header("Location")).isEqualTo("/api/notices/" + first);
        // the answer goes out whole, with its length, not in chunks
        assertThat(filed.header("Content-Length")).isEqualTo(String.valueOf(filed.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(filed.header("Transfer-Encoding")).isNull();
        long again = m.brand.post("/api/notices", body, "Idempotency-Key", "k-1").expect(200).json().get("id").asLong();
        assertThat(again).isEqualTo(first);
        var other = m.brand.post("/api/notices", notice(List.of(listing), true, "en"), "Idempotency-Key", "k-1")
                .expect(409);
        assertThat(other.json().get("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void notices_filed_at_the_same_moment_are_each_stored_whole_and_answered_as_read_back() throws Exception {
        // filings that arrive together share a commit: each must still come back as its own notice, whole
        List<String> listings = java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> m.listing(m.seller, "together-" + i)).toList();
        var anonymous = new TestServer.Client(server, 0, null, null);
        double filedBefore = metric(anonymous, "redflag_notices_filed_per_commit_sum");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<JsonNode> answers = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<JsonNode>> filing = listings.stream().map(l -> pool.submit(() -> {
                var body = new java.util.LinkedHashMap<String, Object>(notice(List.of(l), !l.endsWith("-3"), "en"));
                body.put("evidence", List.of(Map.of("fileName", l + ".txt", "contentType", "text/plain",
                        "base64", java.util.Base64.getEncoder().encodeToString(("page of " + l).getBytes(
                                StandardCharsets.UTF_8)))));
                return m.brand.post("/api/notices", body, "Idempotency-Key", "together-" + l).expect(201).json();
            })).toList();
            // among them, a notice naming a listing unknown here: refused alone, naming it
            var unknown = pool.submit(() -> m.brand.post("/api/notices", notice(List.of(listings.get(5),
                    "together-unknown"), true, "en")).expect(400).json());
            for (var f : filing) {
                answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(unknown.get(60, java.util.concurrent.TimeUnit.SECONDS).get("field").asString())
                    .isEqualTo("listings[1]");
        } finally {
            pool.shutdownNow();
        }
        var jdbc = server.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < listings.size(); i++) {
            JsonNode answer = answers.get(i);
            long id = answer.get("id").asLong();
            ids.add(id);
            assertThat(answer.get("listings").toString()).isEqualTo("[\"" + listings.get(i) + "\"]");
            assertThat(answer.get("evidence").get(0).get("fileName").asString()).isEqualTo(listings.get(i) + ".txt");
            assertThat(answer).as("the answer to filing %s is what a read of it gives", listings.get(i))
                    .isEqualTo(m.brand.get("/api/notices/" + id).expect(200).json());
            boolean qualified = !listings.get(i).endsWith("-3");
            assertThat(answer.get("status").asString()).isEqualTo(qualified ? "RECEIVED" : "INCOMPLETE");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'response-deadline-warning'"
                    + " AND task_instance = :i").param("i", Long.toString(id)).query(Long.class).single())
                    .as("a deadline timer for a qualified notice only").isEqualTo(qualified ? 1L : 0L);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_items WHERE notice_id = :n").param("n", id)
                    .query(Long.class).single()).as("the notice as filed and its attachment, in the ledger")
                    .isEqualTo(2L);
            var again = new java.util.LinkedHashMap<String, Object>(notice(List.of(listings.get(i)), qualified,
                    "en"));
            again.put("evidence", List.of(Map.of("fileName", listings.get(i) + ".txt", "contentType", "text/plain",
                    "base64", java.util.Base64.getEncoder().encodeToString(("page of " + listings.get(i)).getBytes(
                            StandardCharsets.UTF_8)))));
            assertThat(m.brand.post("/api/notices", again, "Idempotency-Key", "together-" + listings.get(i))
                    .expect(200).json().get("id").asLong()).as("its key kept with it").isEqualTo(id);
        }
        assertThat(ids).hasSize(listings.size());
        assertThat(metric(anonymous, "redflag_notices_filed_per_commit_sum")).as("notices written, over commits")
                .isEqualTo(filedBefore + listings.size());
    }

    @Test
    void text_with_a_nul_character_is_refused_naming_its_field_on_every_database_and_nothing_is_stored() {
        String listing = m.listing(m.seller, "nul-1");
        int before = m.reviewer.get("/api/notices?size=200").expect(200).json().get("items").size();
        Map<String, Object> withNul = new java.util.HashMap<>(notice(List.of(listing), true, "en"));
        withNul.put("text", "counterfeit\u0000 goods");
        assertThat(m.brand.post("/api/notices", withNul).expect(400).json().get("field").asString()).isEqualTo("text");
        assertThat(m.brand.post("/api/accounts/me/api-keys", Map.of("label", "key\u0000")).expect(400).json()
                .get("field").asString()).isEqualTo("label");
        assertThat(m.seller.post("/api/listings", Map.of("id", "nul\u0000id", "title", "t")).expect(400).json()
                .get("field").asString()).isEqualTo("id");
        var bulk = bulk("listing_id\n" + listing + "\nx\u0000y\n");
        assertThat(bulk.status()).as(bulk.body()).isBetween(400, 499);
        assertThat(bulk.contentType()).startsWith("application/problem+json");
        assertThat(m.reviewer.get("/api/notices?size=200").expect(200).json().get("items").size())
                .as("nothing filed").isEqualTo(before);
    }

    /** A bulk filing by the right holder: one complete notice for the listings of {@code csv}. */
    private TestServer.Response bulk(String csv) {
        String boundary = "b0undary";
        String noticePart = TestServer.JSON.writeValueAsString(Map.of(
                "right", Map.of("type", "TRADEMARK", "reference", "TM 1"), "reasonCode", "COUNTERFEIT",
                "elements", Map.of("rightsHolderIdentity", true, "proofOfRights", true, "listingLocation", true,
                        "infringementEvidence", true)));
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"notice\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + noticePart + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + csv + "\r\n--" + boundary + "--\r\n";
        return m.brand.postRaw("/api/notices/bulk", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bulk_csv_files_notices_of_many_listings_for_one_right() {
        StringBuilder csv = new StringBuilder("listing_id\n");
        for (int i = 0; i < 305; i++) {
            String id = "bulk-" + i;
            server.bean(org.redflag.app.listing.Listings.class).create(id, m.seller.id(), "t");
            csv.append(id).append('\n');
        }
        JsonNode filed = bulk(csv.toString()).expect(201).json();
        assertThat(filed.size()).isEqualTo(2);
        assertThat(filed.get(0).get("listings").size() + filed.get(1).get("listings").size()).isEqualTo(305);
    }

    @Test
    void the_assessment_of_a_notice_runs_the_core_on_the_facts_held() {
        String listing = m.listing(m.seller, "life-6");
        long id = m.file(m.brand, listing);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        m.reviewer.post("/api/notices/" + id + "/actions", action("FORWARD_TO_SELLER")).expect(200);
        JsonNode a = m.reviewer.get("/api/notices/" + id + "/assessment").expect(200).json();
        assertThat(a.get("knowledge").asString()).isEqualTo("ACTUAL");
        assertThat(a.get("liability").asString()).isEqualTo("NOT_LIABLE");
        assertThat(a.get("findings").toString()).contains("measures.in-time", "cn.ecl.art42");
    }

    @Test
    void removal_records_a_statement_of_reasons_with_the_dsa_fields() {
        String listing = m.listing(m.seller, "life-7");
        long id = m.file(m.brand, listing);
        Instant from = server.clock().instant().minusSeconds(1);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        JsonNode sors = m.reviewer.get("/api/statements-of-reasons?from=" + from + "&to="
                + server.clock().instant().plusSeconds(5)).expect(200).json();
        JsonNode sor = sors.valueStream().filter(s -> s.get("noticeId").asLong() == id).findFirst().orElseThrow();
        assertThat(sor.get("category").asString()).isEqualTo("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS");
        assertThat(sor.get("categorySpecification").asString()).isEqualTo("KEYWORD_TRADEMARK_INFRINGEMENT");
        assertThat(sor.get("decisionVisibility").asString()).isEqualTo("DECISION_VISIBILITY_CONTENT_REMOVED");
        assertThat(sor.get("puid").asString()).isEqualTo("redflag-notice-" + id + "-" + listing + "-1");
        m.brand.get("/api/statements-of-reasons?from=" + from + "&to=" + server.clock().instant()).expect(403);
    }

    @Test
    void statements_of_reasons_come_a_page_at_a_time_with_the_total() {
        Instant from = server.clock().instant().minusSeconds(1);
        List<String> listings = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listings.add(m.listing(m.seller, "page-" + i));
        }
        long id = m.brand.post("/api/notices", Map.of("right", Map.of("type", "TRADEMARK", "reference", "TM 5"),
                "listings", listings, "reasonCode", "COUNTERFEIT", "elements", Map.of("rightsHolderIdentity", true,
                        "proofOfRights", true, "listingLocation", true, "infringementEvidence", true,
                        "goodFaithStatement", true))).expect(201).json().get("id").asLong();
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        String period = "/api/statements-of-reasons?from=" + from + "&to=" + server.clock().instant().plusSeconds(5);
        var whole = m.reviewer.get(period).expect(200);
        List<String> all = whole.json().valueStream().filter(s -> s.get("noticeId").asLong() == id)
                .map(s -> s.get("puid").asString()).toList();
        assertThat(all).hasSize(5);
        long total = Long.parseLong(whole.header("X-Total-Count"));
        assertThat(total).isEqualTo(whole.json().size());
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 0; page * 2 < total; page++) {
            var part = m.reviewer.get(period + "&size=2&page=" + page).expect(200);
            assertThat(part.header("X-Total-Count")).isEqualTo(Long.toString(total));
            assertThat(part.json().size()).isLessThanOrEqualTo(2);
            part.json().valueStream().filter(s -> s.get("noticeId").asLong() == id)
                    .forEach(s -> paged.add(s.get("puid").asString()));
        }
        assertThat(paged).as("the pages, in order, are the whole").isEqualTo(all);
        assertThat(m.reviewer.get(period + "&size=2&page=" + total).expect(200).json().size()).isZero();
    }

    @Test
    void the_audit_trail_is_append_only_in_the_database_itself() {
        long id = m.file(m.brand, m.listing(m.seller, "life-8"));
        var jdbc = server.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "UPDATE audit_events SET actor = 'forger' WHERE notice_id = :n").param("n", id).update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "DELETE FROM audit_events WHERE notice_id = :n").param("n", id).update())
                .hasMessageContaining("append-only");
        assertThat(m.brand.get("/api/notices/" + id + "/history").json().get(0).get("actor").asString())
                .isEqualTo("brand");
    }

    @Test
    void a_reliable_notifier_becomes_trusted_and_is_queued_first() {
        var trusted = server.account("reliable", org.redflag.app.account.Role.RIGHTS_HOLDER);
        for (int i = 0; i < 10; i++) {
            long n = m.file(trusted, m.listing(m.seller, "trust-" + i));
            m.reviewer.post("/api/notices/" + n + "/actions", action("REMOVE_LISTING")).expect(200);
        }
        long next = m.file(trusted, m.listing(m.seller, "trust-next"));
        JsonNode view = m.reviewer.get("/api/notices/" + next).json();
        assertThat(view.get("priority").asInt()).isEqualTo(1);
        JsonNode queue = m.reviewer.get("/api/notices?status=RECEIVED&size=1").json();
        assertThat(queue.get("items").get(0).get("id").asLong()).isEqualTo(next);
    }

    @Test
    void a_notifier_of_unfounded_notices_is_warned_then_suspended_with_reasons() {
        var careless = server.account("careless", org.redflag.app.account.Role.RIGHTS_HOLDER);
        for (int i = 0; i < 11; i++) {
            long n = m.file(careless, m.listing(m.seller, "care-" + i));
            m.reviewer.post("/api/notices/" + n + "/actions", action("REJECT")).expect(200);
        }
        var refused = careless.post("/api/notices", notice(List.of(m.listing(m.seller, "care-x")), true, "en"))
                .expect(403);
        assertThat(refused.json().get("title").asString()).isEqualTo("Notifier suspended");
        assertThat(refused.json().get("detail").asString()).contains("Art. 23", "decided notices upheld");
    }

    @Test
    void every_notice_and_decision_is_captured_and_its_bundle_verifies_offline(@TempDir Path tmp) throws Exception {
        String listing = m.listing(m.seller, "life-9");
        var body = new java.util.LinkedHashMap<String, Object>(notice(List.of(listing), true, "zh"));
        body.put("evidence", List.of(Map.of("fileName", "snapshot.html", "contentType", "text/html",
                "base64", java.util.Base64.getEncoder().encodeToString("<html>高仿</html>".getBytes(
                        StandardCharsets.UTF_8)))));
        long id = m.brand.post("/api/notices", body).expect(201).json().get("id").asLong();
        JsonNode attached = m.reviewer.get("/api/notices/" + id).expect(200).json().get("evidence").get(0);
        assertThat(attached.get("fileName").asString()).isEqualTo("snapshot.html");
        assertThat(attached.get("size").asInt()).as("its bytes, as stored").isEqualTo(
                "<html>高仿</html>".getBytes(StandardCharsets.UTF_8).length);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        var r = m.brand.request("/api/notices/" + id + "/evidence").GET();
        var response = java.net.http.HttpClient.newHttpClient().send(r.build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        Path zip = tmp.resolve("bundle.zip");
        java.nio.file.Files.write(zip, response.body());
        var result = org.redflag.evidence.BundleVerifier.verify(zip);
        assertThat(result.holds()).as(result.checks().toString()).isTrue();
        assertThat(result.checks().toString()).contains("snapshot.html", "notice-" + id + ".json",
                "notice-" + id + "-remove_listing.json", "redflag-notice-" + id + "-" + listing + "-1.json");
        m.otherBrand.get("/api/notices/" + id + "/evidence").expect(404);

        JsonNode head = m.reviewer.post("/api/evidence/heads", Map.of()).expect(200).json();
        long size = head.get("treeSize").asLong();
        JsonNode incl = m.reviewer.get("/api/evidence/inclusion?index=0&size=" + size).expect(200).json();
        List<byte[]> path = incl.get("path").valueStream().map(p -> org.redflag.evidence.Hashes.unhex(p.asString()))
                .toList();
        assertThat(org.redflag.evidence.MerkleProofs.verifyInclusion(0, size, org.redflag.evidence.Hashes.unhex(
                incl.get("leafHash").asString()), path, org.redflag.evidence.Hashes.unhex(head.get("rootHash")
                .asString()))).isTrue();
        JsonNode cons = m.reviewer.get("/api/evidence/consistency?from=1&to=" + size).expect(200).json();
        assertThat(cons.get("secondRoot").asString()).isEqualTo(head.get("rootHash").asString());
        m.brand.get("/api/evidence/inclusion?index=0&size=" + size).expect(403);
        m.reviewer.get("/api/evidence/inclusion?index=0&size=" + (size + 100)).expect(400);
        assertThat(m.brand.get("/api/evidence/public-key").expect(200).body()).contains("BEGIN PUBLIC KEY");
    }

    @Test
    void listings_are_screened_as_they_arrive_and_in_batches() {
        JsonNode created = m.seller.post("/api/listings", Map.of("id", "scr-1", "title", "ＨＩＧＨ　ＩＭＩＴＡＴＩＯＮ tote",
                "brand", "Gucci", "category", "bags", "price", 120, "currency", "CNY")).expect(201).json();
        assertThat(created.get("flags").toString()).contains("COUNTERFEIT_KEYWORD", "high imitation");
        assertThat(created.get("risk").asDouble()).isGreaterThan(0.5);
        assertThat(m.seller.get("/api/listings/scr-1").expect(200).json().get("flags").size()).isEqualTo(1);
        JsonNode clean = m.seller.post("/api/listings", Map.of("id", "scr-2", "title", "AAA batteries 4 pack",
                "brand", "Samsung")).expect(201).json();
        assertThat(clean.get("flags").size()).isZero();

        var batch = List.of(Map.of("id", "b1", "title", "高仿 名牌手表"), Map.of("id", "b2", "title", "高仿真 人造花"),
                Map.of("id", "b3", "title", "Gucci 1:1 belt"));
        JsonNode results = m.reviewer.post("/api/listings/screen", batch).expect(200).json();
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).get("flags").get(0).get("code").asString()).isEqualTo("COUNTERFEIT_KEYWORD");
        assertThat(results.get(1).get("flags").size()).isZero();
        assertThat(results.get(2).get("flags").get(0).get("evidence").toString()).contains("1:1");
        m.brand.post("/api/listings/screen", batch).expect(403);
        // against the catalogue's statistics the server was given: one listing is a category of its own here
        var sales = List.of(Map.of("id", "s1", "title", "watch", "category", "watches-catalogue", "unitsSold", 900,
                "negativeReviewRatio", 0.3), Map.of("id", "s2", "title", "watch", "category", "watches-catalogue",
                "unitsSold", 400, "negativeReviewRatio", 0.3));
        JsonNode anomalies = m.reviewer.post("/api/listings/screen", sales).expect(200).json();
        assertThat(anomalies.get(0).get("flags").toString()).contains("SALES_ANOMALY");
        assertThat(anomalies.get(1).get("flags").toString()).as("400 is not over 10 × 50").doesNotContain(
                "SALES_ANOMALY");
        // the figures the server screens with, as the CSV the command line reads
        var csv = m.reviewer.get("/api/screening/category-stats").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("category,listings,averageUnitsSold,reviewedListings,"
                + "averageNegativeReviewRatio\n").contains("\nwatches-catalogue,40,50.0,40,0.05\n");
        m.seller.get("/api/screening/category-stats").expect(403);
        m.brand.get("/api/screening/category-stats").expect(403);
        assertThat(m.reviewer.post("/api/listings/screen", List.of()).expect(400).body()).contains("batch");
        assertThat(m.reviewer.post("/api/listings/screen", List.of(Map.of("title", "x"))).expect(400).body())
                .contains("id");
    }

    @Test
    void listings_list_riskiest_first_filtered_by_flag_risk_seller_and_status_a_page_at_a_time() {
        TestServer.Client lister = server.account("lister-seller", org.redflag.app.account.Role.SELLER);
        long me = lister.id();
        List<String> flagged = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String title = i % 2 == 0 ? "高仿 watch " + i : "plain watch " + i;
            lister.post("/api/listings", Map.of("id", "lst-" + i, "title", title)).expect(201);
            if (i % 2 == 0) {
                flagged.add("lst-" + i);
            }
        }
        String mine = "/api/listings?sellerAccountId=" + me;
        JsonNode all = m.reviewer.get(mine + "&size=200").expect(200).json();
        assertThat(all.get("total").asLong()).isEqualTo(7);
        List<String> order = new java.util.ArrayList<>();
        all.get("items").forEach(item -> order.add(item.get("id").asString()));
        assertThat(order.subList(0, 4)).as("flagged first").containsExactlyInAnyOrderElementsOf(flagged);
        double previous = 1;
        for (JsonNode item : all.get("items")) {
            double risk = item.get("risk").asDouble();
            assertThat(risk).isLessThanOrEqualTo(previous);
            previous = risk;
            assertThat(item.get("flags").toString().contains("COUNTERFEIT_KEYWORD"))
                    .isEqualTo(flagged.contains(item.get("id").asString()));
        }
        // pages of 3 read back the same order, with nothing twice and nothing left out
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode p = m.reviewer.get(mine + "&size=3&page=" + page).expect(200).json();
            assertThat(p.get("total").asLong()).isEqualTo(7);
            p.get("items").forEach(item -> paged.add(item.get("id").asString()));
        }
        assertThat(paged).isEqualTo(order);
        assertThat(m.reviewer.get(mine + "&size=3&page=3").expect(200).json().get("items").size()).isZero();

        JsonNode keyword = m.reviewer.get(mine + "&flag=COUNTERFEIT_KEYWORD").expect(200).json();
        assertThat(keyword.get("total").asLong()).isEqualTo(4);
        assertThat(m.reviewer.get(mine + "&flag=SALES_ANOMALY").expect(200).json().get("total").asLong()).isZero();
        assertThat(m.reviewer.get(mine + "&minRisk=0.5").expect(200).json().get("total").asLong()).isEqualTo(4);
        assertThat(m.reviewer.get(mine + "&minRisk=0").expect(200).json().get("total").asLong())
                .as("every screened listing has a risk").isEqualTo(7);

        // a removal shows in the status filter
        long notice = m.brand.post("/api/notices", notice(List.of("lst-0"), true, "en")).expect(201).json().get("id")
                .asLong();
        m.reviewer.post("/api/notices/" + notice + "/actions", action("REMOVE_LISTING")).expect(200);
        JsonNode removed = m.reviewer.get(mine + "&status=REMOVED").expect(200).json();
        assertThat(removed.get("total").asLong()).isEqualTo(1);
        assertThat(removed.get("items").get(0).get("id").asString()).isEqualTo("lst-0");
        assertThat(m.reviewer.get(mine + "&status=ONLINE").expect(200).json().get("total").asLong()).isEqualTo(6);
        // the notices naming a listing, as each party may see them
        JsonNode naming = m.reviewer.get("/api/notices?listingId=lst-0").expect(200).json();
        assertThat(naming.get("total").asLong()).isEqualTo(1);
        assertThat(naming.get("items").get(0).get("id").asLong()).isEqualTo(notice);
        assertThat(lister.get("/api/notices?listingId=lst-0").expect(200).json().get("total").asLong()).isEqualTo(1);
        assertThat(m.brand.get("/api/notices?listingId=lst-0").expect(200).json().get("total").asLong()).isEqualTo(1);
        assertThat(m.otherBrand.get("/api/notices?listingId=lst-0").expect(200).json().get("total").asLong())
                .isZero();
        assertThat(m.reviewer.get("/api/notices?listingId=lst-1").expect(200).json().get("total").asLong()).isZero();
        assertThat(m.reviewer.get("/api/notices?listingId=").expect(400).json().get("field").asString())
                .isEqualTo("listingId");

        // a seller lists its own listings and no one else's; a right holder lists none
        assertThat(lister.get("/api/listings?size=200").expect(200).json().get("total").asLong()).isEqualTo(7);
        assertThat(lister.get(mine).expect(200).json().get("total").asLong()).isEqualTo(7);
        assertThat(lister.get("/api/listings?sellerAccountId=" + m.seller.id()).expect(403).body())
                .contains("its own listings");
        assertThat(m.seller.get("/api/listings?size=200").expect(200).body()).doesNotContain("lst-");
        m.brand.get("/api/listings").expect(403);

        // bad parameters are named
        for (String[] bad : new String[][] {{"flag=NOPE", "flag"}, {"minRisk=1.5", "minRisk"},
                {"minRisk=x", "minRisk"}, {"status=GONE", "status"}, {"size=201", "size"}, {"size=0", "size"},
                {"page=-1", "page"}, {"sellerAccountId=abc", "sellerAccountId"}}) {
            assertThat(m.reviewer.get("/api/listings?" + bad[0]).expect(400).json().get("field").asString())
                    .as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void the_audit_trail_of_a_period_reads_a_page_at_a_time_and_as_csv_safe_for_spreadsheets() throws Exception {
        Instant from = server.clock().instant().minusSeconds(1);
        String listing = m.listing(m.seller, "audit-1");
        long id = m.file(m.brand, listing);
        String reasons = "=HYPERLINK(\"http://x\"), with a comma, a \"quote\"\nand a second line";
        m.reviewer.post("/api/notices/" + id + "/actions", Map.of("action", "REMOVE_LISTING", "reasons", reasons))
                .expect(200);
        Instant to = server.clock().instant().plusMillis(1);
        Thread.sleep(5); // anything the timers record from here on falls after the period: its pages stay put
        String period = "from=" + from + "&to=" + to;
        var all = m.reviewer.get("/api/audit?" + period);
        JsonNode events = all.expect(200).json();
        long total = Long.parseLong(all.header("X-Total-Count"));
        assertThat(total).isEqualTo(events.size()).isGreaterThanOrEqualTo(2);
        List<Long> ids = events.valueStream().map(e -> e.get("id").asLong()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        // the test clock stands still unless moved: other tests' events share the period
        JsonNode removal = events.valueStream().filter(e -> e.get("action").asString().equals("REMOVE_LISTING")
                && e.get("noticeId").asLong() == id).findFirst().orElseThrow();
        assertThat(removal.get("before").asString()).isEqualTo("RECEIVED");
        assertThat(removal.get("after").asString()).isEqualTo("LISTING_REMOVED");
        assertThat(removal.get("detail").asString()).isEqualTo(reasons);
        // pages of one give the same events in the same order
        List<Long> paged = new java.util.ArrayList<>();
        for (int page = 0; page < total; page++) {
            paged.add(m.reviewer.get("/api/audit?" + period + "&size=1&page=" + page).expect(200).json().get(0)
                    .get("id").asLong());
        }
        assertThat(paged).isEqualTo(ids);
        JsonNode filed = m.reviewer.get("/api/audit?" + period + "&action=FILED").expect(200).json();
        assertThat(filed.valueStream().map(e -> e.get("action").asString())).isNotEmpty().containsOnly("FILED");
        // the whole period as CSV: the same events, the party's text a cell no spreadsheet runs
        var csv = m.reviewer.get("/api/audit/export.csv?" + period).expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setHeader().get().parse(new java.io.StringReader(csv.body())).getRecords();
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("id"))).toList()).isEqualTo(ids);
        var removed = rows.stream().filter(r -> r.get("action").equals("REMOVE_LISTING")
                && r.get("notice").equals(Long.toString(id))).findFirst().orElseThrow();
        assertThat(removed.get("detail")).isEqualTo("'" + reasons);
        // staff only; bad parameters named
        m.seller.get("/api/audit?" + period).expect(403);
        m.brand.get("/api/audit/export.csv?" + period).expect(403);
        for (String[] bad : new String[][] {{"from=" + to + "&to=" + from, "to"}, {period + "&size=1001", "size"},
                {period + "&page=-1", "page"}, {period + "&action=drop%20table", "action"},
                {"from=yesterday&to=" + to, "from"}, {"to=" + to, "from"}}) {
            assertThat(m.reviewer.get("/api/audit?" + bad[0]).expect(400).json().get("field").asString())
                    .as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void reasons_at_their_limit_beside_a_long_right_reference_make_a_statement_cut_to_its_column() {
        String listing = m.listing(m.seller, "long-reasons");
        long id = m.brand.post("/api/notices", Map.of("right", Map.of("type", "TRADEMARK", "reference",
                "TM ".repeat(166)), "listings", List.of(listing), "reasonCode", "COUNTERFEIT", "elements",
                Map.of("rightsHolderIdentity", true, "proofOfRights", true, "listingLocation", true,
                        "infringementEvidence", true, "goodFaithStatement", true))).expect(201).json().get("id")
                .asLong();
        String reasons = "The photographs show the counterfeit label. ".repeat(100).substring(0, 4000);
        m.reviewer.post("/api/notices/" + id + "/actions", Map.of("action", "REMOVE_LISTING", "reasons", reasons))
                .expect(200);
        JsonNode statements = m.reviewer.get("/api/statements-of-reasons?from=2000-01-01T00:00:00Z"
                + "&to=2100-01-01T00:00:00Z").expect(200).json();
        String facts = null;
        for (JsonNode s : statements) {
            if (s.toString().contains("-" + listing + "-")) {
                facts = s.get("decisionFacts").asString();
            }
        }
        assertThat(facts).hasSize(4000).startsWith("Listing " + listing + " removed on notice " + id).endsWith("…");
        assertThat(m.reviewer.get("/api/notices/" + id + "/history").expect(200).body())
                .contains("The photographs show the counterfeit label.");
    }

    @Test
    void a_flag_with_thousands_of_matches_or_a_long_span_is_stored_whole_and_reads_back() {
        // 3,000 hits in one description: more evidence than a flag's row holds
        JsonNode many = m.seller.post("/api/listings", Map.of("id", "scr-many", "title", "bag",
                "description", "高仿 ".repeat(3000))).expect(201).json();
        JsonNode evidence = many.get("flags").get(0).get("evidence");
        assertThat(evidence.get("matchesFound").asInt()).isEqualTo(3000);
        assertThat(evidence.get("matches").size()).isBetween(10, 2999);
        assertThat(evidence.toString().length()).isLessThanOrEqualTo(8000);
        assertThat(m.seller.get("/api/listings/scr-many").expect(200).json().get("flags").get(0).get("evidence")
                .get("matches").get(0).get("term").asString()).isEqualTo("高仿");
        // a term spread over 2,500 invisible separators: a detail longer than its column
        JsonNode spread = m.seller.post("/api/listings", Map.of("id", "scr-spread", "title", "bag",
                "description", "高" + "\u200b".repeat(2500) + "仿")).expect(201).json();
        String detail = spread.get("flags").get(0).get("detail").asString();
        assertThat(detail).hasSize(2000).startsWith("The listing says \"高").endsWith("…");
        assertThat(spread.get("flags").get(0).get("evidence").get("matches").get(0).get("text").asString())
                .as("the evidence has room for the whole span").hasSize(2502);
    }

    @Test
    void a_registration_linked_to_a_banned_seller_is_held_with_its_path_and_hubs_link_nobody() {
        m.reviewer.post("/api/sellers", "{\"id\":\"reg-banned\",\"banned\":true,\"phones\":[\"+86 139 0000 1111\"],"
                + "\"paymentAccounts\":[\"HUB-0001\"]}").expect(201);
        JsonNode again = m.reviewer.post("/api/sellers", "{\"id\":\"reg-again\",\"phones\":[\"0086-13900001111\"],"
                + "\"deviceIds\":[\"{AB12-CD34-EF56}\"]}").expect(201).json();
        assertThat(again.get("decision").asString()).isEqualTo("HELD_FOR_REVIEW");
        assertThat(again.get("linkedBanned").asString()).isEqualTo("reg-banned");
        assertThat(again.get("path").get(0).get("identifier").asString()).isEqualTo("phone");
        assertThat(again.get("path").toString()).doesNotContain("13900001111");
        JsonNode twoHops = m.reviewer.post("/api/sellers/check", "{\"id\":\"reg-third\","
                + "\"deviceIds\":[\"ab12cd34ef56\"]}").expect(200).json();
        assertThat(twoHops.get("decision").asString()).isEqualTo("HELD_FOR_REVIEW");
        assertThat(twoHops.get("path").size()).isEqualTo(2);
        for (int i = 0; i < 55; i++) {
            m.reviewer.post("/api/sellers", "{\"id\":\"hub-" + i + "\",\"paymentAccounts\":[\"hub 0001\"]}")
                    .expect(201);
        }
        JsonNode viaHub = m.reviewer.post("/api/sellers/check", "{\"id\":\"reg-hub\",\"paymentAccounts\":"
                + "[\"HUB-0001\"],\"name\":\"Anyone\"}").expect(200).json();
        assertThat(viaHub.get("decision").asString()).isEqualTo("CLEAN");
        assertThat(m.reviewer.post("/api/sellers/check", "{\"phones\":[\"1\"]}").expect(400).json().get("field")
                .asString()).isEqualTo("id");
        m.brand.post("/api/sellers/check", "{\"id\":\"x\"}").expect(403);
    }

    @Test
    void takedowns_strike_the_sellers_identity_and_a_reversal_on_appeal_reverses_the_strike() {
        m.reviewer.post("/api/sellers", "{\"id\":\"acct-strike\",\"accountId\":" + m.otherSeller.id()
                + ",\"phones\":[\"+86 139 5555 0000\"]}").expect(201);
        m.reviewer.post("/api/sellers", "{\"id\":\"acct-strike-2\",\"phones\":[\"0086 139 5555 0000\"]}")
                .expect(201);
        m.reviewer.post("/api/sellers/acct-strike-2/payments", Map.of("kind", "FUNDS", "amount", 700, "reference",
                "sales")).expect(201);
        String listing = m.listing(m.otherSeller, "strike-1");
        long id = m.file(m.brand, listing);
        m.reviewer.post("/api/notices/" + id + "/actions", action("REMOVE_LISTING")).expect(200);
        JsonNode struck = m.reviewer.get("/api/sellers/acct-strike-2/discipline").expect(200).json();
        assertThat(struck.get("activeStrikes").asLong()).as("the identity, through the shared phone").isEqualTo(1);
        assertThat(struck.get("strikes").get(0).get("reference").asString()).isEqualTo("notice " + id);
        assertThat(struck.get("strikes").get(0).get("sellerId").asString()).isEqualTo("acct-strike");
        assertThat(struck.get("accounts").get("acct-strike-2").get("frozen").asLong()).isEqualTo(700);
        m.otherSeller.post("/api/listings", Map.of("id", "strike-flagged", "title", "高仿 Gucci 包 super fake"))
                .expect(201);
        JsonNode flagged = m.reviewer.get("/api/sellers/acct-strike/discipline").expect(200).json();
        assertThat(flagged.get("flaggedListings").asLong()).as("screened on arrival").isEqualTo(1);
        assertThat(flagged.get("requiredDeposit").asLong()).as("100,000 × (1 + 1 × 1 strike + 0.1 × 1 flag)")
                .isEqualTo(210_000);

        m.otherSeller.post("/api/notices/" + id + "/appeal", Map.of("grounds", "authorised reseller")).expect(200);
        // reasons at their limit: the reversal's reference quotes them, cut to its column
        m.reviewer.post("/api/notices/" + id + "/actions", Map.of("action", "REVERSE", "reasons",
                "invoice checked; ".repeat(235))).expect(200);
        JsonNode cleared = m.reviewer.get("/api/sellers/acct-strike/discipline").expect(200).json();
        assertThat(cleared.get("activeStrikes").asLong()).isZero();
        assertThat(cleared.get("strikes").get(0).get("reversed").asBoolean()).isTrue();
        assertThat(cleared.get("accounts").get("acct-strike-2").get("funds").asLong()).isEqualTo(700);

        assertThat(m.reviewer.post("/api/sellers", "{\"id\":\"acct-x\",\"accountId\":" + m.brand.id() + "}")
                .expect(400).json().get("field").asString()).isEqualTo("accountId");
        assertThat(m.reviewer.post("/api/sellers", "{\"id\":\"acct-y\",\"accountId\":\"seven\"}").expect(400)
                .json().get("field").asString()).isEqualTo("accountId");
        assertThat(m.reviewer.post("/api/sellers", "{\"id\":\"acct-z\",\"accountId\":" + m.otherSeller.id() + "}")
                .expect(409).json().get("field").asString()).isEqualTo("accountId");
    }

    /** The value of the first Prometheus sample whose name and labels start with {@code prefix}; 0 if none. */
    private static double metric(TestServer.Client client, String prefix) {
        return client.get("/actuator/prometheus").expect(200).body().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void health_metrics_and_api_docs_are_served() {
        var anonymous = new TestServer.Client(server, 0, null, null);
        assertThat(anonymous.get("/actuator/health").expect(200).body()).contains("UP");
        assertThat(anonymous.get("/actuator/prometheus").expect(200).body()).contains("jvm_memory_used_bytes");
        // the service's own figures: each state change by action, flags raised, notices awaiting and overdue
        double filedBefore = metric(anonymous, "redflag_audit_events_total{action=\"FILED\"");
        String listing = m.seller.post("/api/listings", Map.of("id", "metrics-1", "title", "高仿 watch")).expect(201)
                .json().get("id").asString();
        m.file(m.brand, listing);
        assertThat(metric(anonymous, "redflag_audit_events_total{action=\"FILED\"")).isEqualTo(filedBefore + 1);
        assertThat(metric(anonymous, "redflag_listing_flags_total{code=\"COUNTERFEIT_KEYWORD\"")).isPositive();
        assertThat(metric(anonymous, "redflag_notices_awaiting_decision")).isPositive();
        assertThat(metric(anonymous, "redflag_notices_overdue")).isGreaterThanOrEqualTo(0);
        assertThat(metric(anonymous, "redflag_login_lockouts_total")).isGreaterThanOrEqualTo(0);
        // each request timed as a whole, by route and status (the security chain's own timers are off)
        assertThat(metric(anonymous, "http_server_requests_seconds_count{error=\"none\",exception=\"none\","
                + "method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/notices\"")).isPositive();
        assertThat(anonymous.get("/actuator/prometheus").expect(200).body()).doesNotContain("spring_security_");
        JsonNode docs = anonymous.get("/v3/api-docs").expect(200).json();
        assertThat(docs.get("paths").has("/api/notices/{id}/actions")).isTrue();
        assertThat(docs.get("info").get("title").asString()).isEqualTo("Redflag API");
        assertThat(docs.get("info").get("version").asString()).isEqualTo(Version.version())
                .isNotEqualTo("unknown");
        JsonNode schemes = docs.get("components").get("securitySchemes");
        assertThat(schemes.get("basic").get("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-Api-Key");
        assertThat(docs.get("security").toString()).contains("basic", "apiKey");
        // what the documentation says about authentication works: an API key in its header
        String key = m.brand.post("/api/accounts/me/api-keys", Map.of("label", "docs")).expect(201).json().get("key")
                .asString();
        new TestServer.Client(server, 0, key, null).get("/api/notices").expect(200);
        anonymous.get("/api/notices").expect(401);
    }
}
