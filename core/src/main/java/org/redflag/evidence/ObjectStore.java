package org.redflag.evidence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's stored contents, addressed by their SHA-256, in the ledger's {@code objects/} directory.
 *
 * <p>Contents are appended to one file, {@code objects/pack}, each as a line naming it ({@code <sha256> <length>}),
 * its bytes and a line end; where each starts is read back from the file when the ledger opens. A file per content
 * ({@code objects/<first two letters>/<the rest>}) is read as well: the layout ledgers had before the pack, and the
 * one a backup holds (a backup copies each content to a file of its own, so the backup's layout did not change).
 * Creating a file per content was the greatest cost of taking a notice into the ledger: on ext4, allocating an inode
 * in a directory of many took a tenth of a millisecond of processor time, against a few microseconds to append.
 *
 * <p>A content is stored once: one stored before, in the pack, is not appended again. (One stored as a file of its
 * own, by an older ledger, is not looked for: it would be appended once more, which costs space, not truth.)
 *
 * <p>A stop in the middle of an append leaves its content cut short at the end of the pack; opening cuts the pack
 * back to the contents before it. No entry names such a content: the ledger writes an entry after its content.
 */
final class ObjectStore implements AutoCloseable {

    private final Path dir;
    private final Path packFile;
    private final FileChannel pack;
    /** Where each packed content's bytes start in the pack. */
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();
    private long end;
    private boolean repaired;

    /** Writes a record's buffers to the pack at its position; returns how many bytes it wrote. */
    interface Append {
        long write(FileChannel pack, ByteBuffer[] record) throws IOException;
    }

    private final Append append;

    ObjectStore(Path dir) {
        this(dir, FileChannel::write);
    }

    /** With the pack's appends made by {@code append}: for tests of writes that fail. */
    ObjectStore(Path dir, Append append) {
        this.dir = dir;
        this.packFile = dir.resolve("pack");
        this.append = append;
        try {
            Files.createDirectories(dir);
            this.pack = FileChannel.open(packFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the stored contents in " + dir, e);
        }
        try {
            this.end = index();
            if (end < pack.size()) {
                pack.truncate(end);
                repaired = true;
            }
        } catch (IOException | RuntimeException e) {
            try {
                pack.close();
            } catch (IOException ignored) {
                // the failure to read it is the one to tell
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("cannot read the stored contents in " + dir, (IOException) e);
        }
    }

    /** Reads where each content starts; returns the length of the whole records, where the next is appended. */
    private long index() throws IOException {
        long size = pack.size();
        long at = 0;
        // not closed: closing it would close the pack
        InputStream in = new BufferedInputStream(Channels.newInputStream(pack.position(0)), 1 << 16);
        byte[] header = new byte[Hashes.SIZE * 2 + 1 + 20];
        while (at < size) {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && n < header.length) {
                header[n++] = (byte) b;
            }
            Named named = b == '\n' ? Named.parse(new String(header, 0, n, StandardCharsets.US_ASCII)) : null;
            if (named == null) {
                if (b < 0) {
                    return at; // the naming line of the last content cut short
                }
                throw new IllegalStateException("the ledger's " + packFile + " has an unreadable record at byte "
                        + at + ": expected '<sha256> <length>' and a line end");
            }
            long bytes = n + 1L;
            long contentAt = at + bytes;
            if (contentAt + named.length() + 1 > size) {
                return at; // the content itself cut short
            }
            in.skipNBytes(named.length());
            if (in.read() != '\n') {
                throw new IllegalStateException("the ledger's " + packFile + " has a content without its line end"
                        + " at byte " + (contentAt + named.length()));
            }
            offsets.putIfAbsent(named.sha(), contentAt);
            at = contentAt + named.length() + 1;
        }
        return at;
    }

    private record Named(String sha, long length) {
        static Named parse(String line) {
            int space = line.indexOf(' ');
            if (space != Hashes.SIZE * 2) {
                return null;
            }
            try {
                long length = Long.parseLong(line.substring(space + 1));
                return length < 0 ? null : new Named(line.substring(0, space), length);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Whether opening cut a content short at the end of the pack. */
    boolean repaired() {
        return repaired;
    }

    /** Stores the content under its hash, unless the pack holds it already. Called by one writer at a time. */
    void put(String sha, byte[] content) throws IOException {
        if (offsets.containsKey(sha)) {
            return;
        }
        byte[] header = (sha + " " + content.length + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer[] record = {ByteBuffer.wrap(header), ByteBuffer.wrap(content), ByteBuffer.wrap(new byte[] {'\n'})};
        long written = 0;
        long total = header.length + content.length + 1L;
        try {
            pack.position(end);
            while (written < total) {
                written += append.write(pack, record);
            }
        } catch (IOException e) {
            // a write that failed part way (a full disk) leaves part of a record after the last whole one: cut it
            // off, or the next append would land before it and the pack would not read past it when opened
            try {
                pack.truncate(end);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        offsets.put(sha, end + header.length);
        end += total;
    }

    /** The content of this hash and size; a file of its own if the pack does not hold it. */
    byte[] get(String sha, long size) throws IOException {
        Long at = offsets.get(sha);
        if (at == null) {
            return Files.readAllBytes(loose(sha));
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("content " + sha + " is " + size + " bytes, more than can be read at once");
        }
        ByteBuffer into = ByteBuffer.allocate((int) size);
        while (into.hasRemaining()) {
            if (pack.read(into, at + into.position()) < 0) {
                throw new IOException(packFile + " ends inside content " + sha);
            }
        }
        return into.array();
    }

    /** Where a content stored as a file of its own is. */
    Path loose(String sha) {
        return dir.resolve(sha.substring(0, 2)).resolve(sha.substring(2));
    }

    /** Whether the pack holds the content (not a file of its own). */
    boolean packed(String sha) {
        return offsets.containsKey(sha);
    }

    /** Forces what was appended to the disk. */
    void force() {
        try {
            pack.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + packFile + " to disk", e);
        }
    }

    @Override
    public void close() {
        try {
            pack.force(false);
            pack.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + packFile, e);
        }
    }
}
