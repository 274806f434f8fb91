package org.redflag.app.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.notice.Marketplace.notice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.server.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Wrong, malformed, oversized and hostile input answers 4xx with an {@code application/problem+json} body naming the
 * field, and loses nothing already stored; thousands of generated bodies to every write endpoint cause no 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    TestServer server;
    Marketplace m;
    String listing;
    long noticeId;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir), Map.of());
        m = new Marketplace(server, "");
        listing = m.listing(m.seller, "bad-1");
        noticeId = m.file(m.brand, listing);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonNode problem(TestServer.Response r, int status) {
        r.expect(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asString()).isNotBlank();
        return p;
    }

    private static String field(TestServer.Response r, int status) {
        JsonNode f = problem(r, status).get("field");
        return f == null ? null : f.asString();
    }

    @Test
    void malformed_json_says_where() {
        JsonNode p = problem(m.brand.post("/api/notices", "{\"right\": {"), 400);
        assertThat(p.get("title").asString()).isEqualTo("Malformed JSON");
        assertThat(p.get("detail").asString()).contains("line 1");
    }

    @Test
    void an_unknown_field_is_named() {
        Map<String, Object> body = new LinkedHashMap<>(notice(List.of(listing), true, "en"));
        body.put("colour", "red");
        TestServer.Response r = m.brand.post("/api/notices", body);
        assertThat(field(r, 400)).isEqualTo("colour");
        assertThat(r.json().get("detail").asString()).contains("unknown field \"colour\"");
    }

    @Test
    void wrong_types_and_values_name_their_field() {
        Map<String, Object> body = new LinkedHashMap<>(notice(List.of(listing), true, "en"));
        body.put("listings", "bad-1");
        assertThat(field(m.brand.post("/api/notices", body), 400)).isEqualTo("listings");
        body = new LinkedHashMap<>(notice(List.of(listing), true, "en"));
        body.put("reasonCode", "FOO");
        assertThat(field(m.brand.post("/api/notices", body), 400)).isEqualTo("reasonCode");
        body.put("reasonCode", 1);
        assertThat(field(m.brand.post("/api/notices", body), 400)).isEqualTo("reasonCode");
        body = new LinkedHashMap<>(notice(List.of(), true, "en"));
        assertThat(field(m.brand.post("/api/notices", body), 400)).isEqualTo("listings");
        body = new LinkedHashMap<>(notice(List.of(listing), true, "not a language!"));
        assertThat(field(m.brand.post("/api/notices", body), 400)).isEqualTo("language");
        assertThat(field(m.reviewer.post("/api/notices/" + noticeId + "/actions", Map.of("action", "DANCE")), 400))
                .isEqualTo("action");
        assertThat(field(m.reviewer.post("/api/notices/" + noticeId + "/actions", Map.of("action", "COUNTER_NOTICE")),
                400)).isEqualTo("action");
    }

    @Test
    void a_password_longer_than_bcrypt_reads_is_refused_naming_it_and_one_at_the_limit_logs_in() {
        var body = new java.util.HashMap<String, Object>(Map.of("username", "pw-long", "role", "SELLER",
                "displayName", "d"));
        body.put("password", "p".repeat(73));
        assertThat(m.admin.post("/api/accounts", body).expect(400).json().get("field").asString())
                .isEqualTo("password");
        body.put("password", "密".repeat(25)); // 25 characters, 75 bytes
        JsonNode refused = m.admin.post("/api/accounts", body).expect(400).json();
        assertThat(refused.get("field").asString()).isEqualTo("password");
        assertThat(refused.get("detail").asString()).contains("72 bytes", "75");
        body.put("password", "密".repeat(24));
        m.admin.post("/api/accounts", body).expect(201);
        m.admin.withBasic("pw-long", "密".repeat(24)).get("/api/accounts/me").expect(200);
        m.admin.withBasic("pw-long", "密".repeat(23)).get("/api/accounts/me").expect(401);
    }

    @Test
    void unknown_listing_ids_are_named() {
        TestServer.Response r = m.brand.post("/api/notices", notice(List.of(listing, "no-such-listing"), true, "en"));
        assertThat(field(r, 400)).isEqualTo("listings[1]");
        assertThat(r.json().get("detail").asString()).contains("no-such-listing");
    }

    @Test
    void an_idempotency_key_over_its_limit_is_named_as_the_header_it_came_in() {
        TestServer.Response r = m.brand.post("/api/notices", notice(List.of(listing), true, "en"),
                "Idempotency-Key", "k".repeat(201));
        assertThat(field(r, 400)).isEqualTo("Idempotency-Key");
        assertThat(r.json().get("detail").asString()).startsWith("Idempotency-Key: size must be between 0 and 200");
    }

    @Test
    void bad_query_parameters_and_path_ids_are_named() {
        assertThat(field(m.reviewer.get("/api/notices?page=-1"), 400)).isEqualTo("page");
        assertThat(field(m.reviewer.get("/api/notices?size=abc"), 400)).isEqualTo("size");
        assertThat(field(m.reviewer.get("/api/notices?status=LOST"), 400)).isEqualTo("status");
        assertThat(field(m.reviewer.get("/api/notices/abc"), 400)).isEqualTo("id");
        assertThat(field(m.reviewer.get("/api/statements-of-reasons?from=2024-02-30T00:00:00Z&to=2024-03-01T00:00:00Z"),
                400)).isEqualTo("from");
        assertThat(field(m.reviewer.get("/api/statements-of-reasons?from=2024-03-01T00:00:00Z"), 400)).isEqualTo("to");
        String period = "/api/statements-of-reasons?from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z";
        assertThat(field(m.reviewer.get(period + "&size=1001"), 400)).isEqualTo("size");
        assertThat(field(m.reviewer.get(period + "&size=0"), 400)).isEqualTo("size");
        assertThat(field(m.reviewer.get(period + "&page=-1"), 400)).isEqualTo("page");
        problem(m.reviewer.get("/api/notices/999999"), 404);
        assertThat(field(m.reviewer.get("/api/notices?reasonCode=%00%ff"), 400)).as("not UTF-8 once decoded")
                .isEqualTo("reasonCode");
        assertThat(problem(m.reviewer.get("/api/sellers/%2e%2e/discipline"), 400).get("detail").asString())
                .as("refused by the firewall").contains("refused");
        assertThat(problem(m.reviewer.get("/api/notices/1%00"), 400).get("detail").asString())
                .as("refused by the container").contains("refused");
        assertThat(problem(m.reviewer.send(m.reviewer.request("/api/notices").header("X-Too-Long", "x".repeat(64_000))),
                400).get("detail").asString()).as("headers over the container's limit").contains("refused");
    }

    @Test
    void oversized_bodies_and_uploads_are_refused_with_413() {
        String big = "{\"text\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        problem(m.brand.post("/api/notices", big), 413);
        byte[] huge = new byte[7 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        problem(m.brand.postRaw("/api/notices/bulk", "multipart/form-data; boundary=x", huge), 413);
    }

    @Test
    void the_wrong_content_type_is_415() {
        problem(m.brand.postRaw("/api/notices", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void a_bad_bulk_upload_stores_nothing() {
        long before = m.reviewer.get("/api/notices").json().get("total").asLong();
        assertThat(field(bulk("listing_id\nbad-1\nno-such-listing\n", "text/csv"), 400)).isEqualTo("file");
        assertThat(field(bulk("id\nbad-1\n", "text/csv"), 400)).isEqualTo("file");
        assertThat(field(bulk("listing_id\nbad-1\n", "image/png"), 415)).isEqualTo("file");
        // a file that is not UTF-8 is refused on its line, not read with replacement characters
        byte[] latin1 = "listing_id\nbad-1\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode notUtf8 = problem(bulk(latin1, "text/csv"), 400);
        assertThat(notUtf8.get("field").asString()).isEqualTo("file");
        assertThat(notUtf8.get("detail").asString()).startsWith("line 3: not UTF-8 text (byte 0xE9)");
        assertThat(m.reviewer.get("/api/notices").json().get("total").asLong()).isEqualTo(before);
    }

    private TestServer.Response bulk(String csv, String type) {
        return bulk(csv.getBytes(StandardCharsets.UTF_8), type);
    }

    private TestServer.Response bulk(byte[] csv, String type) {
        String noticePart = "{\"right\":{\"type\":\"TRADEMARK\",\"reference\":\"TM\"},\"reasonCode\":\"COUNTERFEIT\","
                + "\"elements\":{\"rightsHolderIdentity\":true}}";
        String body = "--b\r\nContent-Disposition: form-data; name=\"notice\"\r\nContent-Type: application/json\r\n\r\n"
                + noticePart + "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n";
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(csv);
        bytes.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return m.brand.postRaw("/api/notices/bulk", "multipart/form-data; boundary=b", bytes.toByteArray());
    }

    /**
     * Random JSON: valid bodies with values swapped for other types, fields dropped or added, text cut short, and
     * text at the sizes the fields allow (where text from several fields meets in one column).
     */
    static final class Fuzz {
        private final Random r;

        Fuzz(long seed) {
            this.r = new Random(seed);
        }

        Object value(int depth) {
            return switch (r.nextInt(depth > 2 ? 7 : 9)) {
                case 0 -> null;
                case 1 -> r.nextBoolean();
                case 2 -> r.nextInt();
                case 3 -> r.nextDouble() * 1e300;
                case 4 -> string();
                case 5 -> "REMOVE_LISTING";
                case 6 -> "";
                case 7 -> java.util.Arrays.asList(value(depth + 1), value(depth + 1));
                default -> java.util.Collections.singletonMap(string(), value(depth + 1));
            };
        }

        /** The sizes the API's fields and columns allow, each with its neighbours: text at a limit, or just over. */
        private static final int[] LIMITS = {35, 100, 200, 255, 500, 1000, 2000, 4000, 8000, 20_000};

        String string() {
            StringBuilder sb = new StringBuilder();
            int kind = r.nextInt(20);
            int n = switch (kind) {
                case 0, 1 -> r.nextInt(400);
                case 2 -> LIMITS[r.nextInt(LIMITS.length)] - 1 + r.nextInt(3);
                default -> r.nextInt(12);
            };
            boolean printable = kind == 2; // text at a limit gets past the check for control characters
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(switch (printable ? r.nextInt(2) : r.nextInt(4)) {
                    case 0 -> 'a' + r.nextInt(26);
                    case 1 -> 0x4E00 + r.nextInt(2000);
                    case 2 -> r.nextInt(0x20);
                    default -> 0x1F600 + r.nextInt(50);
                });
            }
            return sb.toString();
        }

        @SuppressWarnings("unchecked")
        Object mutate(Object valid) {
            if (!(valid instanceof Map<?, ?> map) || map.isEmpty()) {
                return r.nextInt(3) == 0 ? value(0) : valid;
            }
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(out.keySet());
            int changes = 1 + r.nextInt(3);
            for (int i = 0; i < changes; i++) {
                String k = keys.get(r.nextInt(keys.size()));
                switch (r.nextInt(4)) {
                    case 0 -> out.remove(k);
                    case 1 -> out.put(k, value(0));
                    case 2 -> out.put(string(), value(0));
                    default -> out.put(k, mutate(out.get(k)));
                }
            }
            return out;
        }

        String text(Object valid) {
            String json = TestServer.JSON.writeValueAsString(mutate(valid));
            return switch (r.nextInt(10)) {
                case 0 -> json.substring(0, r.nextInt(json.length() + 1));
                case 1 -> json + "}";
                case 2 -> "[" + json + "]";
                default -> json;
            };
        }
    }

    @Test
    void thousands_of_generated_bodies_to_every_write_endpoint_cause_no_5xx() {
        long seed = Long.getLong("redflag.seed", 42L);
        Fuzz fuzz = new Fuzz(seed);
        String l2 = m.listing(m.seller, "fuzz-1");
        long target = m.file(m.brand, l2);
        record Endpoint(TestServer.Client who, String path, Supplier<Object> valid, boolean put) {
            Endpoint(TestServer.Client who, String path, Supplier<Object> valid) {
                this(who, path, valid, false);
            }
        }
        TestServer.Client changer = server.account("fuzz-changer", org.redflag.app.account.Role.SELLER);
        m.reviewer.post("/api/sellers", Map.of("id", "fuzz-seller", "phones", List.of("+86 139 1111 2222")))
                .expect(201);
        long strike = m.reviewer.post("/api/sellers/fuzz-seller/strikes", Map.of("reference", "n", "rightHolder",
                "b", "claim", 0)).expect(201).json().get("strikes").get(0).get("id").asLong();
        List<Endpoint> endpoints = List.of(
                new Endpoint(m.reviewer, "/api/sellers", () -> Map.of("id", "fz-s-" + fuzz.r.nextInt(1_000_000),
                        "phones", List.of("+86 139 0000 " + (1000 + fuzz.r.nextInt(9000))), "banned", false)),
                new Endpoint(m.reviewer, "/api/sellers/check", () -> Map.of("id", "fz-c", "emails",
                        List.of("a.b+c@gmail.com"))),
                new Endpoint(m.reviewer, "/api/sellers/fuzz-seller/strikes", () -> Map.of("reference", "n",
                        "rightHolder", "brand", "claim", fuzz.r.nextInt(1000))),
                new Endpoint(m.reviewer, "/api/sellers/fuzz-seller/payments", () -> Map.of("kind", "DEPOSIT",
                        "amount", 1 + fuzz.r.nextInt(1000), "reference", "r")),
                new Endpoint(m.reviewer, "/api/strikes/" + strike + "/reversal", () -> Map.of("reference", "r")),
                new Endpoint(m.brand, "/api/notices", () -> notice(List.of(l2), true, "en")),
                new Endpoint(m.reviewer, "/api/notices/" + target + "/actions", () -> Map.of("action", "NOTIFY",
                        "reasons", "r")),
                new Endpoint(m.seller, "/api/notices/" + target + "/counter-notice", () -> Map.of("statement", "s",
                        "contact", "c")),
                new Endpoint(m.brand, "/api/notices/" + target + "/suit", () -> Map.of("court", "c",
                        "caseReference", "r")),
                new Endpoint(m.brand, "/api/notices/" + target + "/supplement", () -> Map.of("elements",
                        Map.of("proofOfRights", true))),
                new Endpoint(m.seller, "/api/notices/" + target + "/appeal", () -> Map.of("grounds", "g")),
                new Endpoint(m.seller, "/api/listings", () -> Map.of("id", "fz-" + fuzz.r.nextInt(1_000_000),
                        "title", "t")),
                new Endpoint(m.admin, "/api/accounts", () -> Map.of("username", "u" + fuzz.r.nextInt(1_000_000),
                        "password", "a-long-password", "role", "SELLER", "displayName", "d")),
                new Endpoint(m.brand, "/api/accounts/me/api-keys", () -> Map.of("label", "l")),
                new Endpoint(m.seller, "/api/accounts/me/webhooks", () -> Map.of("url", "https://hooks.example/"
                        + fuzz.r.nextInt(1_000_000))),
                new Endpoint(changer, "/api/accounts/me/password", () -> Map.of("currentPassword",
                        "password-of-fuzz-changer", "newPassword", "password-of-fuzz-changer"), true),
                new Endpoint(m.admin, "/api/accounts/" + changer.id() + "/password", () -> Map.of("newPassword",
                        "password-of-fuzz-changer"), true));
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            for (Endpoint e : endpoints) {
                String body = fuzz.text(e.valid().get());
                TestServer.Response r = e.put() ? e.who().put(e.path(), body) : e.who().post(e.path(), body);
                sent++;
                if (r.status() >= 500) {
                    failures.add(e.path() + " <- " + body + " -> " + r.status() + " " + r.body());
                } else if (r.status() >= 400) {
                    assertThat(r.contentType()).as("%s <- %s", e.path(), body).startsWith("application/problem+json");
                }
            }
        }
        for (int i = 0; i < 100; i++) {
            byte[] junk = fuzz.string().getBytes(StandardCharsets.UTF_8);
            TestServer.Response r = m.brand.postRaw("/api/notices/bulk", "multipart/form-data; boundary=b", junk);
            sent++;
            if (r.status() >= 500) {
                failures.add("/api/notices/bulk <- junk -> " + r.status() + " " + r.body());
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(2500);
        assertThat(failures).as("seed %d (replay with -Dredflag.seed=%d)", seed, seed).isEmpty();
        assertThat(m.reviewer.get("/api/notices/" + noticeId).expect(200).text("status")).isEqualTo("RECEIVED");
    }

    @Test
    void a_webhook_that_cannot_be_one_is_refused_naming_the_url_and_the_account_keeps_at_most_ten() {
        TestServer.Client owner = server.account("hook-owner", org.redflag.app.account.Role.RIGHTS_HOLDER);
        Object[][] refused = {
            {"{}", 400, "url"}, {"{\"url\": 5}", 400, "url"},
            {"{\"url\": \"http://hooks.example/x\"}", 400, "https://"},
            {"{\"url\": \"https://169.254.169.254/latest\"}", 400, "link-local"},
            {"{\"url\": \"https://hooks.example/x\", \"events\": []}", 400, "events"}};
        for (Object[] r : refused) {
            TestServer.Response answer = owner.post("/api/accounts/me/webhooks", r[0]);
            assertThat(answer.status()).as("%s", r[0]).isEqualTo(r[1]);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).as("%s", r[0]).contains((String) r[2]);
        }
        for (int i = 0; i < 10; i++) {
            owner.post("/api/accounts/me/webhooks", Map.of("url", "https://hooks.example/" + i)).expect(201);
        }
        assertThat(owner.post("/api/accounts/me/webhooks", Map.of("url", "https://hooks.example/11")).expect(409)
                .body()).contains("at most 10 webhooks");
        assertThat(owner.get("/api/accounts/me/webhooks").expect(200).json()).hasSize(10);
        owner.get("/api/accounts/me/webhooks/1/deliveries?limit=0").expect(400);
    }

    @Test
    void hostile_query_parameters_and_path_ids_on_every_documented_endpoint_cause_no_5xx() {
        JsonNode paths = m.reviewer.get("/v3/api-docs").expect(200).json().get("paths");
        String[] hostile = {"", "-1", "0", "99999999999999999999", "abc", "%ff", "%00", "%zz", "%2e%2e", "%2f",
            "'%20OR%201=1--", "%E9%AB%98%E4%BB%BF", "x".repeat(3000), "1e309", "NaN", "2024-02-30T00:00:00Z",
            "%0d%0aX-Injected:%201", "%C0%AF", "[]", "%7B%7D"};
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (var path : paths.properties()) {
            for (var op : path.getValue().properties()) {
                if (!List.of("get", "post", "put", "delete").contains(op.getKey())) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                JsonNode parameters = op.getValue().get("parameters");
                if (parameters != null) {
                    for (JsonNode p : parameters) {
                        if (p.get("in").asString().equals("query")) {
                            query.add(p.get("name").asString());
                        }
                    }
                }
                for (String value : hostile) {
                    String url = path.getKey().replaceAll("\\{[^}]+}", value.isEmpty() ? "1" : value);
                    if (!query.isEmpty()) {
                        url += "?" + String.join("&", query.stream().map(q -> q + "=" + value).toList());
                    }
                    if (!url.startsWith("/api/")) {
                        continue;
                    }
                    TestServer.Response r;
                    try {
                        r = switch (op.getKey()) {
                            case "get" -> m.reviewer.get(url);
                            case "put" -> m.reviewer.put(url, "{}");
                            case "delete" -> m.reviewer.delete(url);
                            default -> m.reviewer.post(url, "{}");
                        };
                    } catch (IllegalArgumentException notAUri) {
                        continue; // the client itself refuses to send it
                    }
                    sent++;
                    if (r.status() >= 500) {
                        failures.add(op.getKey() + " " + url + " -> " + r.status() + " " + r.body());
                    } else if (r.status() >= 400) {
                        assertThat(r.contentType()).as("%s %s", op.getKey(), url)
                                .startsWith("application/problem+json");
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }
}
