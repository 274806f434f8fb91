package org.redflag.screening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.redflag.law.RedFlag;
import org.redflag.source.JsonLines;

/**
 * Screens a whole feed, one result line per listing in input order, on several threads: the feed is split into
 * lines on the calling thread, the lines go in batches to workers (each with its own {@link Screener}), and the
 * batches' results are written in the order the batches were read, so the output is byte for byte the one-thread
 * output. At most two batches per worker, and never more than {@link #MAX_IN_FLIGHT}, are in flight: memory does not
 * grow with the feed, nor past a few tens of megabytes with the thread count.
 *
 * <p>A line that is not a listing, or whose price cannot be compared with its genuine price, is reported through
 * the {@link Listener} with its line number, in input order, and skipped.
 */
public final class FeedScreening {

    /** What the caller hears while a feed is screened; both are called on the calling thread, in input order. */
    public interface Listener {
        /** A line skipped: its number and why ("line 12: price: ..."). */
        void bad(String message);

        /** After each batch: listings screened and feed bytes consumed so far. */
        default void progress(long screened, long bytes) {
        }
    }

    /** What a run screened. */
    public record Summary(long screened, long bad, Map<RedFlag, Long> flags) {
    }

    /** Batches read ahead at most, whatever the thread count (each holds about a batch of feed and its results). */
    static final int MAX_IN_FLIGHT = 64;

    /** Feed bytes per batch: big enough that handing one over costs nothing next to screening it. */
    static final int BATCH_BYTES = 1 << 18;

    private final Supplier<Screener> screeners;
    private final int threads;
    private final int maxLine;
    private final int batchBytes;

    /**
     * @param screeners makes one screener per worker (a screener is not thread-safe)
     * @param threads   workers; 1 screens on the calling thread
     * @param maxLine   longest line screened, in bytes; a longer one is reported and skipped
     */
    public FeedScreening(Supplier<Screener> screeners, int threads, int maxLine) {
        this(screeners, threads, maxLine, BATCH_BYTES);
    }

    /** As above, with batches of about {@code batchBytes} feed bytes (tests use small ones to get many). */
    FeedScreening(Supplier<Screener> screeners, int threads, int maxLine, int batchBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.screeners = screeners;
        this.threads = threads;
        this.maxLine = maxLine;
        this.batchBytes = batchBytes;
    }

