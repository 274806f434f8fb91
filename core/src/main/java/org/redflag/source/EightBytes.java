package org.redflag.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Looking at bytes of JSON text eight at a time, as one long (the usual tests for a zero byte and for bytes under a
 * bound): the readers of feed lines use them to skip what needs no attention. A test may raise a false alarm (then
 * the bytes are looked at one by one) but never misses a byte it tests for.
 */
public final class EightBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private EightBytes() {
    }

    /** The eight bytes from {@code at}, the first in the lowest bits. */
    public static long at(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** Which bytes of {@code x} may equal {@code c}: their high bits set. */
    private static long equal(long x, byte c) {
        return equalTo(x, pattern(c));
    }

    private static long equalTo(long x, long pattern) {
        long y = x ^ pattern;
        return (y - ONES) & ~y & HIGHS;
    }

    /** The byte {@code c} eight times over, for {@link #mayHold}. */
    public static long pattern(byte c) {
        return (c & 0xFFL) * ONES;
    }

    /**
     * Whether the eight bytes may hold the byte of {@code pattern} ({@link #pattern}). Small enough for the first
     * compiler to inline, so a loop of its own over a line (one that stops at each byte found) costs no call a
     * step, as {@link #indexOf} would.
     */
    public static boolean mayHold(long x, long pattern) {
        return equalTo(x, pattern) != 0;
    }

    /** Whether the eight bytes may hold a quote, a backslash or a control character. */
    public static boolean special(long x) {
        return (equal(x, (byte) '"') | equal(x, (byte) '\\') | (x - 0x2020202020202020L) & ~x & HIGHS) != 0;
    }

    /** Whether all eight bytes are ASCII (none is part of a multi-byte character). */
    public static boolean ascii(long x) {
        return (x & HIGHS) == 0;
    }

    /**
     * The next byte {@code c} in {@code b[from, to)}, or -1. Where eight bytes may hold it, they are looked at one by
     * one (cheaper than counting trailing zero bits in code from the first compiler, which has no instruction for it).
     */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (equal(at(b, i), c) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
