package org.redflag.app.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.redflag.app.infrastructure.CsvCells;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail of a period, for platform staff: every change the service made or was asked to make, with actor,
 * time, before and after, notices and notifiers alike. What a platform shows a regulator or a court to prove its
 * diligence.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
public class AuditController {

    /** Most events in one answer. */
    public static final int MAX_PAGE = 1000;

    private final AuditLog audit;
    private final CurrentActor current;

    public AuditController(AuditLog audit, CurrentActor current) {
        this.audit = audit;
        this.current = current;
    }

    @GetMapping
    @Operation(summary = "Audit events in [from, to), optionally of one action", description = "In the order they"
            + " happened, a page at a time (size at most " + MAX_PAGE + "); the X-Total-Count header gives how many"
            + " there are. Events about a notifier rather than a notice (NOTIFIER_WARNED, NOTIFIER_SUSPENDED,"
            + " NOTIFIER_TRUSTED) have no noticeId.")
    public ResponseEntity<List<AuditLog.Event>> events(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + MAX_PAGE) int size) {
        AuditLog.Period period = period(from, to, action);
        if (page < 0) {
            throw ApiException.badRequest("page", "expected 0 or more; found " + page);
        }
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("size", "expected 1 to " + MAX_PAGE + "; found " + size);
        }
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(audit.count(period)))
                .body(audit.page(period, (long) page * size, size));
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    @Operation(summary = "Every audit event in [from, to) as CSV, streamed", description = "Columns: id, at,"
            + " notice, actor, actor_role, action, before, after, detail.")
    public ResponseEntity<StreamingResponseBody> csv(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String action) {
        return csvOf(audit, period(from, to, action), "audit-" + from + "-" + to + ".csv");
    }

    private AuditLog.Period period(Instant from, Instant to, String action) {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff read the audit trail");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be after from");
        }
        if (action != null && !action.matches("[A-Z_]{1,40}")) {
            throw ApiException.badRequest("action", "expected an action's name, such as REMOVE_LISTING or"
                    + " DEADLINE_BREACHED");
        }
        return new AuditLog.Period(from, to, action);
    }

    /**
     * The period's events as a CSV download, read from the database a thousand at a time while it is written: a
     * year of a busy platform does not have to fit in memory.
     */
    public static ResponseEntity<StreamingResponseBody> csvOf(AuditLog audit, AuditLog.Period period,
                                                              String fileName) {
        StreamingResponseBody body = (OutputStream out) -> write(audit, period, out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName.replace(':', '-')
                        + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    static void write(AuditLog audit, AuditLog.Period period, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("id", "at", "notice", "actor",
                "actor_role", "action", "before", "after", "detail").get());
        long after = 0;
        for (List<AuditLog.Event> chunk; !(chunk = audit.after(period, after, MAX_PAGE)).isEmpty(); ) {
            for (AuditLog.Event e : chunk) {
                p.printRecord(e.id(), e.at(), e.noticeId(), CsvCells.text(e.actor()), e.actorRole(), e.action(),
                        e.before(), e.after(), CsvCells.text(e.detail()));
                after = e.id();
            }
            p.flush();
        }
        p.flush();
    }
}
