package org.redflag.app.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.evidence.EvidenceLedger;
import org.redflag.app.notice.NoticeAccess;
import org.redflag.app.notice.NoticeActions;
import org.redflag.app.notice.NoticeIntake;
import org.redflag.app.notice.NoticeQueries;
import org.redflag.app.notice.NoticeRecord;
import org.redflag.app.notice.NoticeRequests;
import org.redflag.app.notice.NoticeView;
import org.redflag.app.notice.NoticeViews;
import org.redflag.app.reasons.StatementsOfReasons;
import org.redflag.app.problem.ApiException;
import org.redflag.notice.IllegalTransitionException;
import org.redflag.notice.NoticeCommand;
import org.redflag.notice.NoticeStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages for notices: the queue, one notice with what the viewer may do, filing, and the forms behind them. */
@Controller
public class NoticePages {

    private final CurrentActor current;
    private final NoticeQueries queries;
    private final NoticeViews views;
    private final NoticeAccess access;
    private final NoticeActions actions;
    private final NoticeIntake intake;
    private final AuditLog audit;
    private final StatementsOfReasons statements;
    private final EvidenceLedger evidence;
    private final Dashboard dashboard;
    private final Clock clock;
    private final org.redflag.app.liability.LiveAssessmentController liability;
    private final jakarta.validation.Validator validator;

    public NoticePages(CurrentActor current, NoticeQueries queries, NoticeViews views, NoticeAccess access,
                       NoticeActions actions, NoticeIntake intake, AuditLog audit, StatementsOfReasons statements,
                       EvidenceLedger evidence, Dashboard dashboard, Clock clock,
                       org.redflag.app.liability.LiveAssessmentController liability,
                       jakarta.validation.Validator validator) {
        this.liability = liability;
        this.validator = validator;
        this.current = current;
        this.queries = queries;
        this.views = views;
        this.access = access;
        this.actions = actions;
        this.intake = intake;
        this.audit = audit;
        this.statements = statements;
        this.evidence = evidence;
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }

    @GetMapping("/")
    public String home() {
        return current.get().platformStaff() ? "redirect:/dashboard" : "redirect:/notices";
    }

    @GetMapping("/dashboard")
    public String dashboard(Model model) {
        staff();
        model.addAttribute("figures", dashboard.figures());
        model.addAttribute("actor", current.get());
        return "dashboard";
    }

    /** Notices on one page of the queue. */
    static final int QUEUE_PAGE = 50;

    @GetMapping("/notices")
    public String queue(@RequestParam(required = false) NoticeStatus status,
                        @RequestParam(required = false) NoticeRequests.ReasonCode reasonCode,
                        @RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = current.get();
        var result = queries.list(actor, status, reasonCode, Math.max(0, Math.min(page, 100_000)), QUEUE_PAGE);
        if (result.items().isEmpty() && result.total() > 0) { // past the last page: the last
            result = queries.list(actor, status, reasonCode, (int) ((result.total() - 1) / QUEUE_PAGE), QUEUE_PAGE);
        }
        model.addAttribute("page", result);
        model.addAttribute("status", status);
        model.addAttribute("reasonCode", reasonCode);
        model.addAttribute("statuses", NoticeStatus.values());
        model.addAttribute("now", clock.instant());
        model.addAttribute("actor", actor);
        return "queue";
    }

    @GetMapping("/notices/{id}")
    public String notice(@PathVariable long id, Model model) {
        Actor actor = current.get();
        NoticeRecord n = access.visible(actor, id);
        NoticeView view = views.view(actor, n, true);
        model.addAttribute("n", view);
        model.addAttribute("actor", actor);
        model.addAttribute("platformActions", view.allowedActions().stream()
                .filter(a -> NoticeCommand.valueOf(a).by() == NoticeCommand.Party.PLATFORM).toList());
        model.addAttribute("statements", statements.forNotice(id));
        model.addAttribute("assessment", liability.assessment(actor, id));
        model.addAttribute("now", clock.instant());
        return "notice";
    }

    @PostMapping("/notices/{id}/act")
    public String act(@PathVariable long id, @RequestParam NoticeCommand action,
                      @RequestParam(required = false) String reasons, RedirectAttributes flash) {
        var request = new NoticeRequests.Action(action, blankToNull(reasons));
        return attempt(id, flash, request, () -> actions.act(current.get(), id, request));
    }