    /** Screens every line of {@code in}, writing the results to {@code out} (not closed; flushed at the end). */
    public Summary run(InputStream in, OutputStream out, Listener listener) throws IOException {
        Ordered ordered = new Ordered(out, listener);
        if (threads == 1) {
            Screener screener = screeners.get();
            read(in, batch -> ordered.write(batch.screen(screener)));
        } else {
            ThreadLocal<Screener> own = ThreadLocal.withInitial(screeners);
            ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "screening");
                t.setDaemon(true);
                return t;
            });
            ArrayDeque<Future<Screened>> inFlight = new ArrayDeque<>();
            try {
                read(in, batch -> {
                    inFlight.add(workers.submit(() -> batch.screen(own.get())));
                    while (inFlight.size() >= Math.min(2 * threads, MAX_IN_FLIGHT)
                            || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                        ordered.write(take(inFlight.poll()));
                    }
                });
                while (!inFlight.isEmpty()) {
                    ordered.write(take(inFlight.poll()));
                }
            } finally {
                workers.shutdownNow();
            }
        }
        out.flush();
        return new Summary(ordered.screened, ordered.bad, Collections.unmodifiableMap(ordered.flags));
    }

    private interface BatchSink {
        void accept(Batch batch) throws IOException;
    }

    /** Splits the feed into batches of whole lines and hands each, full, to {@code sink}. */
    private void read(InputStream in, BatchSink sink) throws IOException {
        Batch[] current = {new Batch(batchBytes)};
        try {
            JsonLines.read(in, maxLine, new JsonLines.Sink() {
                @Override
                public void line(byte[] b, int off, int len, long number) {
                    current[0].add(b, off, len, number);
                    full();
                }

                @Override
                public void tooLong(long number, int limit) {
                    current[0].tooLong(number, limit);
                    full();
                }

                private void full() {
                    if (current[0].size >= batchBytes) {
                        hand(current[0]);
                        current[0] = new Batch(batchBytes);
                    }
                }

                private void hand(Batch batch) {
                    try {
                        sink.accept(batch);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (current[0].lines > 0) {
            sink.accept(current[0]);
        }
    }

    private static Screened take(Future<Screened> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while screening", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Consecutive lines of the feed, copied out of the reader's buffer. */
    private static final class Batch {
        byte[] bytes;
        int size;
        int[] starts = new int[2048];
        int[] lengths = new int[2048]; // -1: a line too long, skipped
        long[] numbers = new long[2048];
        int lines;
        long fed; // feed bytes, newlines included
        int limit;

        Batch(int batchBytes) {
            bytes = new byte[batchBytes + 4096];
        }

        void add(byte[] b, int off, int len, long number) {
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            entry(size, len, number);
            size += len;
            fed += len + 1;
        }

        void tooLong(long number, int limit) {
            this.limit = limit;
            entry(size, -1, number);
            size += 1; // counts toward the batch, so that a feed of long lines still moves on
            fed += limit;
        }

        private void entry(int start, int len, long number) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
                lengths = Arrays.copyOf(lengths, lines * 2);
                numbers = Arrays.copyOf(numbers, lines * 2);
            }
            starts[lines] = start;
            lengths[lines] = len;
            numbers[lines] = number;
            lines++;
        }

        Screened screen(Screener screener) {
            Screened s = new Screened(fed);
            try (ResultWriter writer = new ResultWriter(s.out)) {
                for (int i = 0; i < lines; i++) {
                    long number = numbers[i];
                    if (lengths[i] < 0) {
                        s.bad("line " + number + ": longer than " + limit + " bytes");
                        continue;
                    }
                    ListingReader.Line line = ListingReader.parse(number, bytes, starts[i], lengths[i]);
                    if (line.bad() != null) {
                        s.bad(line.bad().toString());
                        continue;
                    }
                    try {
                        Screener.Result r = screener.screen(line.listing());
                        writer.write(r);
                        s.screened++;
                        List<Screener.Flag> flags = r.flags();
                        for (int k = 0; k < flags.size(); k++) { // no iterator a listing
                            s.flags[flags.get(k).code().ordinal()]++;
                        }
                    } catch (Screener.CurrencyMismatch e) {
                        s.bad("line " + number + ": currency: " + e.getMessage());
                    }
                }
            }
            return s;
        }
    }

    /** One batch's results, its bad lines and its counts. */
    private static final class Screened {
        final ByteArrayOutputStream out;
        final List<String> bad = new ArrayList<>();
        final long[] flags = new long[RedFlag.values().length];
        final long fed;
        long screened;

        Screened(long fed) {
            this.fed = fed;
            this.out = new ByteArrayOutputStream((int) Math.min(fed + 1024, 1 << 24)); // results run about as long
        }

        void bad(String message) {
            bad.add(message);
        }
    }

    /** Writes batches' results, in the order they are handed over, and keeps the totals. */
    private static final class Ordered {
        final OutputStream out;
        final Listener listener;
        final Map<RedFlag, Long> flags = new EnumMap<>(RedFlag.class);
        long screened;
        long bad;
        long fed;

        Ordered(OutputStream out, Listener listener) {
            this.out = out;
            this.listener = listener;
        }

        void write(Screened s) throws IOException {
            s.out.writeTo(out);
            for (String message : s.bad) {
                listener.bad(message);
            }
            bad += s.bad.size();
            screened += s.screened;
            fed += s.fed;
            RedFlag[] codes = RedFlag.values();
            for (int i = 0; i < codes.length; i++) {
                if (s.flags[i] > 0) {
                    flags.merge(codes[i], s.flags[i], Long::sum);
                }
            }
            listener.progress(screened, fed);
        }
    }
}
