package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;
import static org.redflag.liability.TraceNode.Outcome.SKIPPED;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.redflag.law.DutyLevel;
import org.redflag.law.RedFlag;
import org.redflag.law.RedFlagRules;
import org.redflag.notice.Notice;
import org.redflag.notice.Qualification;

/**
 * Knowledge in tiers (source paper §3.1; ECL Arts. 42 and 45; Civil Code Arts. 1195 and 1197).
 * Rule {@code knowledge.notice}: a qualified notice gives actual knowledge from its receipt, whatever its language.
 * Rules {@code knowledge.red-flag.*}: each red flag the case shows gives constructive knowledge if the pack counts it
 * at the platform's duty level. Rule {@code knowledge.general-only}: knowing in general that counterfeits are sold
 * is no knowledge. Not formalised: the weight of several weak signals together; each flag stands or falls alone.
 */
final class KnowledgeRules {

    record Result(Knowledge tier, List<KnowledgeEvent> events, List<Assessment.FlagFinding> flags,
                  boolean anyFlagRaised, TraceNode trace) {
    }

    private final Context ctx;
    private final DutyLevel duty;
    private final RedFlagRules rules;
    private final List<TraceNode> children = new ArrayList<>();
    private final List<KnowledgeEvent> events = new ArrayList<>();
    private final List<Assessment.FlagFinding> flags = new ArrayList<>();
    private boolean anyFlagRaised;

    private KnowledgeRules(Context ctx, DutyLevel duty) {
        this.ctx = ctx;
        this.duty = duty;
        this.rules = ctx.pack.redFlags();
    }

    static Result apply(Context ctx, DutyLevel duty) {
        KnowledgeRules k = new KnowledgeRules(ctx, duty);
        k.notices();
        k.counterfeitKeyword();
        k.priceBelowGenuine();
        k.salesAnomaly();
        k.linkedToBannedSeller();
        k.foreignOrders();
        k.repeatedNotices();
        k.promotedWithoutReview();
        k.generalKnowledge();
        return k.result();
    }

    private void notices() {
        var noticeRules = ctx.pack.notice();
        List<Notice> notices = ctx.facts.notices();
        for (int i = 0; i < notices.size(); i++) {
            Notice n = notices.get(i);
            String label = n.label(i);
            List<String> facts = new ArrayList<>();
            facts.add(label + " received " + (n.receivedAt() == null ? "(date unknown)" : n.receivedAt()));
            if (!ctx.happened(n.receivedAt())) {
                children.add(TraceNode.leaf("knowledge.notice", TraceNode.Step.NOTICE, SKIPPED,
                        label + " arrived after the moment of judgment and is not considered", facts,
                        noticeRules.requiredElements().get(0).references()));
                continue;
            }
            Qualification q = Qualification.of(n, noticeRules);
            List<TraceNode> sub = new ArrayList<>();
            String lang = n.language() == null ? "unstated" : n.language();
            sub.add(TraceNode.leaf("notice.language-neutral", TraceNode.Step.NOTICE, APPLIED,
                    "the notice's language (" + lang + ") is not a deficiency"
                            + (q.ignoredDeficiencies().isEmpty() ? ""
                            : "; set aside: " + String.join("; ", q.ignoredDeficiencies())),
                    List.of(label + ".language = " + lang), noticeRules.languageNeutralReferences()));
            List<String> elementRefs = new ArrayList<>();
            noticeRules.requiredElements().forEach(r -> r.references().forEach(ref -> {
                if (!elementRefs.contains(ref)) {
                    elementRefs.add(ref);
                }
            }));
            if (q.byCourtFinding()) {
                facts.add(label + ".qualified = " + n.qualified() + " (a court's finding)");
            } else {
                noticeRules.requiredElements().forEach(r -> facts.add(label + ".elements." + r.element().key() + " = "
                        + (n.elements() != null && n.elements().has(r.element()))));
            }
            q.otherDeficiencies().forEach(d -> facts.add("deficiency noted, not a required element: " + d));
            if (q.qualified()) {
                Optional<FactTime> since = ctx.time(n.receivedAt());
                events.add(new KnowledgeEvent(Knowledge.ACTUAL, Optional.empty(), label, since,
                        noticeRules.measures(), elementRefs, Optional.empty()));
                children.add(new TraceNode("knowledge.notice", TraceNode.Step.NOTICE, APPLIED,
                        label + " is qualified: the platform has actual knowledge from "
                                + since.map(ctx::show).orElse("its receipt (date unknown)"),
                        facts, elementRefs, sub));
            } else {
                children.add(new TraceNode("knowledge.notice", TraceNode.Step.NOTICE, NOT_APPLIED,
                        label + " is not qualified" + (q.byCourtFinding() ? " (a court's finding)"
                                : ": it lacks " + q.missingWords()) + "; it gives no actual knowledge",
                        facts, elementRefs, sub));
            }
        }
        if (notices.isEmpty()) {
            children.add(TraceNode.leaf("knowledge.notice", TraceNode.Step.NOTICE, NOT_APPLIED,
                    "no notice was received", List.of("notices: none"), noticeRules.languageNeutralReferences()));
        }
    }

