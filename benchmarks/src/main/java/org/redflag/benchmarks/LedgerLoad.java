package org.redflag.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.redflag.evidence.FileHashStore;
import org.redflag.evidence.Hashes;
import org.redflag.evidence.MerkleLog;
import org.redflag.evidence.MerkleProofs;

/**
 * For {@code bench/evidence.sh}: appends N leaves (200-byte records) to a file-backed Merkle log and reports appends
 * per second next to plain SHA-256 of the same records in the same run; then, at N entries, the time to generate
 * (and verify) inclusion and consistency proofs, medians over random positions.
 *
 * <p>Arguments: DIR N
 */
public final class LedgerLoad {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long n = Long.parseLong(args[1]);
        byte[] record = new byte[200];
        Random r = new Random(1);
        r.nextBytes(record);

        byte[] acc = new byte[32];
        double hashRate = 0;
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                record[0] = (byte) i;
                record[1] = (byte) (i >> 8);
                record[2] = (byte) (i >> 16);
                acc = Hashes.leaf(record);
            }
            hashRate = n / ((System.nanoTime() - t0) / 1e9);
        }
        if (acc[0] == 42 && acc[1] == 42 && acc[2] == 42 && acc[3] == 42) {
            System.err.println("(unlikely)");
        }

        Files.createDirectories(dir);
        try (FileHashStore store = new FileHashStore(dir)) {
            MerkleLog log = new MerkleLog(store);
            long t1 = System.nanoTime();
            long step = Math.max(1, n / 20);
            for (long i = 0; i < n; i++) {
                record[0] = (byte) i;
                record[1] = (byte) (i >> 8);
                record[2] = (byte) (i >> 16);
                log.append(record);
                if ((i + 1) % step == 0) {
                    System.err.printf(Locale.ROOT, "\rappended %,d of %,d", i + 1, n);
                }
            }
            log.flush();
            double appendRate = n / ((System.nanoTime() - t1) / 1e9);
            System.err.println();

            int samples = 2000;
            long[] inclusion = new long[samples];
            long[] consistency = new long[samples];
            long[] rootTime = new long[samples];
            byte[] root = log.root(n);
            for (int s = 0; s < samples; s++) {
                long index = (long) (r.nextDouble() * n);
                long t = System.nanoTime();
                var proof = log.inclusionProof(index, n);
                inclusion[s] = System.nanoTime() - t;
                if (!MerkleProofs.verifyInclusion(index, n, log.leafHash(index), proof, root)) {
                    throw new IllegalStateException("an inclusion proof failed to verify");
                }
                long first = 1 + (long) (r.nextDouble() * (n - 1));
                t = System.nanoTime();
                var cons = log.consistencyProof(first, n);
                consistency[s] = System.nanoTime() - t;
                t = System.nanoTime();
                byte[] firstRoot = log.root(first);
                rootTime[s] = System.nanoTime() - t;
                if (!MerkleProofs.verifyConsistency(first, n, firstRoot, root, cons)) {
                    throw new IllegalStateException("a consistency proof failed to verify");
                }
            }
            Arrays.sort(inclusion);
            Arrays.sort(consistency);
            Arrays.sort(rootTime);
            System.out.printf(Locale.ROOT, "entries %,d: appends %,.0f/s vs SHA-256 alone %,.0f/s (ratio %.2f)%n",
                    n, appendRate, hashRate, appendRate / hashRate);
            int items = 20_000;
            double ledgerRate;
            try (var ledger = org.redflag.evidence.Ledger.open(dir.resolveSibling("ledger"),
                    java.time.Clock.systemUTC(), "bench", java.util.Optional.empty())) {
                long t2 = System.nanoTime();
                for (int i = 0; i < items; i++) {
                    ledger.add(("{\"snapshot\":" + i + "}").getBytes(), new org.redflag.evidence.Custody(
                            "s" + i + ".json", "application/json", "bench", null, null, "BENCH"));
                }
                ledger.signHead();
                ledgerRate = items / ((System.nanoTime() - t2) / 1e9);
                System.out.printf(Locale.ROOT, "full ledger (content stored by hash, record, leaf): %,d adds in"
                        + " %,.0f/s, one signed and time-stamped tree head at the end%n", items, ledgerRate);
            }
            // the peer: the same contents stored as the ledger stored them before its pack, a file each under
            // objects/<first two letters of the hash>/ (the store alone: no record, no leaf)
            java.nio.file.Path loose = dir.resolveSibling("loose");
            long t3 = System.nanoTime();
            for (int i = 0; i < items; i++) {
                byte[] content = ("{\"snapshot\":" + i + "}").getBytes();
                String sha = org.redflag.evidence.Hashes.hex(org.redflag.evidence.Hashes.sha256(content));
                java.nio.file.Path file = loose.resolve(sha.substring(0, 2)).resolve(sha.substring(2));
                try {
                    java.nio.file.Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW);
                } catch (java.nio.file.NoSuchFileException firstInItsDirectory) {
                    java.nio.file.Files.createDirectories(file.getParent());
                    java.nio.file.Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW);
                }
            }
            double looseRate = items / ((System.nanoTime() - t3) / 1e9);
            System.out.printf(Locale.ROOT, "the same contents a file each (the layout before the pack; the store"
                    + " alone): %,.0f/s; full ledger adds %.2f times as many%n", looseRate, ledgerRate / looseRate);

            System.out.printf(Locale.ROOT, "at %,d entries: inclusion proof median %.1f µs (p99 %.1f), consistency"
                            + " proof median %.1f µs (p99 %.1f), historic root median %.1f µs; %d proofs each,"
                            + " all verified%n", n, inclusion[samples / 2] / 1e3, inclusion[samples * 99 / 100] / 1e3,
                    consistency[samples / 2] / 1e3, consistency[samples * 99 / 100] / 1e3,
                    rootTime[samples / 2] / 1e3, samples);
        }
    }
}
