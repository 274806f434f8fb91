package org.redflag.liability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.redflag.law.ActionType;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.notice.Notice;
import org.redflag.source.FileProblems;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.JsonSchemaCheck;
import org.redflag.source.SourceDocument;
import org.redflag.source.Utf8Text;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads case files: JSON syntax, then {@code case.schema.json}, then what the schema cannot say: dates that parse,
 * and facts in a possible order (no notice forwarded before it arrived, no counter-notice forwarded before it was
 * received, no order served before it was issued). Every problem names the file, the line and the JSON path.
 */
public final class CaseReader {

    /** Largest case file read, in bytes. */
    public static final long MAX_CASE_BYTES = 2L << 20;
    /**
     * Most notices and platform actions in one case. Every moment of knowledge is weighed against every action, and
     * counterfactuals assess the case again dozens of times, so the work grows with their product; within these a
     * case is assessed in seconds. A case is one listing's story: a platform's whole history is not one case.
     */
    public static final int MAX_NOTICES = 1000;
    public static final int MAX_ACTIONS = 2000;

    private static final JsonSchemaCheck SCHEMA = JsonSchemaCheck.fromResource("/org/redflag/schemas/case.schema.json");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final String DATE_EXPECTED = "expected an ISO-8601 date (2024-03-01) or date-time"
            + " (2024-03-01T10:00:00+08:00)";

    private final Function<String, ZoneId> zones;

    /** Reads dates in the time zone of the shipped pack for the case's jurisdiction, or UTC for a custom one. */
    public CaseReader() {
        this(j -> PolicyPacks.builtIn().find(j).map(PolicyPack::timeZone).orElse(ZoneOffset.UTC));
    }

    public CaseReader(Function<String, ZoneId> zones) {
        this.zones = zones;
    }

    public CaseFacts read(Path file) throws InvalidInputException {
        String name = file.toString();
        try {
            String unreadable = FileProblems.inputReason(file);
            if (unreadable != null) {
                throw new InvalidInputException(new InputProblem(name, 0, "$", unreadable));
            }
            long size = Files.size(file);
            if (size > MAX_CASE_BYTES) {
                throw new InvalidInputException(new InputProblem(name, 0, "$", "file is " + size
                        + " bytes; a case file may have at most " + MAX_CASE_BYTES));
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = Utf8Text.decode(bytes);
            } catch (Utf8Text.NotUtf8 e) {
                throw new InvalidInputException(e.in(name));
            }
            return read(name, text);
        } catch (IOException e) {
            throw new InvalidInputException(new InputProblem(name, 0, "$", "cannot read: " + e.getMessage()));
        }
    }

    /** Reads a case from text; {@code name} names it in messages. */
    public CaseFacts read(String name, String text) throws InvalidInputException {
        if (text.length() > MAX_CASE_BYTES) {
            throw new InvalidInputException(new InputProblem(name, 0, "$", "a case may have at most "
                    + MAX_CASE_BYTES + " characters"));
        }
        SourceDocument doc = SourceDocument.parse(name, text, SourceDocument.Format.JSON);
        List<InputProblem> problems = SCHEMA.check(doc);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        CaseFacts facts = MAPPER.treeToValue(doc.root(), CaseFacts.class);
        problems = new Consistency(doc, facts, zones.apply(facts.jurisdiction())).check();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return facts;
    }

