package org.redflag.app.evidence;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.redflag.app.problem.ApiException;
import org.redflag.evidence.Bundles;
import org.redflag.evidence.Custody;
import org.redflag.evidence.EvidenceRecord;
import org.redflag.evidence.Ledger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server's evidence ledger ({@code redflag.evidence.dir}): every notice as filed, its attachments, and every
 * decision on it are captured as they happen; a notice's items export as a bundle.
 */
@Component
public class EvidenceLedger implements DisposableBean, SmartInitializingSingleton {

    private final Ledger ledger;
    private final Path dir;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;

    public EvidenceLedger(@Value("${redflag.evidence.dir:data/evidence}") Path dir,
                          @Value("${redflag.evidence.tsa-url:}") String tsaUrl, Clock clock, JdbcClient jdbc,
                          NamedParameterJdbcTemplate batch) {
        this.ledger = Ledger.open(dir, clock, EvidenceCommand.version(),
                tsaUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(tsaUrl)));
        if (ledger.recovered()) {
            org.slf4j.LoggerFactory.getLogger(EvidenceLedger.class).warn("the evidence ledger in {} was left"
                    + " half-written by an unclean stop and has been repaired from its entries ({} of them)", dir,
                    ledger.size());
        }
        this.dir = dir;
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /** Captures bytes about a notice and links the entry to it. */
    public EvidenceRecord capture(long noticeId, byte[] content, String fileName, String mediaType, String by,
                                  String kind) {
        Taken taken = take(noticeId, content, fileName, mediaType, by, kind);
        link(List.of(taken));
        return taken.record();
    }

    public EvidenceRecord captureJson(long noticeId, String json, String fileName, String by, String kind) {
        return capture(noticeId, json.getBytes(StandardCharsets.UTF_8), fileName, "application/json", by, kind);
    }

    /** An entry the ledger took about a notice, to {@link #link} to it. */
    public record Taken(long noticeId, EvidenceRecord record) {
    }

    /** Takes bytes about a notice into the ledger; {@link #link} then links the entry to the notice. */
    public Taken take(long noticeId, byte[] content, String fileName, String mediaType, String by, String kind) {
        return new Taken(noticeId, ledger.add(content, new Custody(fileName, mediaType, by, null, "notice " + noticeId,
                kind)));
    }

    /** Bytes about a notice to take into the ledger: the arguments of {@link #take}. */
    public record ToTake(long noticeId, byte[] content, String fileName, String mediaType, String by, String kind) {
    }

    /**
     * Takes the entries, in order, on the ledger's own thread, while the caller goes on with the rest of its
     * transaction; the answer's {@code join} waits for them and gives them, or rethrows what made one fail. Creating
     * an entry's file is the slowest part of filing a notice that is not a statement: done beside the statements,
     * it is no longer in the time that a group of filings holds the database (see {@code GroupCommit}).
     */
    public Meanwhile takeMeanwhile(List<ToTake> entries) {
        if (entries.isEmpty()) {
            return new Meanwhile(java.util.concurrent.CompletableFuture.completedFuture(List.of()));
        }
        return new Meanwhile(java.util.concurrent.CompletableFuture.supplyAsync(() -> entries.stream()
                .map(e -> take(e.noticeId(), e.content(), e.fileName(), e.mediaType(), e.by(), e.kind())).toList(),
                taker));
    }

    /** Entries being taken: {@link #join} gives them once taken. */
    public static final class Meanwhile {
        private final java.util.concurrent.CompletableFuture<List<Taken>> taking;

        private Meanwhile(java.util.concurrent.CompletableFuture<List<Taken>> taking) {
            this.taking = taking;
        }

        /** The entries, in the order asked for, once all are taken; rethrows what made taking one fail. */
        public List<Taken> join() {
            try {
                return taking.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    /** One thread: the ledger appends one entry at a time in any case. */
    private final java.util.concurrent.ExecutorService taker = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "evidence-ledger");
                t.setDaemon(true);
                return t;
            });

