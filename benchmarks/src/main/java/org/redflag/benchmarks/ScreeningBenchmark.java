package org.redflag.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.screening.CategoryStats;
import org.redflag.screening.CounterfeitDictionary;
import org.redflag.screening.FeedScreening;
import org.redflag.screening.ReferenceData;
import org.redflag.screening.Screener;
import org.redflag.source.JsonLines;

/**
 * The screening engine at steady state, the JVM started and its code compiled: one operation screens the first
 * {@link #bytes} of a generated feed (parse, fold, every detector, write to nowhere) on {@code threads} threads, as
 * {@code redflag screen} does. {@code bench/screening.sh} divides by the listings in that part for listings/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx256m"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 6, time = 2)
public class ScreeningBenchmark {

    /** A directory written by {@code redflag generate}. */
    @Param({"generated"})
    public String dir;

    @Param({"1", "2"})
    public int threads;

    /** Feed bytes screened per operation. */
    @Param({"20000000"})
    public int bytes;

    private byte[] feed;
    private FeedScreening screening;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path d = Path.of(dir);
        byte[] all;
        try (InputStream in = java.nio.file.Files.newInputStream(d.resolve("listings.jsonl"))) {
            all = in.readNBytes(bytes);
        }
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--; // whole lines only
        }
        feed = java.util.Arrays.copyOf(all, end);
        PolicyPack pack = PolicyPacks.builtIn().resolve("CN");
        CounterfeitDictionary dictionary = CounterfeitDictionary.with(List.of(d.resolve("dictionary-extra.tsv")));
        ReferenceData reference = ReferenceData.load(d.resolve("genuine-prices.csv"),
                d.resolve("banned-sellers.jsonl"), d.resolve("foreign-orders.csv"), dictionary);
        CategoryStats stats = CategoryStats.gather(d.resolve("listings.jsonl"), 2, 1 << 20, () -> false);
        screening = new FeedScreening(() -> new Screener(dictionary, reference, stats, pack), threads, 1 << 20);
        long[] lines = {0};
        JsonLines.read(new ByteArrayInputStream(feed), 1 << 20, new JsonLines.Sink() {
            @Override
            public void line(byte[] b, int off, int len, long number) {
                lines[0]++;
            }

            @Override
            public void tooLong(long number, int limit) {
            }
        });
        System.err.println("listings per operation: " + lines[0]);
    }

    @Benchmark
    public long screen() throws IOException {
        return screening.run(new ByteArrayInputStream(feed), OutputStream.nullOutputStream(), m -> { })
                .screened();
    }
}
