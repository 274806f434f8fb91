package org.redflag.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.CliRun.noStackTrace;
import static org.redflag.app.CliRun.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.CliRun.Run;
import org.redflag.evidence.Custody;
import org.redflag.evidence.Ledger;
import org.redflag.evidence.TreeHead;

/**
 * {@code redflag restore} with backups that must not be restored: each is refused with exit 2 and a message naming
 * what is wrong, and the data directory is left as it was (not even created). A backup that checks is restored.
 */
class RestoreCommandTests {

    @TempDir
    Path dir;

    /** A backup as a server on PostgreSQL takes it: a ledger of five entries and two signed heads, no database. */
    private Path backup(String name, Map<String, Object> manifestChanges, ExtraEntry extra) throws IOException {
        Path ledgerDir = dir.resolve("ledger-of-" + name);
        Path zip = dir.resolve(name + ".zip");
        try (Ledger ledger = Ledger.open(ledgerDir, Clock.systemUTC(), "redflag test", Optional.empty());
             OutputStream file = Files.newOutputStream(zip);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < 5; i++) {
                ledger.add(("item " + i).getBytes(StandardCharsets.UTF_8),
                        new Custody("item-" + i + ".txt", "text/plain", "brand", null, "notice " + i, "NOTICE"));
                if (i % 2 == 1) {
                    ledger.signHead();
                }
            }
            ledger.copyTo(out, Backups.EVIDENCE);
            Map<String, Object> manifest = new LinkedHashMap<>(Map.of("format", Backups.FORMAT, "formatVersion",
                    Backups.FORMAT_VERSION, "software", "redflag test"));
            manifest.putAll(manifestChanges);
            manifest.values().removeIf(v -> v == null);
            out.putNextEntry(new ZipEntry(Backups.MANIFEST));
            out.write(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(manifest));
            out.closeEntry();
            if (extra != null) {
                extra.write(out);
            }
        }
        return zip;
    }

    private interface ExtraEntry {
        void write(ZipOutputStream out) throws IOException;
    }

    private static long filesUnder(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(p)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    private Run refused(Path backup, Path into, String... said) throws IOException {
        Run r = run("restore", backup.toString(), "--data", into.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(said);
        noStackTrace(r);
        Path beside = into.toAbsolutePath().getParent();
        if (Files.exists(beside)) {
            try (Stream<Path> left = Files.list(beside)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no unpacked copy left beside it")
                        .noneMatch(n -> n.startsWith(".redflag-restore-"));
            }
        }
        return r;
    }

    @Test
    void a_backup_that_checks_is_restored_with_its_ledger_whole_and_the_way_to_start_the_server() throws Exception {
        Path into = dir.resolve("restored");
        Run r = run("restore", backup("good", Map.of(), null).toString(), "--data", into.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("no database", "5 entries, 2 signed tree heads",
                "redflag serve --data " + into);
        try (Ledger l = Ledger.open(into.resolve("evidence"), Clock.systemUTC(), "t", Optional.empty())) {
            assertThat(l.size()).isEqualTo(5);
            assertThat(l.checkHeads()).isEmpty();
            assertThat(new String(l.content(l.record(4)), StandardCharsets.UTF_8)).isEqualTo("item 4");
        }
    }

    @Test
    void a_directory_that_holds_a_server_s_data_is_refused_and_left_as_it_was() throws Exception {
        Path into = dir.resolve("in-use");
        Files.createDirectories(into.resolve("evidence"));
        Files.writeString(into.resolve("redflag.mv.db"), "the live database");
        refused(backup("good", Map.of(), null), into, "--data", "already holds a server's data", "nothing in it");
        assertThat(Files.readString(into.resolve("redflag.mv.db"))).isEqualTo("the live database");
        assertThat(filesUnder(into.resolve("evidence"))).isZero();
    }

    @Test
    void an_entry_that_leads_out_of_the_directory_is_refused_before_anything_is_written() throws Exception {
        Path zip = backup("slip", Map.of(), out -> {
            out.putNextEntry(new ZipEntry("evidence/../../escaped.txt"));
            out.write("outside".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        });
        Path into = dir.resolve("target").resolve("data");
        refused(zip, into, "entry \"evidence/../../escaped.txt\"", "nothing was restored");
        assertThat(into).doesNotExist();
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dir.resolve("target").resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void an_entry_outside_the_database_and_the_ledger_is_refused() throws Exception {
        Path zip = backup("stray", Map.of(), out -> {
            out.putNextEntry(new ZipEntry("start.sh"));
            out.write("rm -rf /".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        });
        Path into = dir.resolve("data");
        refused(zip, into, "entry \"start.sh\"", "only database/, evidence/ and manifest.json");
        assertThat(into).doesNotExist();
    }

    @Test
    void a_zip_that_is_not_a_backup_or_a_file_that_is_not_a_zip_is_named_as_such() throws Exception {
        Path plain = dir.resolve("notes.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(plain))) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.closeEntry();
        }
        refused(plain, dir.resolve("a"), "not a Redflag backup: it has no manifest.json");
        Path text = dir.resolve("backup.zip");
        Files.writeString(text, "not a zip at all");
        refused(text, dir.resolve("b"), "backup.zip: not a zip file");
        refused(backup("other", Map.of("format", "something-else"), null), dir.resolve("c"),
                "manifest.json: format: expected \"redflag-backup\"");
        refused(dir.resolve("missing.zip"), dir.resolve("d"), "missing.zip: no such file");
    }

    @Test
    void a_backup_from_a_newer_redflag_is_refused_naming_both_versions() throws Exception {
        Path zip = backup("newer", Map.of("formatVersion", 2, "software", "redflag 9.0"), null);
        refused(zip, dir.resolve("data"), "formatVersion: 2", "restores version 1", "made by redflag 9.0");
    }

    @Test
    void a_ledger_whose_signed_head_does_not_match_its_entries_is_not_restored() throws Exception {
        Path good = backup("good", Map.of(), null);
        Path tampered = dir.resolve("tampered.zip");
        // the same backup, with the first signed head claiming the second's root
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("evidence/heads.jsonl")) {
                    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
                    TreeHead first = TreeHead.fromJson(lines[0]);
                    TreeHead second = TreeHead.fromJson(lines[1]);
                    lines[0] = new TreeHead(first.treeSize(), second.rootHash(), first.timestamp(),
                            first.signature(), first.timestampToken()).toJson();
                    bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Path into = dir.resolve("data");
        refused(tampered, into, "the evidence ledger does not check", "signed head 1 (size 2): its root is not");
        assertThat(into).doesNotExist();
    }
}