    private void counterfeitKeyword() {
        CaseFacts.Listing l = ctx.facts.listing();
        StringBuilder text = new StringBuilder();
        if (l.title() != null) {
            text.append(l.title()).append('\n');
        }
        if (l.description() != null) {
            text.append(l.description()).append('\n');
        }
        l.keywords().forEach(k -> text.append(k).append('\n'));
        List<String> found = new KeywordMatcher(rules.counterfeitTerms()).find(text.toString(), l.branded());
        List<String> facts = List.of("listing text: " + abbreviate(text.toString().replace('\n', ' ').trim()),
                "listing.branded = " + l.branded());
        if (found.isEmpty()) {
            notRaised(RedFlag.COUNTERFEIT_KEYWORD, "no counterfeit term in the listing's text", facts);
        } else {
            raised(RedFlag.COUNTERFEIT_KEYWORD, "the listing uses counterfeit terms: " + String.join(", ", found),
                    facts, Optional.empty(), Optional.empty());
        }
    }

    private void priceBelowGenuine() {
        CaseFacts.Listing l = ctx.facts.listing();
        BigDecimal ratio = rules.priceRatio().value();
        if (!l.branded() || l.price() == null || l.genuinePrice() == null) {
            notRaised(RedFlag.PRICE_BELOW_GENUINE, !l.branded() ? "unbranded goods: the price test does not apply"
                    : "price or genuine price unknown", List.of("listing.branded = " + l.branded(),
                    "listing.price = " + l.price(), "listing.genuinePrice = " + l.genuinePrice()));
            return;
        }
        BigDecimal price = BigDecimal.valueOf(l.price());
        BigDecimal limit = ratio.multiply(BigDecimal.valueOf(l.genuinePrice()));
        String share = price.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(l.genuinePrice()), 1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        List<String> facts = List.of("listing.price = " + l.price(), "listing.genuinePrice = " + l.genuinePrice(),
                "priceRatio = " + ratio.toPlainString());
        if (price.compareTo(limit) < 0) {
            raised(RedFlag.PRICE_BELOW_GENUINE, "priced at " + share + " % of the genuine price, under "
                    + percent(ratio) + " %", facts, Optional.empty(), Optional.empty());
        } else {
            notRaised(RedFlag.PRICE_BELOW_GENUINE, "priced at " + share + " % of the genuine price, not under "
                    + percent(ratio) + " %", facts);
        }
    }

    private void salesAnomaly() {
        CaseFacts.Listing l = ctx.facts.listing();
        BigDecimal salesX = rules.salesMultiple().value();
        BigDecimal negX = rules.negativeReviewMultiple().value();
        List<String> facts = List.of("listing.unitsSold = " + l.unitsSold(),
                "listing.categoryAverageUnitsSold = " + l.categoryAverageUnitsSold(),
                "listing.negativeReviewRatio = " + l.negativeReviewRatio(),
                "listing.categoryNegativeReviewRatio = " + l.categoryNegativeReviewRatio());
        if (l.unitsSold() == null || l.categoryAverageUnitsSold() == null || l.negativeReviewRatio() == null
                || l.categoryNegativeReviewRatio() == null) {
            notRaised(RedFlag.SALES_ANOMALY, "sales or review figures, or their category averages, unknown", facts);
            return;
        }
        boolean sales = BigDecimal.valueOf(l.unitsSold())
                .compareTo(salesX.multiply(BigDecimal.valueOf(l.categoryAverageUnitsSold()))) > 0;
        boolean reviews = BigDecimal.valueOf(l.negativeReviewRatio())
                .compareTo(negX.multiply(BigDecimal.valueOf(l.categoryNegativeReviewRatio()))) > 0;
        String detail = "sales " + times(l.unitsSold(), l.categoryAverageUnitsSold()) + " the category average (over "
                + salesX.stripTrailingZeros().toPlainString() + "× needed), negative reviews "
                + times(l.negativeReviewRatio(), l.categoryNegativeReviewRatio()) + " the category's share (over "
                + negX.stripTrailingZeros().toPlainString() + "× needed)";
        if (sales && reviews) {
            raised(RedFlag.SALES_ANOMALY, detail, facts, Optional.empty(), Optional.empty());
        } else {
            notRaised(RedFlag.SALES_ANOMALY, detail, facts);
        }
    }

