package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contents are stored once by their hash, appended to the pack ({@code objects/pack}); the pack is read again when
 * the ledger opens, cut back when a stop cut its last content short, and refused when a record before the end does
 * not read. Contents stored as files of their own (older ledgers, restored backups) are read too: see
 * {@link LedgerCopyTests}.
 */
class LedgerStorageTests {

    @TempDir
    Path dir;

    private static final Custody CUSTODY = new Custody("e.txt", "text/plain", "analyst", null, "a note", "NOTE");

    private Ledger open() {
        return Ledger.open(dir, BundleTests.CLOCK, "redflag test", Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void content_is_appended_to_the_pack_under_its_hash_and_read_back_as_it_was() throws Exception {
        byte[] content = bytes("the listing as captured");
        try (Ledger l = open()) {
            EvidenceRecord r = l.add(content, CUSTODY);
            assertThat(l.content(r)).isEqualTo(content);
            assertThat(Files.readString(dir.resolve("objects/pack")))
                    .isEqualTo(r.sha256() + " " + content.length + "\nthe listing as captured\n");
            try (Stream<Path> files = Files.list(dir.resolve("objects"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pack");
            }
        }
    }

    @Test
    void the_same_content_twice_is_stored_once_and_both_entries_read_it() throws Exception {
        try (Ledger l = open()) {
            EvidenceRecord first = l.add(bytes("first"), CUSTODY);
            long packed = Files.size(dir.resolve("objects/pack"));
            EvidenceRecord again = l.add(bytes("first"), CUSTODY);
            assertThat(again.sha256()).isEqualTo(first.sha256());
            assertThat(again.index()).isEqualTo(first.index() + 1);
            assertThat(Files.size(dir.resolve("objects/pack"))).isEqualTo(packed);
            assertThat(l.content(again)).isEqualTo(bytes("first"));
        }
    }

    @Test
    void contents_of_every_size_and_byte_are_read_back_after_the_ledger_opens_again() throws Exception {
        Random random = new Random(42);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // lengths across the reading buffer's size; bytes of every value, line ends and spaces among them
            byte[] b = new byte[i == 0 ? 0 : random.nextInt(i % 50 == 0 ? 200_000 : 3_000)];
            random.nextBytes(b);
            contents.add(b);
        }
        try (Ledger l = open()) {
            contents.forEach(c -> l.add(c, CUSTODY));
        }
        try (Ledger l = open()) {
            assertThat(l.recovered()).isFalse();
            for (int i = 0; i < contents.size(); i++) {
                assertThat(l.content(l.record(i))).as("entry %d", i).isEqualTo(contents.get(i));
            }
            // a content added after opening goes after the ones read
            EvidenceRecord more = l.add(bytes("one more"), CUSTODY);
            assertThat(l.content(more)).isEqualTo(bytes("one more"));
        }
        try (Ledger l = open()) {
            assertThat(l.content(l.record(200))).isEqualTo(bytes("one more"));
            assertThat(l.content(l.record(7))).isEqualTo(contents.get(7));
        }
    }

    /** A ledger in {@code at} of one content whose pack then has {@code tail} appended, as a stop leaves it. */
    private static Path packWithTail(Path at, String tail) throws IOException {
        try (Ledger l = Ledger.open(at, BundleTests.CLOCK, "redflag test", Optional.empty())) {
            l.add(bytes("kept"), CUSTODY);
        }
        Path pack = at.resolve("objects/pack");
        Files.writeString(pack, tail, StandardOpenOption.APPEND);
        return pack;
    }

    @Test
    void a_last_content_or_its_naming_line_cut_short_is_cut_off_and_the_ledger_goes_on() throws Exception {
        List<String> tails = List.of(
                "a".repeat(64) + " 100\nonly part of it", // its naming line and part of its bytes
                "a".repeat(64) + " 4\nnext", // all its bytes but the line end after them
                "0123456789abcdef"); // part of its naming line
        for (int i = 0; i < tails.size(); i++) {
            Path at = dir.resolve("ledger-" + i);
            Path pack = packWithTail(at, tails.get(i));
            long whole = Files.size(pack) - tails.get(i).length();
            try (Ledger l = Ledger.open(at, BundleTests.CLOCK, "redflag test", Optional.empty())) {
                assertThat(l.recovered()).as(tails.get(i)).isTrue();
                assertThat(Files.size(pack)).as(tails.get(i)).isEqualTo(whole);
                assertThat(l.content(l.record(0))).isEqualTo(bytes("kept"));
                EvidenceRecord next = l.add(bytes("next"), CUSTODY);
                assertThat(l.content(next)).isEqualTo(bytes("next"));
            }
            try (Ledger l = Ledger.open(at, BundleTests.CLOCK, "redflag test", Optional.empty())) {
                assertThat(l.recovered()).isFalse();
                assertThat(l.content(l.record(1))).isEqualTo(bytes("next"));
            }
        }
    }

    @Test
    void a_record_that_does_not_read_before_the_end_is_refused_naming_where_it_is() throws IOException {
        String tail = "not a naming line\n" + "b".repeat(64) + " 1\nx\n";
        Path pack = packWithTail(dir, tail);
        long at = Files.size(pack) - tail.length();
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("objects/pack").hasMessageContaining("at byte " + at);
    }

    @Test
    void a_content_read_while_another_thread_adds_is_whole() throws Exception {
        try (Ledger l = open()) {
            EvidenceRecord first = l.add(bytes("first"), CUSTODY);
            Thread adder = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    l.add(bytes("content " + i), CUSTODY);
                }
            });
            adder.start();
            while (adder.isAlive()) {
                assertThat(l.content(first)).isEqualTo(bytes("first"));
                long size = l.size();
                if (size > 1) {
                    EvidenceRecord last = l.record(size - 1);
                    assertThat(l.content(last)).isEqualTo(bytes("content " + (size - 2)));
                }
            }
            adder.join();
        }
    }
}
