package org.redflag.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HashStore} on disk: one append-only file of 32-byte hashes per level ({@code level-00.bin}, ...).
 * Appends are buffered until {@link #flush()}; reads see buffered hashes too.
 */
public final class FileHashStore implements HashStore {

    private static final int BUFFER = 64 * 1024;

    private final Path dir;
    private final List<Level> levels = new ArrayList<>();

    private static final class Level {
        final FileChannel channel;
        long onDisk;
        final ByteBuffer pending = ByteBuffer.allocate(BUFFER);

        Level(FileChannel channel, long onDisk) {
            this.channel = channel;
            this.onDisk = onDisk;
        }

        long count() {
            return onDisk + pending.position() / Hashes.SIZE;
        }
    }

    public FileHashStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            for (int l = 0; Files.exists(file(l)); l++) {
                open(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the hash store in " + dir, e);
        }
    }

    private Path file(int level) {
        return dir.resolve(String.format("level-%02d.bin", level));
    }

    private Level open(int level) throws IOException {
        FileChannel ch = FileChannel.open(file(level), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = ch.size() - ch.size() % Hashes.SIZE;
        Level l = new Level(ch, size / Hashes.SIZE);
        levels.add(l);
        return l;
    }

    @Override
    public long count(int level) {
        return level < levels.size() ? levels.get(level).count() : 0;
    }

    @Override
    public byte[] get(int level, long index) {
        Level l = levels.get(level);
        byte[] out = new byte[Hashes.SIZE];
        if (index >= l.onDisk) {
            int at = (int) (index - l.onDisk) * Hashes.SIZE;
            if (at + Hashes.SIZE > l.pending.position()) {
                throw new IndexOutOfBoundsException("level " + level + " has " + l.count() + " hashes");
            }
            System.arraycopy(l.pending.array(), at, out, 0, Hashes.SIZE);
            return out;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(out);
            long pos = index * Hashes.SIZE;
            while (b.hasRemaining()) {
                if (l.channel.read(b, pos + b.position()) < 0) {
                    throw new IOException("unexpected end of " + file(level));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void append(int level, byte[] hash) {
        try {
            while (levels.size() <= level) {
                open(levels.size());
            }
            Level l = levels.get(level);
            if (l.pending.remaining() < Hashes.SIZE) {
                write(l);
            }
            l.pending.put(hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Level l) throws IOException {
        l.pending.flip();
        long pos = l.onDisk * Hashes.SIZE;
        int n = l.pending.remaining() / Hashes.SIZE;
        while (l.pending.hasRemaining()) {
            pos += l.channel.write(l.pending, pos);
        }
        l.onDisk += n;
        l.pending.clear();
    }

    @Override
    public void flush() {
        try {
            for (Level l : levels) {
                write(l);
                l.channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
        for (Level l : levels) {
            try {
                l.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
