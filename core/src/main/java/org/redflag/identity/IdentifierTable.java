package org.redflag.identity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Numbers distinct identifiers 0, 1, 2… in the order they first come, by two independent hashes of their normalised
 * bytes: a 64-bit one that places them in an open-addressing table of longs (one long a slot: its high 32 bits, then
 * the number + 1, 0 when empty) and a 32-bit check. Two distinct identifiers are taken for one only if both hashes
 * agree, about once in 10^14 runs over 50 million identifiers.
 *
 * <p>A table of tens of millions of slots misses the cache on nearly every look-up; {@link #touch} reads the slots of
 * a batch of hashes first, all together, so the processor waits for those misses side by side.
 */
final class IdentifierTable {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double LOAD = 0.75;
    /** At most this many identifiers (two ints each). */
    static final int MAX = Integer.MAX_VALUE / 2 - 16;

    private long[] slots = new long[1 << 16];
    /** Two ints an identifier: its check hash, and the low 32 bits of its 64-bit hash (its slot when slots grow). */
    private int[] perIdentifier = new int[2 << 12];
    private int size;
    /** Keeps the reads of {@link #touch} from being optimised away. */
    private long touchedSink;

    /** Distinct identifiers so far. */
    int size() {
        return size;
    }

    /**
     * The two hashes of an identifier's type and bytes in one pass (MurmurHash3-style mixing, 8 bytes a step, two
     * seeds): the 64-bit one to {@code hashes[at]}, the 32-bit check to {@code checks[at]}.
     */
    static void hash(int type, byte[] b, int off, int len, long[] hashes, int[] checks, int at) {
        long h = 0x9E3779B97F4A7C15L ^ (len * 0x87C37B91114253D5L) ^ type;
        long g = 0xC2B2AE3D27D4EB4FL ^ (len * 0x87C37B91114253D5L) ^ type;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = (long) LONGS.get(b, i);
            h = step(h, k);
            g = step(g, k);
        }
        long k = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            k |= (b[i] & 0xffL) << shift;
        }
        hashes[at] = finish(step(h, k));
        checks[at] = (int) finish(step(g, k));
    }

    private static long step(long h, long k) {
        k *= 0x87C37B91114253D5L;
        k = Long.rotateLeft(k, 31);
        k *= 0x4CF5AD432745937FL;
        h ^= k;
        return Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ h >>> 33;
    }

    /** Reads the slots of the first {@code n} hashes, all together, before they are looked up one by one. */
    void touch(long[] hashes, int n) {
        int mask = slots.length - 1;
        long touched = 0;
        for (int i = 0; i < n; i++) {
            touched += slots[(int) hashes[i] & mask];
        }
        touchedSink = touched;
    }

    /** The number of the identifier with these hashes, or -1 when it has none yet. */
    int get(long h, int check) {
        int mask = slots.length - 1;
        for (int slot = (int) h & mask; ; slot = slot + 1 & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((entry & 0xFFFFFFFF00000000L) == (h & 0xFFFFFFFF00000000L)
                    && perIdentifier[2 * ((int) entry - 1)] == check) {
                return (int) entry - 1;
            }
        }
    }

    /** The number of the identifier with these hashes; a new one is numbered next. */
    int find(long h, int check) {
        int mask = slots.length - 1;
        int slot = (int) h & mask;
        long tag = h & 0xFFFFFFFF00000000L;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                break;
            }
            if ((entry & 0xFFFFFFFF00000000L) == tag) {
                int n = (int) entry - 1;
                if (perIdentifier[2 * n] == check) {
                    return n;
                }
            }
            slot = slot + 1 & mask;
        }
        int n = size++;
        if (2L * n + 2 > perIdentifier.length) {
            if (n >= MAX) {
                throw new IllegalStateException("more than " + MAX + " distinct identifiers");
            }
            perIdentifier = Arrays.copyOf(perIdentifier, (int) Math.min(2L * MAX, perIdentifier.length * 2L));
        }
        perIdentifier[2 * n] = check;
        perIdentifier[2 * n + 1] = (int) h;
        slots[slot] = tag | n + 1L;
        if (size > slots.length * LOAD) {
            rehash(slots.length * 2);
        }
        return n;
    }

    /** Makes room for about this many identifiers, so the table need not grow as it fills. */
    void reserve(long expected) {
        long n = Math.min(MAX, expected);
        if (2 * n > perIdentifier.length) {
            perIdentifier = Arrays.copyOf(perIdentifier, (int) (2 * n));
        }
        int wanted = Integer.highestOneBit((int) Math.min(1 << 30, (long) (n / LOAD) + 1)) << 1;
        if (wanted > slots.length) {
            rehash(wanted);
        }
    }

    /** {@code size} slots (a power of two) holding every identifier so far. */
    private void rehash(int size) {
        long[] old = slots;
        slots = new long[size];
        int mask = size - 1;
        for (long entry : old) {
            if (entry != 0) {
                int slot = perIdentifier[2 * ((int) entry - 1) + 1] & mask;
                while (slots[slot] != 0) {
                    slot = slot + 1 & mask;
                }
                slots[slot] = entry;
            }
        }
    }
}
