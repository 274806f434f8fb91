package org.redflag.law;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.JsonPath;
import org.redflag.source.JsonSchemaCheck;
import org.redflag.source.SourceDocument;
import tools.jackson.databind.JsonNode;

/**
 * Reads one pack: YAML syntax, then the pack schema, then what a schema cannot say (every reference resolves, the
 * time zone exists, the strike ladder counts 1, 2, 3...). Every problem names its line and field.
 */
final class PackReader {

    /** The pack schema, loaded on first use (a shipped pack does not need it at run time). */
    private static final class Schema {
        static final JsonSchemaCheck PACK = JsonSchemaCheck.fromResource("/org/redflag/law/packs/pack.schema.json");
    }

    private final SourceDocument doc;
    private final List<InputProblem> problems = new ArrayList<>();
    private final Set<String> provisionIds = new HashSet<>();

    /** Whether the pack is one shipped in the jar (checked by the build's tests) rather than a file a user names. */
    private final boolean shipped;

    private PackReader(SourceDocument doc, boolean shipped) {
        this.doc = doc;
        this.shipped = shipped;
    }

    static PolicyPack read(String name, String text, String source) throws InvalidInputException {
        SourceDocument doc = SourceDocument.parse(name, text, SourceDocument.Format.YAML);
        List<InputProblem> schemaProblems = Schema.PACK.check(doc);
        if (!schemaProblems.isEmpty()) {
            throw new InvalidInputException(schemaProblems);
        }
        return checked(doc, source, false);
    }

    /** A shipped pack: the build's tests hold it to the schema, so only the checks after the schema run. */
    static PolicyPack readShipped(String name, String text, String source) throws InvalidInputException {
        return checked(org.redflag.source.ShippedYaml.parse(name, text), source, true);
    }

    private static PolicyPack checked(SourceDocument doc, String source, boolean shipped)
            throws InvalidInputException {
        PackReader reader = new PackReader(doc, shipped);
        PolicyPack pack = reader.pack(source);
        if (!reader.problems.isEmpty()) {
            throw new InvalidInputException(reader.problems);
        }
        return pack;
    }

    private PolicyPack pack(String source) {
        JsonNode root = doc.root();
        Map<String, Provision> provisions = new LinkedHashMap<>();
        root.get("provisions").properties().forEach(e -> {
            JsonNode p = e.getValue();
            provisions.put(e.getKey(), new Provision(e.getKey(), p.get("instrument").asString(),
                    p.get("article").asString(), p.get("text").asString()));
        });
        provisionIds.addAll(provisions.keySet());

        String zone = root.get("timeZone").asString();
        if (!shipped) { // a shipped pack's zone is checked by the build's tests, which read it as a file is read
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(doc.problem("$.timeZone", "unknown time zone \"" + zone
                        + "\"; expected an IANA id such as Asia/Shanghai"));
            }
        }

        JsonNode duty = root.get("dutyOfCare");
        Map<PlatformService, DutyOfCareRules.ServiceDuty> services = new EnumMap<>(PlatformService.class);
        for (PlatformService s : PlatformService.values()) {
            String at = "$.dutyOfCare.services." + s.name();
            JsonNode n = duty.get("services").get(s.name());
            List<DutyOfCareRules.Exemption> exemptions = list(n.get("exemptions"), at + ".exemptions",
                    (x, p) -> new DutyOfCareRules.Exemption(
                            DutyOfCareRules.ExemptionCondition.valueOf(x.get("condition").asString()),
                            x.get("text").asString(), refs(x, p)));
            services.put(s, new DutyOfCareRules.ServiceDuty(DutyLevel.valueOf(n.get("level").asString()),
                    refs(n, at), obligations(n.get("obligations"), at + ".obligations"), exemptions));
        }
        JsonNode active = duty.get("activeIntervention");
        DutyOfCareRules dutyRules = new DutyOfCareRules(services,
                number(active.get("raisesBy"), "$.dutyOfCare.activeIntervention.raisesBy"),
                flag(active.get("losesSafeHarbour"), "$.dutyOfCare.activeIntervention.losesSafeHarbour"),
                obligations(active.get("obligations"), "$.dutyOfCare.activeIntervention.obligations"),
                refs(duty.get("offersAsOwn"), "$.dutyOfCare.offersAsOwn"),
                obligations(duty.get("safeHarbourPrerequisites"), "$.dutyOfCare.safeHarbourPrerequisites"));

        JsonNode notice = root.get("notice");
        NoticeRules noticeRules = new NoticeRules(
                list(notice.get("requiredElements"), "$.notice.requiredElements",
                        (x, p) -> new NoticeRules.RequiredElement(NoticeElement.byKey(x.get("element").asString())
                                .orElseThrow(), x.get("text").asString(), refs(x, p))),
                refs(notice.get("languageNeutral"), "$.notice.languageNeutral"),
                period(notice.get("responseDeadline"), "$.notice.responseDeadline"),
                measures(notice.get("measures"), "$.notice.measures"));