    /** Links entries taken to their notices, in one batch, in the caller's transaction. */
    public void link(List<Taken> taken) {
        batch.batchUpdate("INSERT INTO evidence_items (notice_id, ledger_index) VALUES (:n, :i)", taken.stream()
                .map(t -> new MapSqlParameterSource("n", t.noticeId()).addValue("i", t.record().index()))
                .toArray(SqlParameterSource[]::new));
    }

    /**
     * The ledger entries of a notice: those the database links to it that the ledger holds and whose own record
     * names the notice. A ledger can be behind its database (entries written but not yet forced to disk when the
     * machine lost power, or a ledger restored from a backup older than the database), and the entries it takes
     * next reuse those indices: an entry is trusted to be a notice's only when the ledger says so, so one notice's
     * bundle never carries another's evidence.
     */
    public List<Long> items(long noticeId) {
        String subject = "notice " + noticeId;
        return jdbc.sql("SELECT ledger_index FROM evidence_items WHERE notice_id = :n ORDER BY ledger_index")
                .param("n", noticeId).query(Long.class).list().stream()
                .filter(i -> i < ledger.size() && subject.equals(ledger.record(i).custody().subject())).toList();
    }

    /**
     * At start-up, once the tables exist: refuses a ledger that is not this database's (another key than the one
     * recorded when the database first met a ledger), and says when the database names entries the ledger does not
     * hold.
     */
    @Override
    public void afterSingletonsInstantiated() {
        String mine = org.redflag.evidence.Signer.fingerprint(ledger.signer().publicKey());
        var recorded = jdbc.sql("SELECT fingerprint FROM ledger_identity WHERE id = 1").query(String.class).optional();
        if (recorded.isEmpty()) {
            jdbc.sql("INSERT INTO ledger_identity (id, fingerprint, recorded_at) VALUES (1, :f, :t)")
                    .param("f", mine).param("t", clock.instant().atOffset(java.time.ZoneOffset.UTC)).update();
        } else if (!recorded.get().equals(mine)) {
            throw new org.redflag.app.problem.BadSetting("redflag.evidence.dir", "the evidence ledger in " + dir
                    + " (key " + mine.substring(0, 16) + "…) is not this database's (key " + recorded.get()
                    .substring(0, 16) + "…): the evidence the database links to its notices is in that other"
                    + " ledger, and this one would give its entries the same numbers. Start the server with that"
                    + " ledger (serve --data, the directory that holds evidence/; from a backup, its evidence/),"
                    + " one server to a database");
        }
        long size = ledger.size();
        Long missing = jdbc.sql("SELECT COUNT(*) FROM evidence_items WHERE ledger_index >= :size")
                .param("size", size).query(Long.class).single();
        if (missing > 0) {
            org.slf4j.LoggerFactory.getLogger(EvidenceLedger.class).warn("the database links {} evidence entries"
                    + " to notices that the evidence ledger in {} does not hold (it has {} entries): entries lost"
                    + " with the machine's power before they reached the disk, or a ledger restored from a backup"
                    + " older than the database. Those notices' bundles leave them out; the ledger's new entries"
                    + " are never taken for them.", missing, dir, size);
        }
    }

    /** Writes the bundle of a notice's items under a freshly signed tree head. */
    public void export(long noticeId, OutputStream out) {
        List<Long> items = items(noticeId);
        if (items.isEmpty()) {
            throw ApiException.notFound("evidence of notice " + noticeId + ": the ledger holds none of it (the"
                    + " server's log says why)");
        }
        Bundles.export(ledger, items, "Notice " + noticeId + " / 通知 " + noticeId, out);
    }

    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void destroy() throws InterruptedException {
        taker.shutdown();
        // what is being taken ends before the ledger closes (a filing that waits for it fails otherwise)
        taker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        ledger.close();
    }
}
