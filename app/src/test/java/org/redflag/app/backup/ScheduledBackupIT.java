package org.redflag.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redflag.app.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.CliRun.Run;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.notice.Marketplace;
import org.redflag.app.server.TestServer;

/** With a backup directory set, the server takes backups by itself, keeps the newest, and each restores. */
class ScheduledBackupIT {

    private static List<Path> backups(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().toList();
        }
    }

    @Test
    void backups_are_taken_every_turn_the_newest_kept_and_each_restores(@TempDir Path dir) throws Exception {
        Path into = dir.resolve("backups");
        try (TestServer server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir),
                Map.of("redflag.backup.dir", into.toString(), "redflag.backup.every", "PT1S",
                        "redflag.backup.keep", "2", "redflag.evidence.dir", dir.resolve("evidence").toString()))) {
            Marketplace m = new Marketplace(server, "s");
            m.file(m.brand, m.listing(m.seller, "scheduled-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.bean(AuditLog.class).page(new AuditLog.Period(
                    java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(86_400), "BACKUP_TAKEN"), 0, 10)
                    .size() >= 4);
            List<Path> kept = backups(into);
            assertThat(kept).as("the newest two").hasSize(2);
            assertThat(kept).allMatch(p -> p.getFileName().toString().matches("redflag-backup-\\d{8}-\\d{6}\\.zip"));
        }
        try (Stream<Path> left = Files.list(into)) {
            assertThat(left).as("no half-written backup left").noneMatch(p -> p.toString().endsWith(".part"));
        }
        Path newest = backups(into).get(1);
        Run r = run("restore", newest.toString(), "--data", dir.resolve("restored").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the database: 1 notices");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "redflag.backup.dir|FILE|cannot be made a directory",
        "redflag.backup.keep|0|expected 1 to 1000 backups kept; found 0",
        "redflag.backup.keep|many|cannot read \"many\" as a whole number",
        "redflag.backup.every|PT0.5S|expected a duration of a second or more",
        "redflag.backup.every|daily|cannot read \"daily\" as a duration"})
    void a_backup_setting_that_cannot_be_used_stops_the_server_naming_it(String setting, String value, String said,
                                                                         @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        System.setProperty("redflag.backup.dir", setting.equals("redflag.backup.dir") ? file.toString()
                : dir.resolve("backups").toString());
        System.setProperty(setting, value.equals("FILE") ? file.toString() : value);
        try {
            Run r = run("serve", "--port", "0", "--data", dir.resolve("data").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("redflag: " + setting + ": ", said);
        } finally {
            System.clearProperty("redflag.backup.dir");
            System.clearProperty(setting);
        }
    }
}
