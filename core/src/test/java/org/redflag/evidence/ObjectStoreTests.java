package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack when a write fails part way, as on a full disk: what was written of it is cut off. */
class ObjectStoreTests {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha(byte[] b) {
        return Hashes.hex(Hashes.sha256(b));
    }

    @Test
    void a_write_that_fails_part_way_leaves_nothing_of_it_and_the_pack_reads_after_reopening() throws Exception {
        Path objects = dir.resolve("objects");
        byte[] first = bytes("first");
        byte[] large = bytes("x".repeat(10_000));
        byte[] after = bytes("after");
        long[] failAfter = {-1};
        ObjectStore.Append append = (pack, record) -> {
            if (failAfter[0] < 0) {
                return pack.write(record);
            }
            // as a full disk: part of the record written, then the error
            ByteBuffer part = ByteBuffer.allocate((int) failAfter[0]);
            for (ByteBuffer b : record) {
                ByteBuffer src = b.duplicate();
                src.limit(src.position() + Math.min(src.remaining(), part.remaining()));
                part.put(src);
            }
            pack.write(part.flip());
            throw new IOException("No space left on device");
        };
        long whole;
        try (ObjectStore store = new ObjectStore(objects, append)) {
            store.put(sha(first), first);
            whole = Files.size(objects.resolve("pack"));
            failAfter[0] = 5_000; // the disk fills half way through the large content
            assertThatThrownBy(() -> store.put(sha(large), large)).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left");
            assertThat(Files.size(objects.resolve("pack"))).as("nothing of the failed write left").isEqualTo(whole);
            assertThat(store.packed(sha(large))).isFalse();
            failAfter[0] = -1;
            store.put(sha(after), after);
            assertThat(store.get(sha(after), after.length)).isEqualTo(after);
        }
        try (ObjectStore again = new ObjectStore(objects)) {
            assertThat(again.repaired()).isFalse();
            assertThat(again.get(sha(first), first.length)).isEqualTo(first);
            assertThat(again.get(sha(after), after.length)).isEqualTo(after);
            assertThat(again.packed(sha(large))).isFalse();
        }
    }
}