    @PostMapping("/notices/{id}/counter-notice")
    public String counter(@PathVariable long id, @RequestParam String statement, @RequestParam String contact,
                          RedirectAttributes flash) {
        if (statement.isBlank() || contact.isBlank()) {
            flash.addFlashAttribute("error", "counterNotice.required");
            return "redirect:/notices/" + id;
        }
        var request = new NoticeRequests.CounterNotice(statement, contact);
        return attempt(id, flash, request, () -> actions.counterNotice(current.get(), id, request));
    }

    @PostMapping("/notices/{id}/appeal")
    public String appeal(@PathVariable long id, @RequestParam String grounds, RedirectAttributes flash) {
        if (grounds.isBlank()) {
            flash.addFlashAttribute("error", "appeal.required");
            return "redirect:/notices/" + id;
        }
        var request = new NoticeRequests.Appeal(grounds);
        return attempt(id, flash, request, () -> actions.appeal(current.get(), id, request));
    }

    @PostMapping("/notices/{id}/suit")
    public String suit(@PathVariable long id, @RequestParam String court, @RequestParam String caseReference,
                       RedirectAttributes flash) {
        if (court.isBlank() || caseReference.isBlank()) {
            flash.addFlashAttribute("error", "suit.required");
            return "redirect:/notices/" + id;
        }
        var request = new NoticeRequests.Suit(court, caseReference);
        return attempt(id, flash, request, () -> actions.suit(current.get(), id, request));
    }