    private void linkedToBannedSeller() {
        boolean linked = ctx.facts.seller().linkedToBannedAccounts();
        List<String> facts = List.of("seller.linkedToBannedAccounts = " + linked);
        if (linked) {
            raised(RedFlag.LINKED_TO_BANNED_SELLER, "the seller's registration data links it to an account banned"
                    + " for infringement", facts, Optional.empty(), Optional.empty());
        } else {
            notRaised(RedFlag.LINKED_TO_BANNED_SELLER, "no link to a banned account", facts);
        }
    }

    /** An order counts from service on the platform; one never served cannot be presumed known. */
    private void foreignOrders() {
        List<CaseFacts.ForeignOrder> served = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (CaseFacts.ForeignOrder o : ctx.facts.foreignOrders()) {
            facts.add(o.kind() + (o.court() == null ? "" : " of " + o.court()) + ": issued " + o.issuedAt()
                    + ", served " + o.servedAt() + ", implemented " + o.implementedAt());
            if (o.servedAt() != null && ctx.happened(o.servedAt())) {
                served.add(o);
            }
        }
        if (served.isEmpty()) {
            notRaised(RedFlag.FOREIGN_ORDER, ctx.facts.foreignOrders().isEmpty() ? "no foreign court order"
                    : "no foreign order shown to have been served on the platform", facts);
            return;
        }
        CaseFacts.ForeignOrder first = served.stream()
                .min(Comparator.comparing(o -> ctx.time(o.servedAt()).get().earliest())).get();
        Optional<FactTime> implemented = served.stream().map(o -> ctx.time(o.implementedAt()))
                .flatMap(Optional::stream).filter(t -> ctx.happened(t.text()))
                .min(Comparator.comparing(FactTime::earliest));
        raised(RedFlag.FOREIGN_ORDER, "a " + first.kind() + (first.court() == null ? "" : " of " + first.court())
                        + " against the seller was served on " + first.servedAt()
                        + implemented.map(t -> " and given effect on " + ctx.show(t)).orElse(" and not given effect"),
                facts, ctx.time(first.servedAt()), implemented);
    }

    /**
     * Earlier notices against the seller and the qualified notices of the case, in order of receipt: the notice that
     * reaches the threshold is the moment the pattern became apparent.
     */
    private void repeatedNotices() {
        int threshold = rules.repeatNoticeThreshold().value().intValue();
        int prior = ctx.facts.seller().priorNotices();
        List<String> facts = new ArrayList<>(List.of("seller.priorNoticesAgainstSeller = " + prior,
                "repeatNoticeThreshold = " + threshold));
        if (prior >= threshold) {
            raised(RedFlag.REPEATED_NOTICES, prior + " earlier notices against the seller (threshold " + threshold
                    + ")", facts, Optional.empty(), Optional.empty());
            return;
        }
        List<Optional<FactTime>> received = new ArrayList<>();
        for (Notice n : ctx.facts.notices()) {
            if (ctx.happened(n.receivedAt()) && Qualification.of(n, ctx.pack.notice()).qualified()) {
                received.add(ctx.time(n.receivedAt()));
            }
        }
        received.sort(Comparator.comparing((Optional<FactTime> t) -> t.isEmpty())
                .thenComparing(t -> t.map(FactTime::earliest).orElse(null),
                        Comparator.nullsLast(Comparator.naturalOrder())));
        int total = prior + received.size();
        facts.add("qualified notices in the case = " + received.size());
        if (total >= threshold) {
            Optional<FactTime> at = received.get(threshold - prior - 1);
            raised(RedFlag.REPEATED_NOTICES, total + " notices against the seller in all (threshold " + threshold
                    + ")", facts, at, Optional.empty());
        } else {
            notRaised(RedFlag.REPEATED_NOTICES, total + " notices against the seller, under the threshold of "
                    + threshold, facts);
        }
    }

