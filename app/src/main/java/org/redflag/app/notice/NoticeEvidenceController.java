package org.redflag.app.notice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.evidence.EvidenceLedger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The evidence bundle of a notice, for the parties and the platform's staff (the ledger is the evidence module's). */
@RestController
@Tag(name = "Notices")
public class NoticeEvidenceController {

    private final EvidenceLedger ledger;
    private final NoticeAccess access;
    private final CurrentActor current;

    public NoticeEvidenceController(EvidenceLedger ledger, NoticeAccess access, CurrentActor current) {
        this.ledger = ledger;
        this.access = access;
        this.current = current;
    }

    @GetMapping(path = "/api/notices/{id}/evidence", produces = "application/zip")
    @Operation(summary = "The evidence bundle of a notice", description = "The notice as filed, its attachments and"
            + " every decision, with inclusion proofs to a freshly signed and time-stamped tree head, the keys,"
            + " and a bilingual PDF summary. Verify it offline with 'redflag verify'.")
    public ResponseEntity<byte[]> bundle(@PathVariable long id) {
        Actor actor = current.get();
        access.visible(actor, id);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        ledger.export(id, body);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"notice-" + id + "-evidence.zip\"")
                .contentType(MediaType.parseMediaType("application/zip")).body(body.toByteArray());
    }
}
