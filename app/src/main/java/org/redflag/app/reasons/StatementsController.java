package org.redflag.app.reasons;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Export of statements of reasons for a period, for platform staff. */
@RestController
@RequestMapping("/api/statements-of-reasons")
@Tag(name = "Statements of reasons")
public class StatementsController {

    private final StatementsOfReasons statements;
    private final CurrentActor current;

    public StatementsController(StatementsOfReasons statements, CurrentActor current) {
        this.statements = statements;
        this.current = current;
    }

    /** Most statements in one answer. */
    public static final int MAX_PAGE = 1000;

    @GetMapping
    @Operation(summary = "Statements of reasons applied in [from, to), DSA Transparency Database fields",
            description = "In the order they were made, a page at a time (size at most " + MAX_PAGE + "); the"
                    + " X-Total-Count header gives how many there are in the period.")
    public ResponseEntity<List<StatementsOfReasons.Statement>> export(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + MAX_PAGE) int size) {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff export statements of reasons");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be after from");
        }
        if (page < 0) {
            throw ApiException.badRequest("page", "expected 0 or more; found " + page);
        }
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("size", "expected 1 to " + MAX_PAGE + "; found " + size);
        }
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(statements.count(from, to)))
                .body(statements.between(from, to, (long) page * size, size));
    }
}
