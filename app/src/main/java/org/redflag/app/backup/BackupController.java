package org.redflag.app.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.OutputStream;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.problem.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An admin downloads a backup of the server's data, streamed as it is written: from the API, or from the link on the
 * Accounts page ({@code /admin/backup}, the browser's session).
 */
@RestController
@Tag(name = "Backup")
public class BackupController {

    private final Backups backups;
    private final AuditLog audit;
    private final CurrentActor current;

    public BackupController(Backups backups, AuditLog audit, CurrentActor current) {
        this.backups = backups;
        this.audit = audit;
        this.current = current;
    }

    @GetMapping(path = {"/api/backup", "/admin/backup"}, produces = "application/zip")
    @Operation(summary = "A backup of the server's data (admins)", description = "One zip: the embedded database"
            + " (database/, copied by H2 while the server goes on), the evidence ledger (evidence/: keys, entries,"
            + " signed heads and contents, as of a moment after the database's copy) and manifest.json. On"
            + " PostgreSQL the database is left out (back it up with pg_dump) and the manifest says so. Restore with"
            + " 'redflag restore BACKUP.zip --data DIR'. The zip holds password hashes and the ledger's signing key:"
            + " keep it as the server is kept.")
    public ResponseEntity<StreamingResponseBody> backup() {
        Actor admin = current.get();
        if (admin.role() != Role.ADMIN) {
            throw ApiException.forbidden("only admins take backups");
        }
        audit.append(null, admin, "BACKUP_TAKEN", null, null, backups.includesDatabase()
                ? "database and evidence ledger" : "evidence ledger (the database is PostgreSQL's to back up)");
        String name = backups.fileName();
        StreamingResponseBody body = (OutputStream out) -> backups.write(out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType("application/zip")).body(body);
    }
}