        Optional<CounterNoticeRules> counter = Optional.ofNullable(root.get("counterNotice")).map(c ->
                new CounterNoticeRules(period(c.get("waitingPeriod"), "$.counterNotice.waitingPeriod"),
                        Optional.ofNullable(c.get("restoreBy")).map(r -> period(r, "$.counterNotice.restoreBy")),
                        CounterNoticeRules.RunsFrom.valueOf(c.get("runsFrom").asString()),
                        refs(c, "$.counterNotice")));

        BusinessCalendar calendar = BusinessCalendar.WEEKENDS_ONLY;
        if (root.has("calendar")) {
            JsonNode c = root.get("calendar");
            Set<LocalDate> holidays = dates(c.get("holidays"), "$.calendar.holidays");
            Set<LocalDate> workdays = dates(c.get("workdays"), "$.calendar.workdays");
            holidays.stream().filter(workdays::contains).findFirst().ifPresent(d -> problems.add(doc.problem(
                    "$.calendar.workdays", d + " is listed both as a holiday and as a working day")));
            calendar = new BusinessCalendar(holidays, workdays, refs(c, "$.calendar"));
        }

        JsonNode flags = root.get("redFlags");
        Map<RedFlag, RedFlagRules.FlagRule> flagRules = new EnumMap<>(RedFlag.class);
        flags.get("flags").properties().forEach(e -> {
            String at = "$.redFlags.flags." + e.getKey();
            JsonNode f = e.getValue();
            flagRules.put(RedFlag.valueOf(e.getKey()), new RedFlagRules.FlagRule(
                    DutyLevel.valueOf(f.get("countsFrom").asString()), refs(f, at), f.get("text").asString(),
                    Optional.ofNullable(f.get("measures")).map(m -> measures(m, at + ".measures"))));
        });
        JsonNode terms = flags.get("counterfeitTerms");
        RedFlagRules redFlags = new RedFlagRules(refs(flags.get("generalKnowledge"), "$.redFlags.generalKnowledge"),
                measures(flags.get("measures"), "$.redFlags.measures"), flagRules,
                number(flags.get("priceRatio"), "$.redFlags.priceRatio"),
                number(flags.get("salesMultiple"), "$.redFlags.salesMultiple"),
                number(flags.get("negativeReviewMultiple"), "$.redFlags.negativeReviewMultiple"),
                number(flags.get("minCategoryListings"), "$.redFlags.minCategoryListings"),
                number(flags.get("repeatNoticeThreshold"), "$.redFlags.repeatNoticeThreshold"),
                new RedFlagRules.CounterfeitTerms(refs(terms, "$.redFlags.counterfeitTerms"),
                        strings(terms.get("alone")), strings(terms.get("withBrand")), strings(terms.get("notTerms"))),
                riskWeights(flags.get("riskWeights")));

        JsonNode err = root.get("erroneousNotice");
        ErroneousNoticeRules erroneous = new ErroneousNoticeRules(refs(err, "$.erroneousNotice"),
                number(err.get("maliciousMultiplier"), "$.erroneousNotice.maliciousMultiplier"),
                flag(err.get("reportReducesLiability"), "$.erroneousNotice.reportReducesLiability"),
                choice(err.get("absentGoodFaith"), "$.erroneousNotice.absentGoodFaith"));

        JsonNode judicial = root.get("judicialTest");
        JsonNode presumptions = root.get("presumptions");

        Optional<StrikeRules> strikes = Optional.ofNullable(root.get("strikes")).map(s -> {
            List<StrikeRules.Step> ladder = list(s.get("ladder"), "$.strikes.ladder", (x, p) -> new StrikeRules.Step(
                    x.get("strike").asInt(), StrikeRules.StrikeAction.valueOf(x.get("action").asString()),
                    Optional.ofNullable(x.get("period")).map(q -> period(q, p + ".period")), refs(x, p)));
            for (int i = 0; i < ladder.size(); i++) {
                if (ladder.get(i).strike() != i + 1) {
                    problems.add(doc.problem("$.strikes.ladder[" + i + "].strike", "expected strike " + (i + 1)
                            + " here: the ladder counts 1, 2, 3... without gaps; found " + ladder.get(i).strike()));
                }
            }
            return new StrikeRules(refs(s, "$.strikes"), period(s.get("window"), "$.strikes.window"), ladder);
        });

