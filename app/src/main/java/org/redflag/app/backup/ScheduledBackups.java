package org.redflag.app.backup;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.redflag.app.account.Actor;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.problem.BadSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Backups the server takes by itself, when {@code redflag.backup.dir} names a directory: one when the server
 * first starts with it set, then one {@code redflag.backup.every} (a day) after the last (a restart keeps the
 * turn), each written whole under a temporary name and then renamed, the newest {@code redflag.backup.keep} (7)
 * kept. A persistent task of the scheduler, so its turn outlives a restart. Each is in the audit trail; one that
 * fails is logged and tried again at the next turn.
 */
@Configuration
@ConditionalOnExpression("'${redflag.backup.dir:}' != ''")
class ScheduledBackups {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private final Backups backups;
    private final AuditLog audit;
    private final Path dir;
    private final int keep;

    ScheduledBackups(Backups backups, AuditLog audit, @Value("${redflag.backup.dir}") Path dir,
                     @Value("${redflag.backup.keep:7}") int keep) {
        if (keep < 1 || keep > 1000) {
            throw new BadSetting("redflag.backup.keep", "expected 1 to 1000 backups kept; found " + keep);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadSetting("redflag.backup.dir", dir + " cannot be made a directory: " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new BadSetting("redflag.backup.dir", dir + " is not writable");
        }
        this.backups = backups;
        this.audit = audit;
        this.dir = dir;
        this.keep = keep;
    }

    @Bean
    RecurringTask<Void> scheduledBackup(@Value("${redflag.backup.every:P1D}") Duration every) {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new BadSetting("redflag.backup.every", "expected a duration of a second or more, such as 1d or"
                    + " 6h; found " + every);
        }
        return Tasks.recurring("scheduled-backup", FixedDelay.of(every)).execute((instance, context) -> take());
    }

    /** Takes one backup into the directory and keeps the newest; returns the file. */
    Path take() {
        Path file = dir.resolve(backups.fileName());
        Path part = dir.resolve(file.getFileName() + ".part");
        try {
            Backups.Taken taken;
            try (OutputStream out = Files.newOutputStream(part)) {
                taken = backups.write(out);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            audit.append(null, Actor.SYSTEM, "BACKUP_TAKEN", null, null, "scheduled, into " + file + " ("
                    + (taken.database() ? "database and " : "") + "evidence ledger of " + taken.evidence().entries()
                    + " entries)");
            prune();
            log.info("backup taken: {}", file);
            return file;
        } catch (IOException e) {
            log.error("the scheduled backup into {} failed; the next is tried at the next turn", dir, e);
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the part file is named as such; the next backup does not read it
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes all but the newest {@code keep} backups (their names sort by time). */
    private void prune() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.filter(p -> p.getFileName().toString().startsWith(Backups.FILE_PREFIX)
                    && p.getFileName().toString().endsWith(".zip")).sorted().toList();
        }
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(old);
        }
    }
}
