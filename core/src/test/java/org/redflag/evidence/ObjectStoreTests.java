package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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
        FailingChannel[] channel = new FailingChannel[1];
        long whole;
        try (ObjectStore store = new ObjectStore(objects, c -> channel[0] = new FailingChannel(c))) {
            store.put(sha(first), first);
            whole = Files.size(objects.resolve("pack"));
            channel[0].failAfter = 5_000; // the disk fills half way through the large content
            assertThatThrownBy(() -> store.put(sha(large), large)).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left");
            assertThat(Files.size(objects.resolve("pack"))).as("nothing of the failed write left").isEqualTo(whole);
            assertThat(store.packed(sha(large))).isFalse();
            channel[0].failAfter = -1;
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

    /** A file channel whose writes stop after {@code failAfter} bytes with the error of a full disk. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel file;
        long failAfter = -1;

        FailingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (failAfter < 0) {
                return file.write(srcs, offset, length);
            }
            ByteBuffer part = ByteBuffer.allocate((int) failAfter);
            for (int i = offset; i < offset + length && part.hasRemaining(); i++) {
                ByteBuffer src = srcs[i].duplicate();
                src.limit(src.position() + Math.min(src.remaining(), part.remaining()));
                part.put(src);
            }
            file.write(part.flip());
            throw new IOException("No space left on device");
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
