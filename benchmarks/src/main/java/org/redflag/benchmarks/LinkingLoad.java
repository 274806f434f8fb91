package org.redflag.benchmarks;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redflag.identity.Linker;
import org.redflag.identity.SellerReader;

/**
 * Load client for {@code bench/linking.sh}: loads a generated sellers file into a running server's database (the
 * identifiers normalised exactly as the server does, in JDBC batches), then times {@code CHECKS} registration checks
 * over HTTP, one at a time, each a re-registration attempt carrying the identifiers of a loaded account under a new
 * id, and reports p50 and p99 with the decisions they reached.
 *
 * <p>Arguments: URL ADMIN_PASSWORD JDBC_URL JDBC_USER JDBC_PASSWORD SELLERS.jsonl CHECKS. With
 * {@code -Dredflag.bench.loaded=true} the accounts are taken as already loaded and only the checks run.
 */
public final class LinkingLoad {

    private static final int BATCH = 5_000;

    /** A re-registration attempt: the identifiers of a loaded account under a new id, not marked banned. */
    private static String probe(String line, int n) {
        return line.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":\"probe-" + n + "\"")
                .replace("\"banned\":true", "\"banned\":false");
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String adminPassword = args[1];
        Path sellers = Path.of(args[5]);
        int checks = Integer.parseInt(args[6]);
        SellerReader reader = new SellerReader("CN");

        long t0 = System.nanoTime();
        long loaded = 0;
        List<String> probes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4]);
             BufferedReader in = Files.newBufferedReader(sellers, StandardCharsets.UTF_8)) {
            c.setAutoCommit(false);
            PreparedStatement ps = c.prepareStatement("INSERT INTO sellers (id, name, banned, status, registered_at)"
                    + " VALUES (?, NULL, ?, ?, ?)");
            PreparedStatement pi = c.prepareStatement("INSERT INTO seller_identifiers (seller_id, kind, id_value)"
                    + " VALUES (?, ?, ?)");
            Timestamp now = Timestamp.from(Instant.now());
            long total = Files.size(sellers);
            long read = 0;
            long step = Math.max(1, total / 20);
            long nextReport = step;
            boolean load = !Boolean.getBoolean("redflag.bench.loaded");
            for (String line; (line = in.readLine()) != null; ) {
                read += line.length() + 1;
                if (!load) {
                    if (probes.size() < checks && ++loaded % 97 == 0) {
                        probes.add(probe(line, probes.size()));
                    }
                    continue;
                }
                Linker.Seller s = reader.parse(line);
                ps.setString(1, s.id());
                ps.setBoolean(2, s.banned());
                ps.setString(3, s.banned() ? "BANNED" : "ACTIVE");
                ps.setTimestamp(4, now);
                ps.addBatch();
                for (Linker.Identifier i : s.identifiers()) {
                    pi.setString(1, s.id());
                    pi.setString(2, i.type().name());
                    pi.setString(3, i.value());
                    pi.addBatch();
                }
                if (++loaded % BATCH == 0) {
                    ps.executeBatch();
                    pi.executeBatch();
                    c.commit();
                }
                if (probes.size() < checks && loaded % 97 == 0) {
                    probes.add(probe(line, probes.size()));
                }
                if (read >= nextReport) {
                    System.err.printf(Locale.ROOT, "loading: %,d accounts (%d %%)%n", loaded, 100 * read / total);
                    nextReport += step;
                }
            }
            ps.executeBatch();
            pi.executeBatch();
            c.commit();
            // statistics for the planner, as autovacuum would gather them after a load this size; outside the
            // transaction, or a rollback at close would discard them
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        String key = "key:" + BenchHttp.key(url, "admin", adminPassword);
        int warmup = Math.min(500, probes.size());
        for (int i = 0; i < warmup; i++) {
            BenchHttp.post(url + "/api/sellers/check", key, probes.get(i), 200);
        }
        long[] nanos = new long[probes.size()];
        TreeMap<String, Integer> decisions = new TreeMap<>();
        Pattern decision = Pattern.compile("\"decision\":\"([A-Z_]+)\"");
        for (int i = 0; i < probes.size(); i++) {
            long s = System.nanoTime();
            String body = BenchHttp.post(url + "/api/sellers/check", key, probes.get(i), 200);
            nanos[i] = System.nanoTime() - s;
            Matcher m = decision.matcher(body);
            decisions.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "registration check with %,d accounts loaded (%.0f s to load): %,d checks one"
                        + " at a time, p50 %.2f ms, p99 %.2f ms, max %.2f ms; decisions %s%n", loaded, loadSeconds,
                nanos.length, pct(nanos, 0.50), pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6, decisions);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