    private void promotedWithoutReview() {
        CaseFacts.Platform p = ctx.facts.platform();
        boolean branded = ctx.facts.listing().branded();
        boolean reviewed = p.measures().proactiveMonitoring();
        List<String> facts = new ArrayList<>(DutyOfCareRule.activeFacts(p));
        facts.add("listing.branded = " + branded);
        facts.add("platform.measures.proactiveMonitoring = " + reviewed);
        if (p.activeRole() && branded && !reviewed) {
            raised(RedFlag.PROMOTED_WITHOUT_REVIEW, "the platform recommended or promoted a branded listing without"
                    + " reviewing it", facts, Optional.empty(), Optional.empty());
        } else {
            notRaised(RedFlag.PROMOTED_WITHOUT_REVIEW, !p.activeRole() ? "the platform did not promote the listing"
                    : !branded ? "the promoted listing is unbranded" : "promoted content was reviewed", facts);
        }
    }

    private void generalKnowledge() {
        if (ctx.facts.generalKnowledgeOnly()) {
            children.add(TraceNode.leaf("knowledge.general-only", TraceNode.Step.KNOWLEDGE, APPLIED,
                    "knowing in general that counterfeits are sold on the platform is not knowledge of this"
                            + " infringement", List.of("generalKnowledgeOnly = true"),
                    rules.generalKnowledgeReferences()));
        }
    }

    private void raised(RedFlag flag, String detail, List<String> facts, Optional<FactTime> since,
                        Optional<FactTime> extraMeasure) {
        anyFlagRaised = true;
        Optional<RedFlagRules.FlagRule> rule = rules.rule(flag);
        String id = ruleId(flag);
        if (rule.isEmpty()) {
            children.add(TraceNode.leaf(id, TraceNode.Step.RED_FLAG, SKIPPED, detail + "; this pack does not count "
                    + flag + " as a red flag", facts, List.of()));
            return;
        }
        RedFlagRules.FlagRule r = rule.get();
        if (!duty.atLeast(r.countsFrom())) {
            children.add(TraceNode.leaf(id, TraceNode.Step.RED_FLAG, SKIPPED, detail + "; but it counts only from a "
                    + r.countsFrom() + " duty of care and this platform's is " + duty, facts, r.references()));
            return;
        }
        flags.add(new Assessment.FlagFinding(flag, detail, r.references()));
        events.add(new KnowledgeEvent(Knowledge.CONSTRUCTIVE, Optional.of(flag), flag.name(), since,
                rules.measuresFor(flag), r.references(), extraMeasure));
        children.add(TraceNode.leaf(id, TraceNode.Step.RED_FLAG, APPLIED, detail + ": the platform should have known"
                + since.map(t -> " from " + ctx.show(t)).orElse(""), facts, r.references()));
    }

    private void notRaised(RedFlag flag, String why, List<String> facts) {
        List<String> refs = rules.rule(flag).map(RedFlagRules.FlagRule::references).orElse(List.of());
        children.add(TraceNode.leaf(ruleId(flag), TraceNode.Step.RED_FLAG, NOT_APPLIED, why, facts, refs));
    }

    private Result result() {
        Knowledge tier = events.stream().map(KnowledgeEvent::tier).max(Comparator.naturalOrder())
                .orElse(Knowledge.NONE);
        String conclusion = switch (tier) {
            case ACTUAL -> "the platform had actual knowledge";
            case CONSTRUCTIVE -> "the platform should have known (constructive knowledge)";
            case NONE -> "the platform neither knew nor should have known";
        };
        TraceNode node = new TraceNode("knowledge.tier", TraceNode.Step.KNOWLEDGE, APPLIED, conclusion, List.of(),
                List.of(), children);
        return new Result(tier, events, flags, anyFlagRaised, node);
    }

    static String ruleId(RedFlag flag) {
        return "knowledge.red-flag." + flag.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String percent(BigDecimal ratio) {
        return ratio.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
    }

    private static String times(double a, double b) {
        if (b == 0) {
            return a == 0 ? "equal to" : "infinitely above";
        }
        return BigDecimal.valueOf(a / b).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "×";
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