    /**
     * Checks a form's request as the API checks the same body (the limits of {@link NoticeRequests}), then acts;
     * what is refused comes back to the notice's page as its problem.
     */
    private String attempt(long id, RedirectAttributes flash, Object request, Runnable action) {
        var refused = Refusals.of(validator, request);
        if (!refused.isEmpty()) {
            flash.addFlashAttribute("problem", String.join("; ", refused.values()));
            return "redirect:/notices/" + id;
        }
        try {
            action.run();
            flash.addFlashAttribute("done", true);
        } catch (IllegalTransitionException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/notices/" + id;
    }

    @GetMapping("/notices/{id}/evidence.zip")
    public ResponseEntity<byte[]> bundle(@PathVariable long id) {
        access.visible(current.get(), id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        evidence.export(id, out);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"notice-" + id + "-evidence.zip\"")
                .contentType(MediaType.parseMediaType("application/zip")).body(out.toByteArray());
    }

    /** The filing form's fields, kept to show them again beside their errors. */
    public record NoticeForm(String listings, String rightType, String rightReference, String reasonCode,
                             String language, String text, Boolean rightsHolderIdentity, Boolean proofOfRights,
                             Boolean listingLocation, Boolean infringementEvidence, Boolean goodFaithStatement) {
        /** Unticked checkboxes are absent from the request. */
        NoticeRequests.Elements elements() {
            return new NoticeRequests.Elements(Boolean.TRUE.equals(rightsHolderIdentity), Boolean.TRUE.equals(proofOfRights),
                    Boolean.TRUE.equals(listingLocation), Boolean.TRUE.equals(infringementEvidence),
                    Boolean.TRUE.equals(goodFaithStatement));
        }

        static NoticeForm empty() {
            return new NoticeForm("", "TRADEMARK", "", "COUNTERFEIT", "", "", true, true, true, true, true);
        }
    }

    @GetMapping("/notices/new")
    public String newNotice(Model model) {
        rightHolder();
        model.addAttribute("form", NoticeForm.empty());
        model.addAttribute("errors", Map.of());
        return "file";
    }

    /** Files a notice from the form; each error is shown beside its field, and nothing is stored on error. */
    @PostMapping(path = "/notices/new", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String fileNotice(NoticeForm form, @RequestParam(name = "attachment", required = false) MultipartFile file,
                             Model model) {
        Actor actor = rightHolder();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        List<String> listings = new ArrayList<>();
        for (String s : (form.listings() == null ? "" : form.listings()).split("[\\s,]+")) {
            if (!s.isBlank()) {
                listings.add(s.trim());
            }
        }
        if (listings.isEmpty()) {
            errors.put("listings", "file.listings.required");
        }
        if (form.rightReference() == null || form.rightReference().isBlank()) {
            errors.put("rightReference", "file.right.required");
        }
        List<NoticeRequests.Attachment> attachments = null;
        if (file != null && !file.isEmpty()) {
            String type = file.getContentType() == null ? "" : file.getContentType();
            if (!List.of("image/png", "image/jpeg", "application/pdf", "text/html", "text/plain").contains(type)) {
                errors.put("attachment", "file.attachment.type");
            } else if (file.getSize() > 512 * 1024) {
                errors.put("attachment", "file.attachment.size");
            } else {
                try {
                    attachments = List.of(new NoticeRequests.Attachment(file.getOriginalFilename() == null ? "evidence"
                            : file.getOriginalFilename().replaceAll("[/\\\\]", "_"), type,
                            Base64.getEncoder().encodeToString(file.getBytes())));
                } catch (IOException e) {
                    errors.put("attachment", "file.attachment.unreadable");
                }
            }
        }
        NoticeRequests.RightType rightType = enumOr(NoticeRequests.RightType.class, form.rightType(), errors, "rightType");
        NoticeRequests.ReasonCode reason = enumOr(NoticeRequests.ReasonCode.class, form.reasonCode(), errors,
                "reasonCode");
        String language = form.language() == null || form.language().isBlank() ? null : form.language().trim();
        if (language != null && !language.matches(NoticeRequests.LANGUAGE)) {
            errors.put("language", "file.language.invalid");
        }
        Map<String, String> problemText = new java.util.LinkedHashMap<>();
        NoticeRequests.FileNotice request = errors.isEmpty() ? new NoticeRequests.FileNotice(null,
                new NoticeRequests.Right(rightType, form.rightReference().trim()), listings, reason, language,
                blankToNull(form.text()), form.elements(), attachments) : null;
        if (request != null) {
            // the form's fields under the API's limits, each refusal beside its field
            Refusals.of(validator, request).forEach((path, message) -> {
                errors.putIfAbsent(formField(path), "file.rejected");
                problemText.putIfAbsent(formField(path), message);
            });
        }
        if (errors.isEmpty()) {
            try {
                var filed = intake.file(actor, request, Optional.empty());
                return "redirect:/notices/" + filed.notice().id();
            } catch (ApiException e) {
                String field = formField(e.field());
                problemText.put(field, e.getMessage());
                errors.put(field, "file.rejected");
            }
        }
        model.addAttribute("problemText", problemText);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "file";
    }

    /** The filing form's field that shows a refusal of a request field ("right.reference", "listings[2]"). */
    private static String formField(String path) {
        if (path == null) {
            return "form";
        }
        return path.startsWith("right.") ? "rightReference" : path.startsWith("listings") ? "listings"
                : path.startsWith("evidence") ? "attachment" : path.equals("text") ? "text"
                : path.equals("language") ? "language" : "form";
    }

    @PostMapping(path = "/notices/bulk", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String bulk(NoticeForm form, @RequestParam("file") MultipartFile file, Model model) {
        Actor actor = rightHolder();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        try {
            var filed = intake.bulk(actor, new NoticeRequests.BulkNotice(null, new NoticeRequests.Right(
                    enumOr(NoticeRequests.RightType.class, form.rightType(), errors, "rightType"),
                    form.rightReference() == null || form.rightReference().isBlank() ? "unstated"
                            : form.rightReference()), enumOr(NoticeRequests.ReasonCode.class, form.reasonCode(),
                    errors, "reasonCode"), null, blankToNull(form.text()), new NoticeRequests.Elements(true, true,
                    true, true, true)), file);
            return "redirect:/notices?filed=" + filed.size();
        } catch (ApiException e) {
            model.addAttribute("problemText", Map.of("file", e.getMessage()));
            errors.put("file", "file.rejected");
        }
        model.addAttribute("form", NoticeForm.empty());
        model.addAttribute("errors", errors);
        return "file";
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String value, Map<String, String> errors, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.put(field, "file.choice.invalid");
            return type.getEnumConstants()[0];
        }
    }

    private Actor rightHolder() {
        Actor a = current.get();
        if (a.role() != Role.RIGHTS_HOLDER) {
            throw ApiException.forbidden("only right holders file notices");
        }
        return a;
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff see the dashboard");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