        return new PolicyPack(root.get("id").asString(), root.get("version").asString(), root.get("name").asString(),
                zone, provisions, dutyRules, noticeRules, counter, calendar, redFlags, erroneous,
                refs(judicial, "$.judicialTest"),
                number(judicial.get("muchLessRatio"), "$.judicialTest.muchLessRatio"),
                choice(presumptions.get("uncertainTiming"), "$.presumptions.uncertainTiming"),
                choice(presumptions.get("absentAssessedAt"), "$.presumptions.absentAssessedAt"),
                Optional.ofNullable(root.get("appealWindow")).map(a -> period(a, "$.appealWindow")),
                strikes, notifiers(root.get("notifiers")), identity(root.get("identity")), source);
    }

    private Optional<IdentityRules> identity(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        String at = "$.identity";
        return Optional.of(new IdentityRules(refs(n, at), choice(n.get("onLinkedRegistration"),
                at + ".onLinkedRegistration"), number(n.get("hubThreshold"), at + ".hubThreshold"),
                number(n.get("depositBase"), at + ".depositBase"),
                number(n.get("depositPerStrike"), at + ".depositPerStrike"),
                number(n.get("depositPerFlag"), at + ".depositPerFlag")));
    }

    private Optional<NotifierRules> notifiers(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        String at = "$.notifiers";
        return Optional.of(new NotifierRules(refs(n, at), period(n.get("window"), at + ".window"),
                number(n.get("minimumDecided"), at + ".minimumDecided"),
                number(n.get("trustedTakedownRate"), at + ".trustedTakedownRate"),
                number(n.get("trustedMaxCounterSuccess"), at + ".trustedMaxCounterSuccess"),
                number(n.get("warnBelowTakedownRate"), at + ".warnBelowTakedownRate"),
                number(n.get("suspendAfterWarnings"), at + ".suspendAfterWarnings"),
                period(n.get("suspension"), at + ".suspension"),
                number(n.get("maxListingsPerNotice"), at + ".maxListingsPerNotice")));
    }

    private Set<LocalDate> dates(JsonNode array, String path) {
        Set<LocalDate> out = new HashSet<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                out.add(LocalDate.parse(array.get(i).asString()));
            } catch (DateTimeException e) {
                problems.add(doc.problem(path + "[" + i + "]", "not a calendar date: " + array.get(i).asString()));
            }
        }
        return out;
    }

    private interface Item<T> {
        T read(JsonNode node, String path);
    }

    private <T> List<T> list(JsonNode array, String path, Item<T> item) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(item.read(array.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The node's {@code references}, each checked to name a provision of this pack. */
    private List<String> refs(JsonNode node, String path) {
        List<String> refs = strings(node.get("references"));
        for (int i = 0; i < refs.size(); i++) {
            if (!provisionIds.contains(refs.get(i))) {
                problems.add(doc.problem(JsonPath.child(path + ".references", i), "unknown provision \""
                        + refs.get(i) + "\": every reference must be an id under provisions"));
            }
        }
        return refs;
    }

    private List<Obligation> obligations(JsonNode array, String path) {
        return list(array, path, (x, p) -> new Obligation(PlatformMeasure.byKey(x.get("measure").asString())
                .orElseThrow(), x.get("text").asString(), refs(x, p)));
    }

    private List<MeasureGroup> measures(JsonNode array, String path) {
        return list(array, path, (x, p) -> {
            Set<ActionType> anyOf = new HashSet<>();
            x.get("anyOf").forEach(a -> anyOf.add(ActionType.valueOf(a.asString())));
            return new MeasureGroup(anyOf, x.get("text").asString(), refs(x, p));
        });
    }

    private TimeLimit period(JsonNode n, String path) {
        return new TimeLimit(n.get("value").asInt(), TimeLimit.Unit.valueOf(n.get("unit").asString()), refs(n, path),
                note(n));
    }

    private RiskWeights riskWeights(JsonNode w) {
        return new RiskWeights(refs(w, "$.redFlags.riskWeights"), w.has("note") ? w.get("note").asString() : null,
                w.get("COUNTERFEIT_KEYWORD_ALONE").asDouble(), w.get("COUNTERFEIT_KEYWORD_WITH_BRAND").asDouble(),
                w.get("PRICE_BELOW_GENUINE").asDouble(), w.get("SALES_ANOMALY").asDouble(),
                w.get("LINKED_TO_BANNED_SELLER").asDouble(), w.get("FOREIGN_ORDER").asDouble());
    }

    private Parameter<BigDecimal> number(JsonNode n, String path) {
        return parameter(n, path, v -> v.decimalValue());
    }

    private Parameter<Boolean> flag(JsonNode n, String path) {
        return parameter(n, path, JsonNode::asBoolean);
    }

    private Parameter<String> choice(JsonNode n, String path) {
        return parameter(n, path, JsonNode::asString);
    }

    private <T> Parameter<T> parameter(JsonNode n, String path, Function<JsonNode, T> value) {
        return new Parameter<>(value.apply(n.get("value")), n.get("unit").asString(), refs(n, path), note(n));
    }

    private static String note(JsonNode n) {
        return n.has("note") ? n.get("note").asString() : null;
    }
}
