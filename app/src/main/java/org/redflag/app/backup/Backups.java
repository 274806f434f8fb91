package org.redflag.app.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.redflag.app.cli.Version;
import org.redflag.app.evidence.EvidenceLedger;
import org.redflag.evidence.Ledger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a backup of the server's data as one zip: {@code database/} (the embedded H2 database, copied online by H2
 * itself, consistent as of one moment), then {@code evidence/} (the evidence ledger as of a moment after it: every
 * entry the database names is in it), then {@code manifest.json} saying what the backup holds. A server on
 * PostgreSQL backs up its ledger only: its database is backed up with PostgreSQL's own tools
 * ({@code pg_dump}), and the manifest says so.
 *
 * <p>The backup holds every account's password hash and the ledger's signing key: it is to be kept as the server
 * itself is.
 */
@Service
public class Backups {

    /** What a backup's {@code manifest.json} names as its format, for {@code redflag restore} to recognise. */
    static final String FORMAT = "redflag-backup";
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String DATABASE = "database/";
    static final String EVIDENCE = "evidence/";
    /** How a backup's file is named: this, the time it was taken (UTC, to the second), {@code .zip}. */
    static final String FILE_PREFIX = "redflag-backup-";
    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** What a backup held. */
    public record Taken(boolean database, Ledger.Copied evidence) {
    }

    private final JdbcClient jdbc;
    private final EvidenceLedger ledger;
    private final Clock clock;
    private final boolean embedded;

    public Backups(JdbcClient jdbc, EvidenceLedger ledger, Clock clock,
                   @Value("${spring.datasource.url:}") String databaseUrl) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.embedded = databaseUrl.startsWith("jdbc:h2:");
    }

    /** The file name of a backup taken now: {@code redflag-backup-20261130-004500.zip}; names sort by time. */
    public String fileName() {
        return FILE_PREFIX + STAMP.format(clock.instant()) + ".zip";
    }

    /** Whether the database goes into the backup (the embedded one does; PostgreSQL has its own tools). */
    public boolean includesDatabase() {
        return embedded;
    }

    /** Writes the backup to {@code out} (finished, not closed). */
    public Taken write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        if (embedded) {
            database(zip);
        }
        Ledger.Copied copied = ledger.ledger().copyTo(zip, EVIDENCE);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", FORMAT_VERSION);
        manifest.put("software", "redflag " + Version.version());
        manifest.put("takenAt", clock.instant().toString());
        manifest.put("database", embedded ? "H2, in database/" : "not included: the server runs on PostgreSQL;"
                + " back its database up with pg_dump");
        manifest.put("evidence", Map.of("entries", copied.entries(), "signedHeads", copied.heads(),
                "contents", copied.objects()));
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        out.flush();
        return new Taken(embedded, copied);
    }

    /** H2 copies its own files, consistently, while the server goes on; the copy's entries go under database/. */
    private void database(ZipOutputStream zip) throws IOException {
        Path dir = Files.createTempDirectory("redflag-backup-");
        Path copy = dir.resolve("database.zip");
        try {
            jdbc.sql("BACKUP TO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'").update();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(copy))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    zip.putNextEntry(new ZipEntry(DATABASE + e.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(dir);
        }
    }
}
