package org.redflag.app.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.redflag.app.infrastructure.CsvCells;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.reasons.StatementsOfReasons;
import org.redflag.app.problem.ApiException;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.liability.Assessment;
import org.redflag.liability.Assessor;
import org.redflag.liability.CaseFacts;
import org.redflag.liability.CaseReader;
import org.redflag.source.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/** The assessment workbench, the transparency report and exports, the policy packs. */
@Controller
public class ToolPages {

    private final CurrentActor current;
    private final StatementsOfReasons statements;
    private final JdbcClient jdbc;
    private final org.redflag.app.audit.AuditLog audit;

    public ToolPages(CurrentActor current, StatementsOfReasons statements, JdbcClient jdbc,
                     org.redflag.app.audit.AuditLog audit) {
        this.audit = audit;
        this.current = current;
        this.statements = statements;
        this.jdbc = jdbc;
    }

    public record Column(String pack, Assessment assessment) {
    }

    @GetMapping("/workbench")
    public String workbench(Model model) {
        current.get();
        model.addAttribute("text", "");
        return "workbench";
    }

    /** Assesses case facts (pasted or uploaded) under CN, EU and US, side by side. */
    @PostMapping(path = "/workbench", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String assess(@RequestParam(required = false) String text,
                         @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        current.get();
        String json = text;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > CaseReader.MAX_CASE_BYTES) {
                model.addAttribute("problems", List.of("file: larger than " + CaseReader.MAX_CASE_BYTES + " bytes"));
                model.addAttribute("text", "");
                return "workbench";
            }
            try {
                json = org.redflag.source.Utf8Text.decode(file.getBytes());
            } catch (org.redflag.source.Utf8Text.NotUtf8 e) {
                model.addAttribute("problems", List.of("file: " + e.getMessage()));
                model.addAttribute("text", "");
                return "workbench";
            }
        }
        model.addAttribute("text", json == null ? "" : json);
        if (json == null || json.isBlank()) {
            model.addAttribute("problems", List.of("text: paste case facts (case.schema.json) or choose a file"));
            return "workbench";
        }
        try {
            CaseFacts facts = new CaseReader().read("case", json);
            List<Column> columns = new ArrayList<>();
            for (PolicyPack p : PolicyPacks.builtIn().all()) {
                columns.add(new Column(p.label(), new Assessor().assess(facts.withJurisdiction(p.id()), p)));
            }
            model.addAttribute("facts", facts);
            model.addAttribute("columns", columns);
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.problems().stream().map(Object::toString).toList());
        }
        return "workbench";
    }

    /** The workbench's form: the facts most cases turn on, without writing JSON. */
    /** Checkboxes left unticked are absent from the request: null here, read as false. */
    public record FactsForm(String jurisdiction, List<String> services, Boolean algorithmicRecommendation,
                            Boolean editorialPromotion, Boolean presentsOffersAsOwn, String title, Boolean branded,
                            String price, String genuinePrice, Boolean linkedToBannedAccounts, String noticeReceivedAt,
                            String noticeLanguage, Boolean noticeComplete, String removedAt, String forwardedAt) {
        static boolean on(Boolean b) {
            return Boolean.TRUE.equals(b);
        }
    }

    @PostMapping("/workbench/form")
    public String assessForm(FactsForm form, Model model) {
        current.get();
        var json = JsonMapper.shared().createObjectNode();
        json.put("id", "workbench");
        json.put("jurisdiction", form.jurisdiction() == null || form.jurisdiction().isBlank() ? "CN" : form.jurisdiction());
        var platform = json.putObject("platform");
        var services = platform.putArray("services");
        (form.services() == null || form.services().isEmpty() ? List.of("INFORMATION_INTERMEDIARY") : form.services())
                .forEach(services::add);
        platform.put("algorithmicRecommendation", FactsForm.on(form.algorithmicRecommendation()));
        platform.put("editorialPromotion", FactsForm.on(form.editorialPromotion()));
        platform.put("presentsOffersAsOwn", FactsForm.on(form.presentsOffersAsOwn()));
        var listing = json.putObject("listing");
        if (form.title() != null && !form.title().isBlank()) {
            listing.put("title", form.title());
        }
        listing.put("branded", FactsForm.on(form.branded()));
        List<String> problems = new ArrayList<>();
        number(form.price(), "price", problems).ifPresent(v -> listing.put("price", v));
        number(form.genuinePrice(), "genuinePrice", problems).ifPresent(v -> listing.put("genuinePrice", v));
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            model.addAttribute("text", "");
            return "workbench";
        }
        json.putObject("seller").put("linkedToBannedAccounts", FactsForm.on(form.linkedToBannedAccounts()));
        if (form.noticeReceivedAt() != null && !form.noticeReceivedAt().isBlank()) {
            var n = json.putArray("notices").addObject();
            n.put("receivedAt", form.noticeReceivedAt());
            if (form.noticeLanguage() != null && !form.noticeLanguage().isBlank()) {
                n.put("language", form.noticeLanguage());
            }
            var e = n.putObject("elements");
            for (String el : List.of("rightsHolderIdentity", "proofOfRights", "listingLocation", "infringementEvidence",
                    "goodFaithStatement")) {
                e.put(el, FactsForm.on(form.noticeComplete()));
            }
        }
        var actions = json.putArray("platformActions");
        if (form.removedAt() != null && !form.removedAt().isBlank()) {
            actions.addObject().put("type", "REMOVE_LISTING").put("at", form.removedAt());
        }
        if (form.forwardedAt() != null && !form.forwardedAt().isBlank()) {
            actions.addObject().put("type", "FORWARD_NOTICE").put("at", form.forwardedAt());
        }
        try {
            return assess(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json), null, model);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.Optional<Double> number(String text, String field, List<String> problems) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                problems.add(field + ": expected a number of 0 or more; found " + text);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(v);
        } catch (NumberFormatException e) {
            problems.add(field + ": expected a number; found \"" + text + "\"");
            return java.util.Optional.empty();
        }
    }

    @GetMapping("/transparency")
    public String transparency(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               Model model) {
        staff();
        LocalDate t = to == null ? LocalDate.now(ZoneOffset.UTC).plusDays(1) : to;
        LocalDate f = from == null ? t.minusYears(1) : from;
        if (!f.isBefore(t)) {
            throw ApiException.badRequest("to", "to must be after from");
        }
        Instant a = f.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant b = t.atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("noticesReceived", count("SELECT COUNT(*) FROM notices WHERE received_at >= :a AND received_at < :b", a, b));
        figures.put("noticesActedOn", count("SELECT COUNT(*) FROM notices WHERE decided_at >= :a AND decided_at < :b"
                + " AND status <> 'REJECTED'", a, b));
        figures.put("noticesRejected", count("SELECT COUNT(*) FROM notices WHERE decided_at >= :a AND decided_at < :b"
                + " AND status = 'REJECTED'", a, b));
        figures.put("trustedFlaggerNotices", count("SELECT COUNT(*) FROM notices WHERE received_at >= :a"
                + " AND received_at < :b AND priority > 0", a, b));
        figures.put("counterNotices", count("SELECT COUNT(*) FROM notices WHERE counter_received_at >= :a"
                + " AND counter_received_at < :b", a, b));
        figures.put("appeals", count("SELECT COUNT(*) FROM audit_events WHERE action = 'APPEAL' AND at >= :a"
                + " AND at < :b", a, b));
        figures.put("restorations", count("SELECT COUNT(*) FROM audit_events WHERE action IN ('RESTORE', 'REVERSE')"
                + " AND after_status = 'RESTORED' AND at >= :a AND at < :b", a, b));
        long statementCount = statements.count(a, b);
        figures.put("statementsOfReasons", statementCount);
        model.addAttribute("figures", figures);
        model.addAttribute("from", f);
        model.addAttribute("to", t);
        model.addAttribute("batches", (int) Math.min(Integer.MAX_VALUE, (statementCount + 99) / 100));
        return "transparency";
    }

    private long count(String sql, Instant a, Instant b) {
        return jdbc.sql(sql).param("a", a.atOffset(ZoneOffset.UTC)).param("b", b.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }

    /** Statements of reasons in the DSA Transparency Database submission format, in batches of at most 100. */
    @GetMapping(path = "/transparency/statements.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> statementsJson(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                 @RequestParam(defaultValue = "0") int batch) {
        staff();
        List<Map<String, Object>> out = new ArrayList<>();
        for (var s : statements.between(from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.atStartOfDay().toInstant(ZoneOffset.UTC), Math.max(0, batch) * 100L, 100)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decision_visibility", List.of(s.decisionVisibility()));
            if (s.decisionAccount() != null) {
                m.put("decision_account", s.decisionAccount());
            }
            m.put("decision_ground", s.decisionGround());
            m.put("category", s.category());
            m.put("category_specification", List.of(s.categorySpecification()));
            m.put("decision_facts", s.decisionFacts());
            m.put("source_type", s.sourceType());
            m.put("automated_detection", s.automatedDetection());
            m.put("automated_decision", s.automatedDecision());
            m.put("content_type", List.of(s.contentType()));
            m.put("application_date", s.applicationDate().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            m.put("puid", s.puid());
            out.add(m);
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statements-"
                + from + "-" + to + "-" + batch + ".json\"").body(JsonMapper.shared().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("statements", out)));
    }

    /** Every statement of the period as CSV, read a thousand at a time while it is written. */
    @GetMapping(path = "/transparency/statements.csv", produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> statementsCsv(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        staff();
        Instant a = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant b = to.atStartOfDay().toInstant(ZoneOffset.UTC);
        StreamingResponseBody body = out -> {
            var w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("puid", "notice",
                    "application_date", "decision_visibility", "decision_ground", "category",
                    "category_specification", "source_type", "decision_facts").get());
            for (long offset = 0; ; offset += 1000) {
                var chunk = statements.between(a, b, offset, 1000);
                for (var s : chunk) {
                    p.printRecord(s.puid(), s.noticeId(), s.applicationDate(), s.decisionVisibility(),
                            s.decisionGround(), s.category(), s.categorySpecification(), s.sourceType(),
                            CsvCells.text(s.decisionFacts()));
                }
                p.flush();
                if (chunk.size() < 1000) {
                    break;
                }
            }
        };
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statements-"
                + from + "-" + to + ".csv\"").contentType(new MediaType("text", "csv",
                java.nio.charset.StandardCharsets.UTF_8)).body(body);
    }

    /** The audit trail of the period as CSV: every change, with actor, time, before and after. */
    @GetMapping(path = "/transparency/audit.csv", produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> auditCsv(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        staff();
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be after from");
        }
        return org.redflag.app.audit.AuditController.csvOf(audit, new org.redflag.app.audit.AuditLog.Period(
                from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC), null),
                "audit-" + from + "-" + to + ".csv");
    }

    @GetMapping("/policies")
    public String policies(@RequestParam(defaultValue = "CN") String id, Model model) {
        current.get();
        PolicyPack p = PolicyPacks.builtIn().find(id).orElseThrow(() -> ApiException.notFound("policy pack " + id));
        model.addAttribute("packs", PolicyPacks.builtIn().all());
        model.addAttribute("pack", p);
        model.addAttribute("text", org.redflag.app.law.PoliciesCommand.render(p));
        return "policies";
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff see this page");
        }
    }
}
