package org.redflag.liability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.redflag.law.ActionType;
import org.redflag.law.MeasureGroup;
import org.redflag.law.PlatformService;
import org.redflag.law.RedFlag;
import org.redflag.law.TimeLimit;
import org.redflag.notice.Notice;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.Qualification;

/**
 * Changes to one fact of a case that would change the outcome. Each candidate mutation is applied to the facts and
 * the case assessed again; those whose liability differs are kept, as one sentence each. Nothing here is written by
 * hand per case: the candidates follow from the facts and the first assessment.
 */
final class Counterfactuals {

    private record Mutation(String clause, CaseFacts facts) {
    }

    /**
     * Most notices varied one at a time (as facts, and as the moments of knowledge they give), the first in the
     * case's order; the moments of red flags are always varied. Each variation is a whole assessment again, so a
     * case of a thousand notices would take minutes; past this the rest are not varied, and the list says so. A
     * choice of this implementation, not of the law: the earliest notices are the ones knowledge starts from.
     */
    static final int MAX_VARIED = 50;

    private Counterfactuals() {
    }

    static List<String> find(Assessor assessor, Assessment base, Optional<String> asOf) {
        Set<String> sentences = new LinkedHashSet<>();
        for (Mutation m : candidates(base, asOf)) {
            Assessment other = assessor.evaluate(m.facts(), base.pack(), asOf);
            if (other.liability() != base.liability()) {
                sentences.add("Had " + m.clause() + ", the platform would be " + other.liability() + " instead of "
                        + base.liability() + ".");
            }
        }
        int notices = base.input().notices().size();
        if (notices > MAX_VARIED) {
            sentences.add("(Of the case's " + notices + " notices, the first " + MAX_VARIED + " were varied one at"
                    + " a time, as facts and as moments of knowledge; the rest were not.)");
        }
        return new ArrayList<>(sentences);
    }

    private static List<Mutation> candidates(Assessment base, Optional<String> asOf) {
        CaseFacts f = base.input();
        Context ctx = new Context(f, base.pack(), asOf);
        List<Mutation> out = new ArrayList<>();
        CaseFacts.Listing l = f.listing();
        CaseFacts.Platform p = f.platform();

        for (Assessment.FlagFinding flag : base.redFlags()) {
            switch (flag.code()) {
                case COUNTERFEIT_KEYWORD -> out.add(new Mutation("the listing's text carried no counterfeit term",
                        f.withListing(l.withText(null, null, List.of()))));
                case PRICE_BELOW_GENUINE -> {
                    BigDecimal at = base.pack().redFlags().priceRatio().value()
                            .multiply(BigDecimal.valueOf(l.genuinePrice())).setScale(2, RoundingMode.UP);
                    out.add(new Mutation("the price been " + at.stripTrailingZeros().toPlainString()
                            + " (the threshold share of the genuine price) instead of " + plain(l.price()),
                            f.withListing(l.withPrice(at.doubleValue()))));
                }
                case SALES_ANOMALY -> {
                    double at = base.pack().redFlags().salesMultiple().value().doubleValue()
                            * l.categoryAverageUnitsSold();
                    out.add(new Mutation("sales been " + plain(at) + " units (the threshold multiple of the category"
                            + " average) instead of " + plain(l.unitsSold()), f.withListing(l.withUnitsSold(at))));
                }
                case LINKED_TO_BANNED_SELLER -> out.add(new Mutation("the seller not been linked to a banned account",
                        f.withSeller(f.seller().withLinked(false))));
                case FOREIGN_ORDER -> out.add(new Mutation("the platform given effect to the foreign order on the day"
                        + " it was served", f.withForeignOrders(f.foreignOrders().stream()
                        .map(o -> o.withImplementedAt(o.servedAt())).toList())));
                case REPEATED_NOTICES -> {
                    if (f.seller().priorNotices() > 0) {
                        out.add(new Mutation("there been no earlier notices against the seller",
                                f.withSeller(f.seller().withPriorNotices(0))));
                    }
                }
                case PROMOTED_WITHOUT_REVIEW -> out.add(new Mutation("the platform reviewed the content it promotes",
                        f.withPlatform(p.with(p.services(), p.algorithmicRecommendation(), p.editorialPromotion(),
                                p.presentsOffersAsOwn(), p.measures().withProactiveMonitoring(true)))));
            }
        }
        if (p.algorithmicRecommendation()) {
            out.add(new Mutation("the platform's algorithms not recommended the listing", f.withPlatform(p.with(
                    p.services(), false, p.editorialPromotion(), p.presentsOffersAsOwn(), p.measures()))));
        }
        if (p.editorialPromotion()) {
            out.add(new Mutation("the platform not promoted the listing itself", f.withPlatform(p.with(
                    p.services(), p.algorithmicRecommendation(), false, p.presentsOffersAsOwn(), p.measures()))));
        }
        if (p.presentsOffersAsOwn()) {
            out.add(new Mutation("the platform kept the offer clearly apart from its own", f.withPlatform(p.with(
                    p.services(), p.algorithmicRecommendation(), p.editorialPromotion(), false, p.measures()))));
        }
        if (p.services().size() > 1) {
            for (PlatformService s : p.services()) {
                List<PlatformService> fewer = p.services().stream().filter(x -> x != s).toList();
                out.add(new Mutation("the platform not provided " + s, f.withPlatform(p.with(fewer,
                        p.algorithmicRecommendation(), p.editorialPromotion(), p.presentsOffersAsOwn(),
                        p.measures()))));
            }
        }
        if (l.branded() && l.price() != null && l.genuinePrice() != null
                && base.redFlags().stream().noneMatch(x -> x.code() == RedFlag.PRICE_BELOW_GENUINE)) {
            BigDecimal below = base.pack().redFlags().priceRatio().value().subtract(new BigDecimal("0.01"))
                    .multiply(BigDecimal.valueOf(l.genuinePrice())).setScale(2, RoundingMode.DOWN);
            out.add(new Mutation("the price been " + below.stripTrailingZeros().toPlainString() + " instead of "
                    + plain(l.price()), f.withListing(l.withPrice(below.doubleValue()))));
        }
        timing(ctx, base, out);
        notices(ctx, out);
        return out;
    }

