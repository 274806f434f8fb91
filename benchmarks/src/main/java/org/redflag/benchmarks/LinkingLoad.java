package org.redflag.benchmarks;

import java.io.BufferedReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.redflag.identity.Linker;
import org.redflag.identity.SellerReader;

/**
 * Load client for {@code bench/linking.sh}: loads a generated sellers file into a running server's PostgreSQL (the
 * identifiers normalised exactly as the server does, with COPY), then times {@code CHECKS} registration checks over
 * HTTP, one at a time, each a re-registration attempt carrying the identifiers of a loaded account under a new id.
 * Its peer, in the same run and alternating with the checks, is the same number of the cheapest authenticated
 * request ({@code GET /api/accounts/me}): the floor any request pays on this server and machine. It reports p50 and
 * p99 of both, and the server's own timing of the checks (without HTTP) from {@code /actuator/prometheus}.
 *
 * <p>Arguments: URL ADMIN_PASSWORD JDBC_URL JDBC_USER JDBC_PASSWORD SELLERS.jsonl CHECKS. With
 * {@code -Dredflag.bench.loaded=true} the accounts are taken as already loaded and only the checks run; with
 * {@code -Dredflag.bench.loadOnly=true} they are loaded and nothing else (the server, restarted, then loads its
 * seller index from the database). {@code -Dredflag.bench.warmup=N} requests of each kind come first, unmeasured,
 * so that the server's code is compiled (500 by default). The server's own time for each check is read from the
 * {@code Server-Timing} header of its answer.
 */
public final class LinkingLoad {

    /** A re-registration attempt: the identifiers of a loaded account under a new id, not marked banned. */
    private static String probe(String line, int n) {
        return line.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":\"probe-" + n + "\"")
                .replace("\"banned\":true", "\"banned\":false");
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String adminPassword = args[1];
        Path sellers = Path.of(args[5]);
        int checks = Integer.parseInt(args[6]);
        boolean load = !Boolean.getBoolean("redflag.bench.loaded");
        boolean loadOnly = Boolean.getBoolean("redflag.bench.loadOnly");
        long lines = 0;
        try (BufferedReader in = Files.newBufferedReader(sellers, StandardCharsets.UTF_8)) {
            while (in.readLine() != null) {
                lines++;
            }
        }
        // a probe every so many accounts, spread over the whole file
        long every = Math.max(1, lines / Math.max(1, checks));
        List<String> probes = new ArrayList<>();
        long t0 = System.nanoTime();
        Path sellerCsv = Files.createTempFile("redflag-sellers", ".csv");
        Path identifierCsv = Files.createTempFile("redflag-identifiers", ".csv");
        try {
            SellerReader reader = new SellerReader("CN");
            long n = 0;
            try (BufferedReader in = Files.newBufferedReader(sellers, StandardCharsets.UTF_8);
                 Writer s = Files.newBufferedWriter(sellerCsv, StandardCharsets.UTF_8);
                 Writer i = Files.newBufferedWriter(identifierCsv, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; n++) {
                    if (n % every == every / 2 && probes.size() < checks) {
                        probes.add(probe(line, probes.size()));
                    }
                    if (!load) {
                        continue;
                    }
                    Linker.Seller seller = reader.parse(line);
                    s.write(csv(seller.id()) + "," + seller.banned() + "," + (seller.banned() ? "BANNED" : "ACTIVE")
                            + ",2026-01-01T00:00:00Z\n");
                    for (Linker.Identifier id : seller.identifiers()) {
                        i.write(csv(seller.id()) + "," + id.type().name() + "," + csv(id.value()) + "\n");
                    }
                    if (n % 1_000_000 == 999_999) {
                        System.err.printf(Locale.ROOT, "prepared %,d of %,d accounts%n", n + 1, lines);
                    }
                }
            }
            if (load) {
                try (Connection c = DriverManager.getConnection(args[2], args[3], args[4])) {
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    try (Reader r = Files.newBufferedReader(sellerCsv, StandardCharsets.UTF_8)) {
                        copy.copyIn("COPY sellers (id, banned, status, registered_at) FROM STDIN (FORMAT csv)", r);
                    }
                    System.err.println("copied the sellers; copying their identifiers");
                    try (Reader r = Files.newBufferedReader(identifierCsv, StandardCharsets.UTF_8)) {
                        copy.copyIn("COPY seller_identifiers (seller_id, kind, id_value) FROM STDIN (FORMAT csv)", r);
                    }
                    // statistics for the planner, as autovacuum would gather them after a load this size
                    try (var st = c.createStatement()) {
                        st.execute("ANALYZE");
                    }
                }
            }
        } finally {
            Files.deleteIfExists(sellerCsv);
            Files.deleteIfExists(identifierCsv);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        if (loadOnly) {
            System.err.printf(Locale.ROOT, "loaded %,d accounts into PostgreSQL in %.0f s%n", lines, loadSeconds);
            return;
        }

        String key = "key:" + BenchHttp.key(url, "admin", adminPassword);
        int warmup = Integer.getInteger("redflag.bench.warmup", 500);
        for (int i = 0; i < warmup; i++) {
            BenchHttp.post(url + "/api/sellers/check", key, probes.get(i % probes.size()), 200);
            BenchHttp.get(url + "/api/accounts/me", key);
        }
        long[] check = new long[probes.size()];
        long[] inServer = new long[probes.size()];
        long[] floor = new long[probes.size()];
        TreeMap<String, Integer> decisions = new TreeMap<>();
        Pattern decision = Pattern.compile("\"decision\":\"([A-Z_]+)\"");
        for (int i = 0; i < probes.size(); i++) {
            long s = System.nanoTime();
            var answer = BenchHttp.postForResponse(url + "/api/sellers/check", key, probes.get(i), 200);
            check[i] = System.nanoTime() - s;
            String body = answer.body();
            inServer[i] = serverNanos(answer.headers().firstValue("Server-Timing").orElse(""));
            s = System.nanoTime();
            BenchHttp.get(url + "/api/accounts/me", key);
            floor[i] = System.nanoTime() - s;
            Matcher m = decision.matcher(body);
            decisions.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
        }
        Arrays.sort(check);
        Arrays.sort(floor);
        Arrays.sort(inServer);
        System.out.printf(Locale.ROOT, "registration check with %,d accounts %s: %,d checks one at a time over HTTP,"
                        + " p50 %.2f ms, p99 %.2f ms (peer GET /api/accounts/me: p50 %.2f ms, p99 %.2f ms); inside the"
                        + " server p50 %.2f ms, p99 %.2f ms; decisions %s%n", lines,
                load ? String.format(Locale.ROOT, "loaded (%.0f s to load)", loadSeconds) : "loaded before",
                check.length, pct(check, 0.50), pct(check, 0.99), pct(floor, 0.50), pct(floor, 0.99),
                pct(inServer, 0.50), pct(inServer, 0.99), decisions);
    }

    private static final Pattern DURATION = Pattern.compile("check;dur=([0-9.]+)");

    /** The check's own duration from a {@code Server-Timing} header, in nanoseconds; -1 without one. */
    private static long serverNanos(String header) {
        Matcher m = DURATION.matcher(header);
        return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1e6) : -1;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
