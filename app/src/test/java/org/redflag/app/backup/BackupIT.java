package org.redflag.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.CliRun.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.CliRun.Run;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.notice.Marketplace;
import org.redflag.app.server.TestServer;
import org.redflag.evidence.BundleVerifier;
import tools.jackson.databind.JsonNode;

/**
 * A backup taken from a running server, restored into a new data directory, serves what the server held when the
 * backup was taken: its notices (the embedded database) and their evidence, whose bundles still verify; what was
 * filed after the backup is not in it; the restored server files on.
 */
class BackupIT {

    private static HttpResponse<byte[]> download(TestServer.Client who, String path) throws Exception {
        return HttpClient.newHttpClient().send(who.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> names(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static JsonNode manifest(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    return TestServer.JSON.readTree(in.readAllBytes());
                }
            }
        }
        throw new AssertionError("no manifest.json");
    }

    /** The evidence bundle of a notice verifies offline, as a court would check it. */
    private static void bundleVerifies(TestServer.Client who, long notice, Path tmp) throws Exception {
        HttpResponse<byte[]> bundle = download(who, "/api/notices/" + notice + "/evidence");
        assertThat(bundle.statusCode()).isEqualTo(200);
        Path file = Files.write(tmp.resolve("bundle-" + notice + "-" + System.nanoTime() + ".zip"), bundle.body());
        var result = BundleVerifier.verify(file);
        assertThat(result.holds()).as(result.checks().toString()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void a_backup_restored_into_a_new_directory_serves_what_the_server_held_when_it_was_taken(TestServer.Db db,
            @TempDir Path dir) throws Exception {
        String url = TestServer.database(db, dir.resolve("live"));
        Path liveEvidence = dir.resolve("live").resolve("evidence");
        long before;
        long after;
        byte[] zip;
        try (TestServer live = TestServer.start(db, url, Map.of("redflag.evidence.dir", liveEvidence.toString()))) {
            Marketplace m = new Marketplace(live, "b");
            before = m.file(m.brand, m.listing(m.seller, "backup-1"));
            m.reviewer.post("/api/notices/" + before + "/actions", Marketplace.action("REMOVE_LISTING"))
                    .expect(200);

            assertThat(download(m.brand, "/api/backup").statusCode()).as("a right holder").isEqualTo(403);
            assertThat(download(m.reviewer, "/api/backup").statusCode()).as("a reviewer").isEqualTo(403);
            HttpResponse<byte[]> taken = download(m.admin, "/api/backup");
            assertThat(taken.statusCode()).isEqualTo(200);
            assertThat(taken.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
            assertThat(taken.headers().firstValue("Content-Disposition").orElse(""))
                    .matches("attachment; filename=\"redflag-backup-\\d{8}-\\d{6}\\.zip\"");
            zip = taken.body();
            assertThat(live.bean(AuditLog.class).page(new AuditLog.Period(java.time.Instant.EPOCH,
                    java.time.Instant.now().plusSeconds(86_400 * 400), "BACKUP_TAKEN"), 0, 10))
                    .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("badmin"));

            after = m.file(m.brand, m.listing(m.seller, "backup-2")); // not in the backup
        }

        List<String> names = names(zip);
        JsonNode manifest = manifest(zip);
        assertThat(manifest.get("format").asString()).isEqualTo("redflag-backup");
        long entries = manifest.get("evidence").get("entries").asLong();
        assertThat(entries).as("the notice as filed and the removal, at least").isGreaterThanOrEqualTo(2);
        assertThat(names).contains("evidence/entries.jsonl", "evidence/keys/ledger-ed25519.key");
        if (db == TestServer.Db.H2) {
            assertThat(names).contains("database/redflag.mv.db");
            assertThat(manifest.get("database").asString()).startsWith("H2");
        } else {
            assertThat(names).noneMatch(n -> n.startsWith("database/"));
            assertThat(manifest.get("database").asString()).contains("not included", "PostgreSQL", "pg_dump");
        }

        Path backup = Files.write(dir.resolve("backup.zip"), zip);
        Path restored = dir.resolve("restored");
        Run r = run("restore", backup.toString(), "--data", restored.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(entries + " entries", "redflag serve --data " + restored);
        assertThat(r.out()).contains(db == TestServer.Db.H2 ? "the database: 1 notices, 6 accounts" : "no database");

        // on H2 the restored database; on PostgreSQL the same database, as the operator restores it by its own tools
        String restoredUrl = db == TestServer.Db.H2 ? TestServer.database(db, restored) : url;
        try (TestServer back = TestServer.start(db, restoredUrl,
                Map.of("redflag.evidence.dir", restored.resolve("evidence").toString()))) {
            TestServer.Client reviewer = back.account("b2reviewer", org.redflag.app.account.Role.REVIEWER);
            JsonNode notice = reviewer.get("/api/notices/" + before).expect(200).json();
            assertThat(notice.get("status").asString()).isEqualTo("LISTING_REMOVED");
            if (db == TestServer.Db.H2) {
                reviewer.get("/api/notices/" + after).expect(404);
            }
            bundleVerifies(reviewer, before, dir);
            // the restored ledger takes new evidence and signs on with the same key
            TestServer.Client brand = back.account("b2brand", org.redflag.app.account.Role.RIGHTS_HOLDER);
            TestServer.Client seller = back.account("b2seller", org.redflag.app.account.Role.SELLER);
            seller.post("/api/listings", Map.of("id", "backup-3", "title", "Listing backup-3")).expect(201);
            long fresh = brand.post("/api/notices", Marketplace.notice(List.of("backup-3"), true, "en")).expect(201)
                    .json().get("id").asLong();
            bundleVerifies(reviewer, fresh, dir);
            if (db == TestServer.Db.POSTGRES) {
                // the database links the later notice to evidence the older ledger lacks; the fresh notice's
                // entries took those indices since, and must not be handed out as the later notice's
                JsonNode problem = reviewer.get("/api/notices/" + after + "/evidence").expect(404).json();
                assertThat(problem.get("detail").asString()).contains("the ledger holds none of it");
            }
        }
        assertThat(new String(Files.readAllBytes(restored.resolve("evidence").resolve("keys")
                .resolve("ledger-ed25519.pub.pem")), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(liveEvidence.resolve("keys").resolve("ledger-ed25519.pub.pem")));
    }

    @org.junit.jupiter.api.Test
    void a_server_started_with_another_ledger_than_its_database_s_is_refused_naming_the_setting(@TempDir Path dir) {
        String url = TestServer.database(TestServer.Db.H2, dir.resolve("live"));
        try (TestServer live = TestServer.start(TestServer.Db.H2, url,
                Map.of("redflag.evidence.dir", dir.resolve("live").resolve("evidence").toString()))) {
            Marketplace m = new Marketplace(live, "l");
            m.file(m.brand, m.listing(m.seller, "ledger-1"));
        }
        Run r = run("serve", "--port", "0", "--db-url", url, "--db-user", "sa", "--data",
                dir.resolve("elsewhere").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("redflag: redflag.evidence.dir: the evidence ledger in", "is not this"
                + " database's", "one server to a database");
    }
}
