package org.redflag.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helper of {@code bench/notices.sh}, which drives the load itself with wrk (a Java HTTP client on these two cores
 * was the limit, not the server: it capped even the cheapest request at about 1,800/s, where wrk sees 7,000/s):
 *
 * <ul>
 *   <li>{@code setup URL ADMIN_PASSWORD LISTINGS THREADS}: creates a right holder and a seller, registers LISTINGS
 *       listings ({@code bench-0} ...) and prints the right holder's API key;</li>
 *   <li>{@code raw JDBC_URL JDBC_USER JDBC_PASSWORD ROWS THREADS}: the database's raw single-row insert rate
 *       (autocommit, one transaction a row) from THREADS connections, printed as rows/s.</li>
 * </ul>
 */
public final class NoticeLoad {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> System.out.println(setup(args[1], args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4])));
            case "raw" -> System.out.printf(Locale.ROOT, "%.0f%n", rawInserts(args[1], args[2], args[3],
                    Integer.parseInt(args[4]), Integer.parseInt(args[5])));
            default -> {
                System.err.println("usage: NoticeLoad setup URL ADMIN_PASSWORD LISTINGS THREADS"
                        + " | raw JDBC_URL USER PASSWORD ROWS THREADS");
                System.exit(2);
            }
        }
    }

    /** Accounts and listings for the load; returns the right holder's API key. */
    private static String setup(String url, String adminPassword, int listings, int threads) throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        BenchHttp.post(url + "/api/accounts", admin, "{\"username\":\"bench-brand\",\"password\":\"bench-password-1\","
                + "\"role\":\"RIGHTS_HOLDER\",\"displayName\":\"Bench brand\"}", 201);
        BenchHttp.post(url + "/api/accounts", admin, "{\"username\":\"bench-seller\",\"password\":\"bench-password-2\","
                + "\"role\":\"SELLER\",\"displayName\":\"Bench seller\"}", 201);
        String brandKey = BenchHttp.key(url, "bench-brand", "bench-password-1");
        String sellerKey = BenchHttp.key(url, "bench-seller", "bench-password-2");
        runParallel(threads, listings, i -> BenchHttp.post(url + "/api/listings", "key:" + sellerKey,
                "{\"id\":\"bench-" + i + "\",\"title\":\"Bench listing " + i + "\"}", 201));
        return brandKey;
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
        try {
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow(); // a connection refused ends the run, and the process with it
        }
        double seconds = (System.nanoTime() - start) / 1e9;
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
