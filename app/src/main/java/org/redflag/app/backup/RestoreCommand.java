package org.redflag.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.redflag.app.cli.DataDirectory;
import org.redflag.app.cli.ExitCode;
import org.redflag.app.cli.Version;
import org.redflag.evidence.Ledger;
import org.redflag.source.FileProblems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code redflag restore}: puts a backup into a new data directory. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Restore a backup (GET /api/backup, or 'Download a backup' on the Accounts page) into a"
                    + " new data directory, for 'redflag serve --data DIR'.",
            "",
            "The backup is unpacked beside the directory first and checked there: every signed tree head of the"
                    + " evidence ledger against the entries (its root and its signature), and the database opened."
                    + " Only a backup that checks is moved into place; a directory that already holds a database or a"
                    + " ledger is refused, and nothing in it is touched. A backup of a server on PostgreSQL holds the"
                    + " evidence ledger only: restore its database with PostgreSQL's own tools.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  restored", "  2  the file is not a backup, does not check, or the directory holds data"})
public final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BACKUP.zip", description = "The backup to restore.")
    Path backup;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory to restore into; it must not"
            + " hold a database or a ledger yet (default: $REDFLAG_HOME/data, else ./data).")
    Path data;

    /** Why the backup cannot be restored; the message is the user's to act on. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The restored ledger: its entries and signed tree heads, every head checked. */
    private record Checked(long entries, long heads) {
    }

    /** What a restore found in the backup. */
    private record Restored(Long notices, Long accounts, long entries, long heads) {
    }

    @Override
    public Integer call() throws IOException {
        Path dir = DataDirectory.orDefault(data);
        Restored restored;
        try {
            restored = restore(dir);
        } catch (Refused e) {
            spec.commandLine().getErr().println("redflag: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Restored " + backup + " into " + dir.toAbsolutePath() + ":");
        if (restored.notices() != null) {
            out.println("  the database: " + restored.notices() + " notices, " + restored.accounts() + " accounts");
        } else {
            out.println("  no database: the backup was taken from a server on PostgreSQL; restore its database with"
                    + " PostgreSQL's own tools and start the server with --db-url");
        }
        out.println("  the evidence ledger: " + restored.entries() + " entries, " + restored.heads()
                + " signed tree heads, each checked against the entries");
        out.println("Start the server on it with: redflag serve --data " + dir);
        out.flush();
        return ExitCode.OK;
    }

    private Restored restore(Path dir) throws IOException, Refused {
        String unreadable = FileProblems.input(backup);
        if (unreadable != null) {
            throw new Refused(unreadable);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Refused("--data: " + dir + " is a file; name the directory to restore into");
        }
        for (String held : List.of("redflag.mv.db", "evidence")) {
            if (Files.exists(dir.resolve(held))) {
                throw new Refused("--data: " + dir + " already holds a server's data (" + held + "); restore into a"
                        + " new directory, or move this one aside: nothing in it was changed");
            }
        }
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            check(zip);
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".redflag-restore-");
            try {
                unpack(zip, staging);
                Checked ledger = checkLedger(staging.resolve("evidence"));
                Restored restored = Files.exists(staging.resolve("redflag.mv.db"))
                        ? counted(staging, ledger) : new Restored(null, null, ledger.entries(), ledger.heads());
                Files.createDirectories(dir);
                try (Stream<Path> unpacked = Files.list(staging)) {
                    for (Path p : unpacked.toList()) {
                        Files.move(p, dir.resolve(p.getFileName().toString()));
                    }
                }
                return restored;
            } finally {
                deleteAll(staging);
            }
        } catch (ZipException e) {
            throw new Refused(backup + ": not a zip file (" + e.getMessage() + ")");
        }
    }

    /** A backup of ours: its manifest's format, and nothing outside database/ and evidence/. */
    private void check(ZipFile zip) throws IOException, Refused {
        ZipEntry manifestEntry = zip.getEntry(Backups.MANIFEST);
        if (manifestEntry == null) {
            throw new Refused(backup + ": not a Redflag backup: it has no " + Backups.MANIFEST);
        }
        JsonNode manifest;
        try (InputStream in = zip.getInputStream(manifestEntry)) {
            manifest = JsonMapper.builder().build().readTree(in.readNBytes(1 << 20));
        } catch (JacksonException e) {
            throw new Refused(backup + ": " + Backups.MANIFEST + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (!manifest.path("format").asString("").equals(Backups.FORMAT)) {
            throw new Refused(backup + ": " + Backups.MANIFEST + ": format: expected \"" + Backups.FORMAT
                    + "\": not a Redflag backup");
        }
        int version = manifest.path("formatVersion").asInt(0);
        if (version < 1 || version > Backups.FORMAT_VERSION) {
            throw new Refused(backup + ": " + Backups.MANIFEST + ": formatVersion: " + version + "; this redflag ("
                    + Version.version() + ") restores version " + Backups.FORMAT_VERSION + " (the backup was made"
                    + " by " + manifest.path("software").asString("an unknown version") + ")");
        }
        if (zip.getEntry(Backups.EVIDENCE + "entries.jsonl") == null) {
            throw new Refused(backup + ": has no evidence ledger (" + Backups.EVIDENCE + "entries.jsonl)");
        }
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            boolean inside = name.startsWith(Backups.DATABASE) || name.startsWith(Backups.EVIDENCE);
            boolean plain = !name.contains("..") && !name.contains("\\") && !name.startsWith("/")
                    && !name.contains(":");
            if (!name.equals(Backups.MANIFEST) && !(inside && plain)) {
                throw new Refused(backup + ": entry \"" + name + "\": a backup holds only database/, evidence/ and "
                        + Backups.MANIFEST + ", with plain relative names; nothing was restored");
            }
        }
    }

    /** database/X to staging/X, evidence/X to staging/evidence/X. */
    private static void unpack(ZipFile zip, Path staging) throws IOException {
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            if (e.isDirectory() || name.equals(Backups.MANIFEST)) {
                continue;
            }
            String relative = name.startsWith(Backups.DATABASE) ? name.substring(Backups.DATABASE.length()) : name;
            Path to = staging.resolve(relative).normalize();
            if (!to.startsWith(staging)) {
                throw new IOException("entry " + name + " leads out of the directory"); // excluded by check()
            }
            Files.createDirectories(to.getParent());
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, to);
            }
        }
    }

    /** Opens the restored ledger (its tree is built again from the entries) and checks every signed head. */
    private Checked checkLedger(Path evidence) throws Refused {
        try (Ledger ledger = Ledger.open(evidence, Clock.systemUTC(), "redflag " + Version.version(),
                Optional.empty())) {
            List<String> problems = ledger.checkHeads();
            if (!problems.isEmpty()) {
                throw new Refused(backup + ": the evidence ledger does not check, nothing was restored: "
                        + String.join("; ", problems));
            }
            return new Checked(ledger.size(), ledger.heads().size());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new Refused(backup + ": the evidence ledger cannot be opened, nothing was restored: "
                    + e.getMessage());
        }
    }

    /** Opens the restored database as the server will, and counts what it holds. */
    private Restored counted(Path staging, Checked ledger) throws Refused {
        String url = "jdbc:h2:file:" + staging.resolve("redflag").toAbsolutePath() + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return new Restored(count(c, "notices"), count(c, "accounts"), ledger.entries(), ledger.heads());
        } catch (SQLException e) {
            throw new Refused(backup + ": the database in the backup cannot be opened, nothing was restored: "
                    + e.getMessage());
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