    /** Serialises facts back to JSON, for assessments that record the input they were made on. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class Consistency {
        private final SourceDocument doc;
        private final CaseFacts facts;
        private final ZoneId zone;
        private final List<InputProblem> problems = new ArrayList<>();

        Consistency(SourceDocument doc, CaseFacts facts, ZoneId zone) {
            this.doc = doc;
            this.facts = facts;
            this.zone = zone;
        }

        List<InputProblem> check() {
            if (facts.notices().size() > MAX_NOTICES) {
                problems.add(doc.problem("$.notices[" + MAX_NOTICES + "]", "a case may hold at most " + MAX_NOTICES
                        + " notices; this one has " + facts.notices().size() + " (assess the notices about one"
                        + " listing, or split the case)"));
                return problems;
            }
            if (facts.platformActions().size() > MAX_ACTIONS) {
                problems.add(doc.problem("$.platformActions[" + MAX_ACTIONS + "]", "a case may hold at most "
                        + MAX_ACTIONS + " platform actions; this one has " + facts.platformActions().size()
                        + " (assess the actions about one listing, or split the case)"));
                return problems;
            }
            date("$.assessedAt", facts.assessedAt());
            date("$.rightsHolderActionFiledAt", facts.rightsHolderActionFiledAt());
            date("$.platform.measures.monitoringSystemUpdatedAt", facts.platform().measures()
                    .monitoringSystemUpdatedAt());
            Optional<FactTime> firstNotice = Optional.empty();
            for (int i = 0; i < facts.notices().size(); i++) {
                Notice n = facts.notices().get(i);
                Optional<FactTime> t = date("$.notices[" + i + "].receivedAt", n.receivedAt());
                if (t.isPresent() && (firstNotice.isEmpty() || t.get().earliest().isBefore(firstNotice.get().earliest()))) {
                    firstNotice = t;
                }
            }
            for (int i = 0; i < facts.platformActions().size(); i++) {
                CaseFacts.PlatformAction a = facts.platformActions().get(i);
                String path = "$.platformActions[" + i + "].at";
                Optional<FactTime> t = date(path, a.at());
                boolean answersNotice = a.type() == ActionType.FORWARD_NOTICE || a.type() == ActionType.REJECT_NOTICE;
                if (answersNotice && t.isPresent()) {
                    if (firstNotice.isEmpty() && facts.notices().isEmpty()) {
                        problems.add(doc.problem("$.platformActions[" + i + "].type", a.type()
                                + " answers a notice, but the case has none"));
                    } else if (firstNotice.isPresent() && before(t.get(), firstNotice.get())) {
                        problems.add(doc.problem(path, a.type() + " dated " + a.at()
                                + " is before the notice it answers, received " + firstNotice.get().text()));
                    }
                }
            }
            Optional<FactTime> firstCounter = Optional.empty();
            for (int i = 0; i < facts.counterNotices().size(); i++) {
                CaseFacts.CounterNotice c = facts.counterNotices().get(i);
                Optional<FactTime> received = date("$.counterNotices[" + i + "].receivedAt", c.receivedAt());
                Optional<FactTime> forwarded = date("$.counterNotices[" + i + "].forwardedAt", c.forwardedAt());
                if (received.isPresent() && forwarded.isPresent() && before(forwarded.get(), received.get())) {
                    problems.add(doc.problem("$.counterNotices[" + i + "].forwardedAt", "forwarded " + c.forwardedAt()
                            + ", before it was received " + c.receivedAt()));
                }
                if (received.isPresent() && firstNotice.isPresent() && before(received.get(), firstNotice.get())) {
                    problems.add(doc.problem("$.counterNotices[" + i + "].receivedAt", "a counter-notice received "
                            + c.receivedAt() + " is before the notice it answers, received "
                            + firstNotice.get().text()));
                }
                if (received.isPresent() && (firstCounter.isEmpty()
                        || received.get().earliest().isBefore(firstCounter.get().earliest()))) {
                    firstCounter = received;
                }
            }
            Optional<FactTime> suit = Optional.ofNullable(facts.rightsHolderActionFiledAt())
                    .flatMap(s -> FactTime.parse(s, zone));
            if (suit.isPresent() && firstCounter.isPresent() && before(suit.get(), firstCounter.get())) {
                problems.add(doc.problem("$.rightsHolderActionFiledAt", "reported " + facts.rightsHolderActionFiledAt()
                        + ", before any counter-notice (first received " + firstCounter.get().text() + ")"));
            }
            for (int i = 0; i < facts.foreignOrders().size(); i++) {
                CaseFacts.ForeignOrder o = facts.foreignOrders().get(i);
                String at = "$.foreignOrders[" + i + "]";
                Optional<FactTime> issued = date(at + ".issuedAt", o.issuedAt());
                Optional<FactTime> served = date(at + ".servedAt", o.servedAt());
                date(at + ".implementedAt", o.implementedAt());
                if (issued.isPresent() && served.isPresent() && before(served.get(), issued.get())) {
                    problems.add(doc.problem(at + ".servedAt", "served " + o.servedAt() + ", before it was issued "
                            + o.issuedAt()));
                }
            }
            return problems;
        }

        private Optional<FactTime> date(String path, String value) {
            if (value == null) {
                return Optional.empty();
            }
            Optional<FactTime> t = FactTime.parse(value, zone);
            if (t.isEmpty()) {
                problems.add(doc.problem(path, DATE_EXPECTED + "; found \"" + value + "\""));
            }
            return t;
        }

        /** Certainly before: the whole of {@code a} lies before the whole of {@code b}. */
        private static boolean before(FactTime a, FactTime b) {
            return a.latest().isBefore(b.earliest());
        }
    }
}
