package org.redflag.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client for {@code bench/notices.sh}: files notices over HTTP against a running server with {@code threads}
 * concurrent clients and reports notices/s with p50 and p99 latency; then, in the same run, the raw single-row insert
 * rate of the database with the same number of threads, and the ratio of the two; and, as the floor of any request on
 * this server and machine, the rate of the cheapest authenticated request ({@code GET /api/accounts/me}) with the same
 * threads.
 *
 * <p>Arguments: URL ADMIN_PASSWORD JDBC_URL JDBC_USER JDBC_PASSWORD NOTICES THREADS LABEL
 */
public final class NoticeLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String adminPassword = args[1];
        String jdbcUrl = args[2];
        String jdbcUser = args[3];
        String jdbcPassword = args[4];
        int notices = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        String label = args[7];

        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        BenchHttp.post(url + "/api/accounts", admin, "{\"username\":\"bench-brand\",\"password\":\"bench-password-1\","
                + "\"role\":\"RIGHTS_HOLDER\",\"displayName\":\"Bench brand\"}", 201);
        BenchHttp.post(url + "/api/accounts", admin, "{\"username\":\"bench-seller\",\"password\":\"bench-password-2\","
                + "\"role\":\"SELLER\",\"displayName\":\"Bench seller\"}", 201);
        String brandKey = BenchHttp.key(url, "bench-brand", "bench-password-1");
        String sellerKey = BenchHttp.key(url, "bench-seller", "bench-password-2");
        int warmup = Math.min(500, notices / 4);
        int total = notices + warmup;
        System.err.printf("%s: registering %d listings...%n", label, total);
        runParallel(threads, total, i -> BenchHttp.post(url + "/api/listings", "key:" + sellerKey,
                "{\"id\":\"bench-" + i + "\",\"title\":\"Bench listing " + i + "\"}", 201));

        System.err.printf("%s: warming up with %d notices...%n", label, warmup);
        runParallel(threads, warmup, i -> BenchHttp.post(url + "/api/notices", "key:" + brandKey, notice(i), 201));
        System.err.printf("%s: filing %d notices with %d threads...%n", label, notices, threads);
        long[] latency = new long[notices];
        long start = System.nanoTime();
        runParallel(threads, notices, i -> {
            long t = System.nanoTime();
            BenchHttp.post(url + "/api/notices", "key:" + brandKey, notice(warmup + i), 201);
            latency[i] = System.nanoTime() - t;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latency);
        double filed = notices / seconds;

        // the floor of any request on this server and machine: the cheapest authenticated GET, as many, as many threads
        runParallel(threads, warmup, i -> BenchHttp.get(url + "/api/accounts/me", "key:" + brandKey));
        long floorStart = System.nanoTime();
        runParallel(threads, notices, i -> BenchHttp.get(url + "/api/accounts/me", "key:" + brandKey));
        double floor = notices / ((System.nanoTime() - floorStart) / 1e9);

        int rows = Math.max(notices * 2, 4000);
        double raw = rawInserts(jdbcUrl, jdbcUser, jdbcPassword, rows, threads);
        System.out.printf(Locale.ROOT, "%-10s filed %8.0f notices/s   p50 %6.1f ms   p99 %6.1f ms   raw insert %8.0f rows/s"
                        + "   ratio %5.1f %%   (%d notices, %d threads; GET /api/accounts/me %,.0f/s)%n", label, filed,
                latency[notices / 2] / 1e6, latency[(int) (notices * 0.99)] / 1e6, raw, 100 * filed / raw, notices,
                threads, floor);
    }

    private static String notice(int i) {
        return "{\"right\":{\"type\":\"TRADEMARK\",\"reference\":\"TM 1\"},\"listings\":[\"bench-" + i + "\"],"
                + "\"reasonCode\":\"COUNTERFEIT\",\"language\":\"en\",\"text\":\"bench notice " + i + "\","
                + "\"elements\":{\"rightsHolderIdentity\":true,\"proofOfRights\":true,\"listingLocation\":true,"
                + "\"infringementEvidence\":true,\"goodFaithStatement\":true}}";
    }

    /** Single-row inserts, one transaction each (autocommit), from {@code threads} connections. */
    private static double rawInserts(String url, String user, String password, int rows, int threads)
            throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_raw");
            c.createStatement().execute("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload VARCHAR(200),"
                    + " at TIMESTAMP WITH TIME ZONE)");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            jobs.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement ps = c.prepareStatement(
                             "INSERT INTO bench_raw (id, payload, at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    c.setAutoCommit(true);
                    int i;
                    while ((i = next.getAndIncrement()) < rows) {
                        ps.setLong(1, i);
                        ps.setString(2, "row " + i);
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("DROP TABLE bench_raw");
        }
        return rows / seconds;
    }

    private interface Job {
        void run(int i) throws Exception;
    }

    private static void runParallel(int threads, int count, Job job) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            jobs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    job.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
    }
}
