package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.law.RedFlag;
import org.redflag.source.JsonLines;
import org.redflag.synthetic.Marketplace;

/**
 * A feed screened on several threads gives the one-thread results byte for byte, in input order, with the same bad
 * lines reported under the same numbers, whatever the batch size.
 */
class FeedScreeningTests {

    static ReferenceData reference;
    static byte[] feed;
    static CategoryStats stats = new CategoryStats();

    /** A generated marketplace with bad lines of every kind mixed in at random places. */
    @BeforeAll
    static void feed(@TempDir Path dir) throws Exception {
        Marketplace.Files files = Marketplace.Files.in(dir);
        new Marketplace(11, 3000).write(files, 3000, null);
        reference = ReferenceData.load(files.genuinePrices(), files.bannedSellers(), files.foreignOrders(),
                ScreenerTests.DICTIONARY);
        List<String> lines = new ArrayList<>(Files.readAllLines(files.listings(), StandardCharsets.UTF_8));
        Random random = new Random(5);
        String[] odd = {
            "{not json", "[]", "", "   ", "{\"id\":\"x\",\"sellerId\":\"s\",\"title\":7}",
            // a branded listing priced in another currency than its genuine price
            "{\"id\":\"c\",\"sellerId\":\"s\",\"title\":\"bag\",\"brand\":\"Louis Vuitton\","
                    + "\"category\":\"bags\",\"price\":1,\"currency\":\"XYZ\"}",
            "x".repeat(5000), "{\"id\":\"crlf\",\"sellerId\":\"s\",\"title\":\"super fake watch\"}\r",
        };
        for (int i = 0; i < 60; i++) {
            lines.add(random.nextInt(lines.size()), odd[random.nextInt(odd.length)]);
        }
        feed = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        JsonLines.read(new ByteArrayInputStream(feed), MAX_LINE, new JsonLines.Sink() {
            @Override
            public void line(byte[] b, int off, int len, long number) {
                stats.addLine(b, off, len);
            }

            @Override
            public void tooLong(long number, int limit) {
            }
        });
    }

    static final int MAX_LINE = 4096;

    record Run(byte[] out, List<String> bad, FeedScreening.Summary summary, List<long[]> progress) {
    }

    static Run run(int threads, int batchBytes) throws IOException {
        return run(threads, batchBytes, new ByteArrayInputStream(feed));
    }

    static Run run(int threads, int batchBytes, InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> bad = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        FeedScreening.Summary summary = new FeedScreening(
                () -> new Screener(ScreenerTests.DICTIONARY, reference, stats, ScreenerTests.CN), threads, MAX_LINE,
                batchBytes).run(in, out, new FeedScreening.Listener() {
                    @Override
                    public void bad(String message) {
                        bad.add(message);
                    }

                    @Override
                    public void progress(long screened, long bytes) {
                        progress.add(new long[] {screened, bytes});
                    }
                });
        return new Run(out.toByteArray(), bad, summary, progress);
    }

    @Test
    void several_threads_give_the_one_thread_results_in_order_whatever_the_batch() throws IOException {
        Run one = run(1, 1 << 18);
        String text = new String(one.out(), StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(one.summary().screened());
        assertThat(one.summary().screened()).isGreaterThan(2900);
        assertThat(one.summary().flags()).containsKeys(RedFlag.COUNTERFEIT_KEYWORD, RedFlag.PRICE_BELOW_GENUINE);
        assertThat(one.bad()).isNotEmpty().allMatch(m -> m.matches("line \\d+: .+"));
        assertThat(one.bad()).anyMatch(m -> m.endsWith("longer than " + MAX_LINE + " bytes"))
                .anyMatch(m -> m.contains(": currency: "));
        assertThat(one.summary().bad()).isEqualTo(one.bad().size());
        for (int threads : new int[] {2, 3, 8}) {
            for (int batch : new int[] {1, 700, 64 << 10}) {
                Run many = run(threads, batch);
                assertThat(many.out()).as("%d threads, %d-byte batches", threads, batch).isEqualTo(one.out());
                assertThat(many.bad()).isEqualTo(one.bad());
                assertThat(many.summary()).isEqualTo(one.summary());
            }
        }
    }

    @Test
    void bad_lines_are_reported_under_their_own_line_numbers() throws IOException {
        Run run = run(3, 500);
        String[] lines = new String(feed, StandardCharsets.UTF_8).split("\n", -1);
        for (String message : run.bad()) {
            int number = Integer.parseInt(message.substring(5, message.indexOf(':')));
            String line = lines[number - 1];
            assertThat(line).as(message).doesNotStartWith("{\"id\":\"L"); // a generated listing is never bad
        }
        assertThat(run.bad().stream().filter(m -> m.contains("longer than")).count())
                .isEqualTo(java.util.Arrays.stream(lines).filter(l -> l.length() > MAX_LINE).count());
    }

    @Test
    void progress_follows_the_feed_to_its_end() throws IOException {
        Run run = run(2, 4096);
        assertThat(run.progress()).hasSizeGreaterThan(10);
        for (int i = 1; i < run.progress().size(); i++) {
            assertThat(run.progress().get(i)[0]).isGreaterThanOrEqualTo(run.progress().get(i - 1)[0]);
            assertThat(run.progress().get(i)[1]).isGreaterThan(run.progress().get(i - 1)[1]);
        }
        long[] last = run.progress().get(run.progress().size() - 1);
        assertThat(last[0]).isEqualTo(run.summary().screened());
        assertThat(last[1]).as("bytes, less blank lines and carriage returns").isBetween(feed.length * 95L / 100,
                feed.length + (long) MAX_LINE);
    }

    @Test
    void a_failing_read_fails_the_run_and_stops_its_workers() {
        InputStream broken = new InputStream() {
            int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("disk gone");
                }
                return feed[100_000 - left - 1];
            }
        };
        assertThatThrownBy(() -> run(2, 2048, broken)).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void threads_must_be_at_least_one() {
        assertThatThrownBy(() -> new FeedScreening(() -> null, 0, MAX_LINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
