package org.redflag.app.reasons;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.server.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
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

    @GetMapping
    @Operation(summary = "Statements of reasons applied in [from, to), DSA Transparency Database fields")
    public List<StatementsOfReasons.Statement> export(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff export statements of reasons");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be after from");
        }
        return statements.between(from, to);
    }
}