    /** Acting in time where the platform did not, and acting late where it did. */
    private static void timing(Context ctx, Assessment base, List<Mutation> out) {
        CaseFacts f = ctx.facts;
        TimeLimit deadline = ctx.pack.notice().responseDeadline();
        KnowledgeRules.Result knowledge = KnowledgeRules.apply(ctx, base.dutyOfCare());
        int fromNotices = 0;
        for (KnowledgeEvent e : knowledge.events()) {
            // every red flag's moment (a handful at most), and the moments of the first notices
            if (e.flag().isEmpty() && fromNotices++ >= MAX_VARIED) {
                continue;
            }
            if (e.since().isEmpty()) {
                continue;
            }
            Instant start = e.since().get().latest();
            Instant due = deadline.after(e.since().get().latest(), ctx.zone, ctx.pack.calendar());
            List<ActionType> types = e.measures().stream().map(Counterfactuals::first).toList();
            String words = String.join(" and ", types.stream().map(ActionType::words).toList());
            List<CaseFacts.PlatformAction> prompt = new ArrayList<>(f.platformActions());
            types.forEach(t -> prompt.add(new CaseFacts.PlatformAction(t, iso(start, ctx), "counterfactual")));
            out.add(new Mutation("the platform taken the measures (" + words + ") by " + ctx.show(due) + ", within "
                    + deadline.words() + " of " + e.label(), f.withActions(prompt)));

            Instant late = due.plusSeconds(3600);
            List<CaseFacts.PlatformAction> delayed = f.platformActions().stream()
                    .map(a -> e.measures().stream().anyMatch(g -> g.anyOf().contains(a.type()))
                            ? new CaseFacts.PlatformAction(a.type(), iso(late, ctx), a.note()) : a).toList();
            if (!delayed.equals(f.platformActions())) {
                out.add(new Mutation("the platform acted only after the deadline of " + ctx.show(due) + " ("
                        + deadline.words() + " from " + e.label() + ")", f.withActions(delayed)
                        .withForeignOrders(f.foreignOrders().stream().map(o -> o.withImplementedAt(null)).toList())));
            }
        }
    }

    private static void notices(Context ctx, List<Mutation> out) {
        List<Notice> notices = ctx.facts.notices();
        for (int i = 0; i < Math.min(MAX_VARIED, notices.size()); i++) {
            Notice n = notices.get(i);
            Qualification q = Qualification.of(n, ctx.pack.notice());
            List<Notice> changed = new ArrayList<>(notices);
            if (q.qualified() && !q.byCourtFinding()) {
                var element = ctx.pack.notice().requiredElements().get(0);
                changed.set(i, n.withElements(n.elements().without(element.element())));
                out.add(new Mutation(n.label(i) + " lacked " + element.text().toLowerCase(java.util.Locale.ROOT),
                        ctx.facts.withNotices(changed)));
            } else if (!q.qualified()) {
                changed.set(i, n.withQualified(null).withElements(NoticeElements.ALL));
                out.add(new Mutation(n.label(i) + " contained every required element (it lacked "
                        + (q.byCourtFinding() ? "what the court found missing" : q.missingWords()) + ")",
                        ctx.facts.withNotices(changed)));
            }
        }
    }

    private static ActionType first(MeasureGroup g) {
        return g.anyOf().stream().sorted().findFirst().orElseThrow();
    }

    private static String iso(Instant t, Context ctx) {
        return t.atZone(ctx.zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String plain(Double d) {
        return d == null ? "unknown" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
