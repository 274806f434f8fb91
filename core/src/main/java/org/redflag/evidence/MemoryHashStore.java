package org.redflag.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link HashStore} in memory, for tests and small logs. */
public final class MemoryHashStore implements HashStore {

    private final List<byte[]> levels = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();

    @Override
    public long count(int level) {
        return level < counts.size() ? counts.get(level) : 0;
    }

    @Override
    public byte[] get(int level, long index) {
        if (index >= count(level)) {
            throw new IndexOutOfBoundsException("level " + level + " has " + count(level) + " hashes, not " + (index + 1));
        }
        return Arrays.copyOfRange(levels.get(level), (int) index * Hashes.SIZE, (int) (index + 1) * Hashes.SIZE);
    }

    @Override
    public void append(int level, byte[] hash) {
        while (levels.size() <= level) {
            levels.add(new byte[Hashes.SIZE * 16]);
            counts.add(0L);
        }
        long n = counts.get(level);
        byte[] a = levels.get(level);
        if ((n + 1) * Hashes.SIZE > a.length) {
            a = Arrays.copyOf(a, a.length * 2);
            levels.set(level, a);
        }
        System.arraycopy(hash, 0, a, (int) n * Hashes.SIZE, Hashes.SIZE);
        counts.set(level, n + 1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
