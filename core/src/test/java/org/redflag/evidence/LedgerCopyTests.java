package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger copied while it is written is the ledger of one moment, and its signed heads check out. */
class LedgerCopyTests {

    @TempDir
    Path dir;

    private static Ledger open(Path at) {
        return Ledger.open(at, BundleTests.CLOCK, "redflag test", Optional.empty());
    }

    private static void add(Ledger l, int i) {
        // every third content repeats one before it: stored once, copied once
        l.add(("evidence " + (i % 3 == 2 ? i - 1 : i)).getBytes(StandardCharsets.UTF_8),
                new Custody("e" + i + ".txt", "text/plain", "analyst", null, "notice " + i, "NOTE"));
    }

    /** Unzips {@code zip}'s entries under {@code prefix} into {@code to}; returns their names. */
    private static List<String> unzip(byte[] zip, String prefix, Path to) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                Path file = to.resolve(e.getName().substring(prefix.length()));
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        return names;
    }

    @Test
    void a_copy_holds_the_keys_entries_heads_and_each_content_once_and_opens_as_the_same_ledger() throws Exception {
        Path at = dir.resolve("ledger");
        byte[] root;
        Ledger.Copied copied;
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (Ledger l = open(at)) {
            for (int i = 0; i < 30; i++) {
                add(l, i);
                if (i % 10 == 9) {
                    l.signHead();
                }
            }
            root = l.root(30);
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                copied = l.copyTo(out, "evidence/");
            }
        }
        assertThat(copied).isEqualTo(new Ledger.Copied(30, 3, 20));
        Path copy = dir.resolve("copy");
        List<String> names = unzip(zip.toByteArray(), "evidence/", copy);
        assertThat(names).allMatch(n -> n.startsWith("evidence/"))
                .contains("evidence/entries.jsonl", "evidence/heads.jsonl", "evidence/keys/ledger-ed25519.key")
                .noneMatch(n -> n.contains("tree/") || n.endsWith("lock"));
        assertThat(names.stream().filter(n -> n.contains("/objects/"))).hasSize(20);
        try (Ledger restored = open(copy)) {
            assertThat(restored.size()).isEqualTo(30);
            assertThat(restored.root(30)).isEqualTo(root);
            assertThat(restored.checkHeads()).isEmpty();
            assertThat(restored.heads()).hasSize(3);
            assertThat(new String(restored.content(restored.record(27)), StandardCharsets.UTF_8))
                    .isEqualTo("evidence 27");
            assertThat(new String(restored.content(restored.record(29)), StandardCharsets.UTF_8))
                    .isEqualTo("evidence 28");
        }
    }

    @Test
    void a_copy_made_while_entries_are_added_is_whole_at_the_size_it_took() throws Exception {
        Path at = dir.resolve("ledger");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        Ledger.Copied copied;
        List<byte[]> roots = new ArrayList<>();
        try (Ledger l = open(at)) {
            for (int i = 0; i < 200; i++) {
                add(l, i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 200; !stop.get() && i < 20_000; i++) {
                    add(l, i);
                    if (i % 50 == 0) {
                        l.signHead();
                    }
                }
            });
            writer.start();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                copied = l.copyTo(out, "evidence/");
            } finally {
                stop.set(true);
                writer.join();
            }
            roots.add(l.root(copied.entries()));
        }
        Path copy = dir.resolve("copy");
        unzip(zip.toByteArray(), "evidence/", copy);
        try (Ledger restored = open(copy)) {
            assertThat(restored.size()).isEqualTo(copied.entries());
            assertThat(restored.root(copied.entries())).isEqualTo(roots.get(0));
            assertThat(restored.heads()).hasSize((int) copied.heads());
            assertThat(restored.checkHeads()).isEmpty();
            for (int i = 0; i < copied.entries(); i++) {
                assertThat(restored.content(restored.record(i))).isNotEmpty();
            }
        }
    }

    @Test
    void a_restored_ledger_that_goes_on_is_copied_whole_its_restored_files_and_its_new_pack_alike() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (Ledger l = open(dir.resolve("ledger"))) {
            for (int i = 0; i < 10; i++) {
                add(l, i);
            }
            try (ZipOutputStream out = new ZipOutputStream(first)) {
                l.copyTo(out, "evidence/");
            }
        }
        Path restored = dir.resolve("restored");
        unzip(first.toByteArray(), "evidence/", restored);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Ledger l = open(restored)) {
            // the restored contents are files of their own; the ones added now go to the pack
            for (int i = 10; i < 20; i++) {
                add(l, i);
            }
            assertThat(Files.size(restored.resolve("objects/pack"))).isPositive();
            try (ZipOutputStream out = new ZipOutputStream(second)) {
                assertThat(l.copyTo(out, "evidence/")).isEqualTo(new Ledger.Copied(20, 0, 14));
            }
        }
        Path again = dir.resolve("again");
        unzip(second.toByteArray(), "evidence/", again);
        try (Ledger l = open(again)) {
            for (int i = 0; i < 20; i++) {
                assertThat(new String(l.content(l.record(i)), StandardCharsets.UTF_8))
                        .isEqualTo("evidence " + (i % 3 == 2 ? i - 1 : i));
            }
        }
    }

    @Test
    void a_head_whose_root_or_signature_is_not_the_ledgers_is_named() throws Exception {
        Path at = dir.resolve("ledger");
        try (Ledger l = open(at)) {
            for (int i = 0; i < 5; i++) {
                add(l, i);
            }
            l.signHead();
            add(l, 5);
            l.signHead();
        }
        Path heads = at.resolve("heads.jsonl");
        List<String> lines = Files.readAllLines(heads);
        TreeHead first = TreeHead.fromJson(lines.get(0));
        TreeHead second = TreeHead.fromJson(lines.get(1));
        // the first head claims the second's root; a third claims a size the ledger never had
        TreeHead wrongRoot = new TreeHead(first.treeSize(), second.rootHash(), first.timestamp(), first.signature(),
                first.timestampToken());
        TreeHead tooLong = new TreeHead(99, second.rootHash(), second.timestamp(), second.signature(),
                second.timestampToken());
        Files.write(heads, List.of(wrongRoot.toJson(), second.toJson(), tooLong.toJson()));
        try (Ledger l = open(at)) {
            assertThat(l.checkHeads()).containsExactly(
                    "signed head 1 (size 5): its root is not the root of the entries",
                    "signed head 3 (size 99): the ledger has only 6 entries");
        }
    }
}
