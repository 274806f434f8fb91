package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content is stored once by its hash, under a directory named by the hash's first two letters. */
class LedgerStorageTests {

    @TempDir
    Path dir;

    private static final Custody CUSTODY = new Custody("e.txt", "text/plain", "analyst", null, "a note", "NOTE");

    @Test
    void content_is_stored_under_its_hash_and_read_back_as_it_was() throws Exception {
        byte[] content = "the listing as captured".getBytes(StandardCharsets.UTF_8);
        try (Ledger l = Ledger.open(dir, BundleTests.CLOCK, "redflag test", Optional.empty())) {
            EvidenceRecord r = l.add(content, CUSTODY);
            Path object = dir.resolve("objects").resolve(r.sha256().substring(0, 2)).resolve(r.sha256().substring(2));
            assertThat(object).hasBinaryContent(content);
            assertThat(l.content(r)).isEqualTo(content);
        }
    }

    @Test
    void a_prefix_directory_removed_while_the_ledger_is_open_is_made_again_on_the_next_add() throws Exception {
        try (Ledger l = Ledger.open(dir, BundleTests.CLOCK, "redflag test", Optional.empty())) {
            EvidenceRecord first = l.add("first".getBytes(StandardCharsets.UTF_8), CUSTODY);
            Path objects = dir.resolve("objects");
            try (Stream<Path> all = Files.walk(objects)) {
                all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(objects)).forEach(p -> p.toFile().delete());
            }
            assertThat(objects).isEmptyDirectory();
            // the same content again: its directory and its file are gone, so it is stored again
            EvidenceRecord again = l.add("first".getBytes(StandardCharsets.UTF_8), CUSTODY);
            assertThat(again.sha256()).isEqualTo(first.sha256());
            assertThat(l.content(again)).isEqualTo("first".getBytes(StandardCharsets.UTF_8));
        }
    }
}
