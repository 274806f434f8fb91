package org.redflag.screening;

import java.util.Arrays;

/**
 * Values kept by the bytes they were read from, for a feed's fields that repeat from line to line (a category, a
 * brand, a currency): a small table where a newer value takes an older one's place in its slot, so a value seen
 * lately is found again without decoding its bytes or hashing a string made from them. Not thread-safe: one table
 * a reader.
 */
final class RecentByBytes<V> {

    private final byte[][] keys;
    private final Object[] values;

    /** A table of {@code slots} entries, a power of two. */
    RecentByBytes(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new byte[slots][];
        values = new Object[slots];
    }

    /** The slot of the bytes {@code b[from, to)}: where {@link #get} looks and {@link #put} keeps. */
    int slot(byte[] b, int from, int to) {
        int h = to - from;
        for (int k = from; k < to; k++) {
            h = 31 * h + b[k];
        }
        return (h ^ h >>> 7) & (keys.length - 1);
    }

    /** The value kept for exactly the bytes {@code b[from, to)} in {@code slot}, or null. */
    @SuppressWarnings("unchecked")
    V get(int slot, byte[] b, int from, int to) {
        byte[] known = keys[slot];
        if (known == null || known.length != to - from) {
            return null;
        }
        for (int k = 0; k < known.length; k++) { // a loop of its own: short keys, and the first compiler's code
            if (known[k] != b[from + k]) {
                return null;
            }
        }
        return (V) values[slot];
    }

    /** Keeps {@code value} for the bytes {@code b[from, to)} in {@code slot}, in place of what was there. */
    void put(int slot, byte[] b, int from, int to, V value) {
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = value;
    }
}
