package org.redflag.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text files read as UTF-8, strictly: bytes that are not UTF-8 stop the read with {@link NotUtf8}, which says on
 * which line they are, where Java's own readers say only "Input length = 1". A byte-order mark at the start is
 * dropped (spreadsheet programs write one before a CSV header).
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** The file, buffered, read strictly as UTF-8. */
    public static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(reader(Files.newInputStream(file)));
    }

    /** The stream read strictly as UTF-8; closing the reader closes the stream. */
    public static Reader reader(InputStream in) {
        return new StrictReader(in);
    }

    /** The bytes as text, read as {@link #reader} reads them. */
    public static String decode(byte[] bytes) throws NotUtf8 {
        StringBuilder text = new StringBuilder(bytes.length);
        char[] buffer = new char[8192];
        try (Reader in = reader(new java.io.ByteArrayInputStream(bytes))) {
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (NotUtf8 e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // bytes in memory: not reached
        }
        return text.toString();
    }

    /**
     * Where in {@code b[off, off + len)} the first byte sequence that is not UTF-8 starts (counted from {@code off}),
     * or -1 when all of it is UTF-8: the place Java's strict decoder stops at, found without allocating, and eight
     * bytes at a time through ASCII.
     */
    public static int firstInvalid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (i + 8 <= end && (EightBytes.at(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (more < 0 || end - i <= more) {
                return i - off;
            }
            int second = b[i + 1] & 0xff;
            if (c == 0xE0 && second < 0xA0 || c == 0xED && second > 0x9F // too long a form; a surrogate
                    || c == 0xF0 && second < 0x90 || c == 0xF4 && second > 0x8F) { // too long; past U+10FFFF
                return i - off;
            }
            for (int k = 1; k <= more; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i - off;
                }
            }
            i += more + 1;
        }
        return -1;
    }

    /**
     * What is wrong with line {@code line} (from 1), whose bytes are not UTF-8 from {@code invalid} on
     * ({@link #firstInvalid}); UTF-16's byte-order mark names the file as UTF-16 only at the file's start.
     */
    public static String lineProblem(long line, byte[] b, int off, int invalid) {
        if (line == 1 && invalid == 0 && b.length > off + 1 && utf16Mark(b[off], b[off + 1])) {
            return utf16(b[off], b[off + 1]);
        }
        return String.format("not UTF-8 text (byte 0x%02X, the line's byte %d); save the file as UTF-8",
                b[off + invalid] & 0xff, invalid + 1);
    }

    /** Whether two bytes are UTF-16's byte-order mark, little- or big-endian (Excel's "Unicode text" starts so). */
    private static boolean utf16Mark(byte first, byte second) {
        return (first & 0xff) == 0xFF && (second & 0xff) == 0xFE || (first & 0xff) == 0xFE && (second & 0xff) == 0xFF;
    }

    private static String utf16(byte first, byte second) {
        return String.format("UTF-16 text (it starts with the UTF-16 byte-order mark %02X %02X); save the file as"
                + " UTF-8", first & 0xff, second & 0xff);
    }

    /** The first {@link NotUtf8} among {@code e} and its causes, or null. */
    public static NotUtf8 find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotUtf8 n) {
                return n;
            }
        }
        return null;
    }

    /** Bytes that are not UTF-8, on a line counted from 1. */
    public static final class NotUtf8 extends IOException {
        private final long line;

        NotUtf8(long line, int firstByte) {
            this(line, String.format("not UTF-8 text (byte 0x%02X); save the file as UTF-8", firstByte));
        }

        NotUtf8(long line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        public long line() {
            return line;
        }

        /** What is wrong without the line ({@link InputProblem} prints the line itself). */
        public String problem() {
            return getMessage().substring(getMessage().indexOf(": ") + 2);
        }

        /** The problem named by file and line, for the messages the readers of this package give. */
        public InputProblem in(String file) {
            return new InputProblem(file, (int) Math.min(Integer.MAX_VALUE, line), "$", problem());
        }
    }

    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        /** Decoded, not yet read: a buffer of its own, as a character outside the BMP is two, whatever is asked. */
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private boolean end;
        private boolean started;
        /** The line the next decoded character is on. */
        private long line = 1;

        StrictReader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!chars.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(len, chars.remaining());
            chars.get(buffer, off, n);
            return n;
        }

        /** Decodes the next characters; false at the end of the text. */
        private boolean fill() throws IOException {
            chars.clear();
            try {
                while (true) {
                    int before = chars.position();
                    CoderResult r = decoder.decode(bytes, chars, end);
                    for (int i = before; i < chars.position(); i++) {
                        if (chars.get(i) == '\n') {
                            line++;
                        }
                    }
                    if (r.isError()) {
                        if (!started && bytes.position() == 0 && bytes.limit() < 2 && !end) {
                            more(); // one byte read so far: a second tells a UTF-16 mark
                            continue;
                        }
                        if (!started && bytes.position() == 0 && bytes.limit() >= 2
                                && utf16Mark(bytes.get(0), bytes.get(1))) {
                            throw new NotUtf8(line, utf16(bytes.get(0), bytes.get(1)));
                        }
                        throw new NotUtf8(line, bytes.get(bytes.position()) & 0xff);
                    }
                    if (!started && chars.position() > 0) {
                        started = true;
                        if (chars.get(0) == '\uFEFF') { // the byte-order mark: not part of the text
                            chars.flip().get();
                            chars.compact();
                        }
                    }
                    if (chars.position() > 0) {
                        return true;
                    }
                    if (end) {
                        decoder.flush(chars);
                        return chars.position() > 0;
                    }
                    more();
                }
            } finally {
                chars.flip();
            }
        }

        /** Reads more bytes after those not yet decoded; at the end of the stream, notes it. */
        private void more() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                end = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
