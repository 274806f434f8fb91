package org.redflag.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Splits a JSON Lines feed into lines straight from its bytes, without decoding them: big reads, newlines found
 * eight bytes a step. A UTF-8 byte-order mark before the first line is skipped; a carriage return before a newline
 * is not part of the line; blank lines (spaces and tabs only) are counted but not handed on; a line longer than
 * the limit is reported by number and skipped, and reading goes on.
 */
public final class JsonLines {

    /** What a feed's lines go to. */
    public interface Sink {
        /** One non-blank line: {@code len} bytes of {@code b} from {@code off}, valid only during the call. */
        void line(byte[] b, int off, int len, long number);

        /** A line longer than the limit, skipped. */
        void tooLong(long number, int limit);
    }

    private JsonLines() {
    }

    /** Hands every line of {@code in} to {@code sink}; lines of more than {@code maxLine} bytes are skipped. */
    public static long read(InputStream in, int maxLine, Sink sink) throws IOException {
        return readFrom(in, maxLine, sink, true);
    }

    private static long readFrom(InputStream in, int maxLine, Sink sink, boolean atStart) throws IOException {
        byte[] buf = new byte[1 << 16];
        int filled = 0;
        long number = 0;
        boolean skipping = false; // inside a line too long to keep
        boolean bomChecked = !atStart;
        while (true) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            int start = 0;
            if (!bomChecked && (filled >= 3 || number > 0)) {
                bomChecked = true;
                if (number == 0 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                    start = 3; // a UTF-8 byte-order mark, as some editors write: not part of the first line
                }
            }
            for (int nl = indexOf(buf, start, filled); nl >= 0; nl = indexOf(buf, start, filled)) {
                number++;
                if (skipping) {
                    skipping = false;
                } else {
                    line(buf, start, nl - start, number, maxLine, sink);
                }
                start = nl + 1;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, filled - start);
                filled -= start;
            } else if (filled == buf.length) {
                if (buf.length < maxLine + 2) {
                    buf = Arrays.copyOf(buf, (int) Math.min(maxLine + 2L, buf.length * 2L));
                } else {
                    if (!skipping) {
                        sink.tooLong(number + 1, maxLine);
                    }
                    skipping = true;
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            number++;
            if (!skipping) {
                line(buf, 0, filled, number, maxLine, sink);
            }
        }
        return number;
    }

    /**
     * Hands on the lines of {@code file} that start in the byte range {@code [from, to)}: a line belongs to the
     * range holding its first byte, so ranges that tile the file hand on every line exactly once. Line numbers
     * count from the range's first line; a byte-order mark is skipped only at the start of the file.
     */
    public static long read(Path file, long from, long to, int maxLine, Sink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = from == 0 ? 0 : lineStart(channel, from, size);
            long end = to >= size ? size : lineStart(channel, to, size);
            if (start >= end) {
                return 0;
            }
            InputStream in = Channels.newInputStream(channel.position(start));
            InputStream range = new InputStream() {
                long left = end - start;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = in.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
            if (start > 0) {
                // not the start of the file: bytes that look like a byte-order mark belong to the line
                return readFrom(range, maxLine, sink, false);
            }
            return read(range, maxLine, sink);
        }
    }

    /** The first line start at or after {@code at} (0 < at): just past the first newline from {@code at - 1}. */
    private static long lineStart(FileChannel channel, long at, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 13);
        long pos = at - 1;
        while (pos < size) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n <= 0) {
                break;
            }
            int nl = indexOf(buf.array(), 0, n);
            if (nl >= 0) {
                return pos + nl + 1;
            }
            pos += n;
        }
        return size;
    }

    private static void line(byte[] b, int off, int len, long number, int maxLine, Sink sink) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (len > maxLine) {
            sink.tooLong(number, maxLine);
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                sink.line(b, off, len, number);
                return;
            }
        }
    }

    /** The next newline in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to) {
        return indexOf(b, from, to, (byte) '\n');
    }

    /** The next byte {@code c} in {@code b[from, to)}, or -1, eight bytes a step. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        return EightBytes.indexOf(b, from, to, c);
    }
}
