package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;

import java.util.ArrayList;
import java.util.List;
import org.redflag.notice.Notice;

/**
 * The outcome, with its precedence made explicit (conflicts are errors, so each rule that overrides another says so):
 * <ol>
 *   <li>{@code outcome.no-infringement} overrides all below: where every notice in the case turned out inaccurate,
 *   there is no infringement for the platform to answer for.</li>
 *   <li>{@code outcome.offers-as-own} overrides the measures rules: a platform that presents the offer as its own
 *   answers as the seller, jointly, for the whole harm (ECL Art. 37; DSA Art. 6(3)).</li>
 *   <li>{@code outcome.measures}: for each knowledge event whose measures failed: after a qualified notice, liability
 *   for the expanded damage while the safe harbour stands (ECL Art. 42; Civil Code Art. 1195), joint liability
 *   where it is lost; after a red flag, joint liability (ECL Art. 45; Civil Code Art. 1197). The gravest counts.</li>
 * </ol>
 */
final class OutcomeRule {

    record Result(Liability liability, SafeHarbour safeHarbour, TraceNode trace) {
    }

    static Result apply(Context ctx, SafeHarbour availability, List<MeasuresRule.Result> measures) {
        List<TraceNode> children = new ArrayList<>();
        List<Notice> notices = ctx.facts.notices();
        boolean noInfringement = !notices.isEmpty()
                && notices.stream().allMatch(n -> Boolean.FALSE.equals(n.accurate()));
        List<String> erroneousRefs = ctx.pack.erroneousNotice().references();
        SafeHarbour harbour = availability;
        boolean anyFailed = measures.stream().anyMatch(m -> m.verdict() == MeasuresRule.Verdict.FAILED);
        if (anyFailed && harbour == SafeHarbour.RETAINED) {
            harbour = SafeHarbour.LOST;
        }

        Liability byMeasures = Liability.NOT_LIABLE;
        List<String> facts = new ArrayList<>();
        for (MeasuresRule.Result m : measures) {
            if (m.verdict() != MeasuresRule.Verdict.FAILED) {
                continue;
            }
            Liability l = m.event().tier() == Knowledge.ACTUAL && availability == SafeHarbour.RETAINED
                    ? Liability.LIABLE_FOR_EXPANDED_DAMAGE : Liability.JOINTLY_LIABLE;
            facts.add(m.event().label() + ": measures failed, so " + l);
            if (l.compareTo(byMeasures) > 0) {
                byMeasures = l;
            }
        }

        Liability liability;
        if (noInfringement) {
            liability = Liability.NOT_LIABLE;
            children.add(TraceNode.leaf("outcome.no-infringement", TraceNode.Step.OUTCOME, APPLIED,
                    "every notice turned out inaccurate: there is no infringement for the platform to answer for"
                            + " (overrides outcome.offers-as-own and outcome.measures)",
                    List.of("notices[*].accurate = false"), erroneousRefs));
        } else {
            children.add(TraceNode.leaf("outcome.no-infringement", TraceNode.Step.OUTCOME, NOT_APPLIED,
                    notices.isEmpty() ? "no notice says the claim was wrong"
                            : "not every notice was shown inaccurate", List.of(), erroneousRefs));
        }
        boolean own = availability == SafeHarbour.UNAVAILABLE;
        if (!noInfringement && own) {
            liability = Liability.JOINTLY_LIABLE;
            children.add(TraceNode.leaf("outcome.offers-as-own", TraceNode.Step.OUTCOME, APPLIED,
                    "the platform answers as the seller: " + Liability.JOINTLY_LIABLE
                            + " (overrides outcome.measures)",
                    List.of("platform.presentsOffersAsOwn = true"), ctx.pack.dutyOfCare().offersAsOwnReferences()));
        } else if (!noInfringement) {
            liability = byMeasures;
        } else {
            liability = Liability.NOT_LIABLE;
        }
        List<String> measureRefs = new ArrayList<>();
        measures.forEach(m -> m.event().citations().forEach(c -> {
            if (!measureRefs.contains(c)) {
                measureRefs.add(c);
            }
        }));
        children.add(TraceNode.leaf("outcome.measures", TraceNode.Step.OUTCOME,
                byMeasures.liable() ? APPLIED : NOT_APPLIED,
                measures.isEmpty() ? "no knowledge arose, so no measures were owed: " + Liability.NOT_LIABLE
                        : byMeasures.liable() ? "measures owed were not taken in time: " + byMeasures
                        : "every measure owed was taken in time, or its deadline had not passed: "
                        + Liability.NOT_LIABLE,
                facts, measureRefs));
        TraceNode node = new TraceNode("outcome.liability", TraceNode.Step.OUTCOME, APPLIED,
                "the platform is " + words(liability), List.of(), List.of(), children);
        return new Result(liability, harbour, node);
    }

    static String words(Liability l) {
        return switch (l) {
            case NOT_LIABLE -> "not liable";
            case LIABLE_FOR_EXPANDED_DAMAGE -> "liable jointly with the seller for the damage that grew after it"
                    + " should have acted";
            case JOINTLY_LIABLE -> "jointly liable with the seller for the whole harm";
        };
    }
}
