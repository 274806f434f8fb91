package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger opens after a stop that left it half-written, with the tree its entries make. */
class LedgerRecoveryTests {

    @TempDir
    Path dir;

    private static Ledger open(Path at) {
        return Ledger.open(at, BundleTests.CLOCK, "redflag test", Optional.empty());
    }

    private static void add(Ledger l, int i) {
        l.add(("evidence " + i).getBytes(StandardCharsets.UTF_8), new Custody("e" + i + ".txt", "text/plain",
                "analyst", null, "notice " + i, "NOTE"));
    }

    /** The root of the tree the records make, computed apart from any file. */
    private static byte[] rootOf(List<EvidenceRecord> records) {
        MerkleLog log = new MerkleLog(new MemoryHashStore());
        records.forEach(r -> log.append(r.leafData()));
        return log.root(records.size());
    }

    /** A ledger of {@code entries} entries, closed as it should be. */
    private Path closedWith(int entries) {
        Path at = dir.resolve("ledger");
        try (Ledger l = open(at)) {
            for (int i = 0; i < entries; i++) {
                add(l, i);
            }
        }
        return at;
    }

    private static void checkWhole(Ledger l, int size) {
        assertThat(l.size()).isEqualTo(size);
        byte[] root = l.root(size);
        assertThat(root).isEqualTo(rootOf(l.records()));
        for (int i = 0; i < size; i++) {
            assertThat(MerkleProofs.verifyInclusion(i, size, Hashes.leaf(l.record(i).leafData()),
                    l.inclusionProof(i, size), root)).as("entry %d", i).isTrue();
        }
    }

    @Test
    void a_ledger_open_in_one_place_is_refused_in_another_until_it_closes() {
        Path at = dir.resolve("ledger");
        try (Ledger first = open(at)) {
            add(first, 0);
            assertThatThrownBy(() -> open(at)).isInstanceOf(Ledger.InUse.class)
                    .hasMessageContaining("is open in another process");
            assertThat(first.size()).as("the first goes on").isEqualTo(1);
            add(first, 1);
        }
        try (Ledger second = open(at)) {
            assertThat(second.recovered()).isFalse();
            checkWhole(second, 2);
        }
    }

    @Test
    void a_stop_before_the_tree_was_written_is_repaired_from_the_entries() {
        Path at = dir.resolve("ledger");
        Ledger stopped = open(at); // never closed: its tree stays in its buffers, as when a process is killed
        for (int i = 0; i < 7; i++) {
            add(stopped, i);
        }
        stopped.dropLockAsIfKilled();
        try (Ledger again = open(at)) {
            assertThat(again.recovered()).isTrue();
            checkWhole(again, 7);
            add(again, 7);
            again.signHead();
        }
        try (Ledger third = open(at)) {
            assertThat(third.recovered()).isFalse();
            checkWhole(third, 8);
        }
    }

    @Test
    void an_upper_level_written_short_is_built_again() throws IOException {
        Path at = closedWith(5);
        Files.write(at.resolve("tree").resolve("level-01.bin"), new byte[0]);
        try (Ledger l = open(at)) {
            assertThat(l.recovered()).isTrue();
            checkWhole(l, 5);
        }
    }

    @Test
    void an_entry_cut_short_at_the_end_is_dropped_and_the_file_cut_back() throws IOException {
        Path at = closedWith(3);
        Path entries = at.resolve("entries.jsonl");
        long whole = Files.size(entries);
        Files.writeString(entries, "{\"index\":3,\"sha256\":\"ab", StandardOpenOption.APPEND);
        try (Ledger l = open(at)) {
            assertThat(l.recovered()).isTrue();
            assertThat(Files.size(entries)).isEqualTo(whole);
            checkWhole(l, 3);
            add(l, 3);
        }
        try (Ledger l = open(at)) {
            checkWhole(l, 4);
        }
    }

    @Test
    void an_unreadable_entry_before_the_end_is_not_dropped_but_named() throws IOException {
        Path at = closedWith(3);
        Path entries = at.resolve("entries.jsonl");
        List<String> lines = Files.readAllLines(entries);
        Files.write(entries, List.of(lines.get(0), "{\"not\": \"an entry\"", lines.get(1), lines.get(2)));
        assertThatThrownBy(() -> open(at)).hasMessageContaining("unreadable entry at line 2");
    }

    @Test
    void more_leaves_than_entries_is_refused_as_a_lost_end() throws IOException {
        Path at = closedWith(4);
        Path entries = at.resolve("entries.jsonl");
        List<String> lines = Files.readAllLines(entries);
        Files.write(entries, lines.subList(0, 2));
        assertThatThrownBy(() -> open(at)).hasMessageContaining("2 entries but 4 leaves");
    }
}
