package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;

import java.util.ArrayList;
import java.util.List;
import org.redflag.law.DutyOfCareRules;
import org.redflag.law.Obligation;

/**
 * Whether the intermediary exemption is open to the platform at all, before any question of knowledge.
 * Rule {@code safe-harbour.offers-as-own}: a platform that presents offers as its own is treated as the seller (ECL
 * Art. 37, DSA Art. 6(3)) and has no safe harbour. Rule {@code safe-harbour.active-role}: where the pack says so, an
 * active role loses it (L'Oréal v eBay; LV v. Douyin). Rule {@code safe-harbour.prerequisites}: measures a pack makes
 * a condition of the exemption (DMCA §512(i) repeat-infringer policy, §512(c)(2) designated agent).
 */
final class SafeHarbourRule {

    record Result(SafeHarbour availability, TraceNode trace) {
    }

    static Result apply(Context ctx) {
        DutyOfCareRules rules = ctx.pack.dutyOfCare();
        CaseFacts.Platform p = ctx.facts.platform();
        List<TraceNode> children = new ArrayList<>();
        SafeHarbour result = SafeHarbour.RETAINED;

        if (p.presentsOffersAsOwn()) {
            result = SafeHarbour.UNAVAILABLE;
            children.add(TraceNode.leaf("safe-harbour.offers-as-own", TraceNode.Step.SAFE_HARBOUR, APPLIED,
                    "the platform presents the offer as its own and answers as the seller: no safe harbour",
                    List.of("platform.presentsOffersAsOwn = true"), rules.offersAsOwnReferences()));
        } else {
            children.add(TraceNode.leaf("safe-harbour.offers-as-own", TraceNode.Step.SAFE_HARBOUR, NOT_APPLIED,
                    "the platform does not present the offer as its own",
                    List.of("platform.presentsOffersAsOwn = false"), rules.offersAsOwnReferences()));
        }

        boolean losesByRole = rules.activeRoleLosesSafeHarbour().value();
        if (p.activeRole() && losesByRole) {
            if (result == SafeHarbour.RETAINED) {
                result = SafeHarbour.LOST;
            }
            children.add(TraceNode.leaf("safe-harbour.active-role", TraceNode.Step.SAFE_HARBOUR, APPLIED,
                    "the platform played an active role in the listing and cannot rely on the safe harbour",
                    DutyOfCareRule.activeFacts(p), rules.activeRoleLosesSafeHarbour().references()));
        } else {
            children.add(TraceNode.leaf("safe-harbour.active-role", TraceNode.Step.SAFE_HARBOUR, NOT_APPLIED,
                    p.activeRole() ? "in this pack an active role raises the duty but does not remove the safe harbour"
                            : "no active role in the listing",
                    p.activeRole() ? DutyOfCareRule.activeFacts(p) : List.of("no recommendation or promotion"),
                    rules.activeRoleLosesSafeHarbour().references()));
        }

        for (Obligation pre : rules.safeHarbourPrerequisites()) {
            boolean has = p.measures().has(pre.measure());
            if (!has && result == SafeHarbour.RETAINED) {
                result = SafeHarbour.LOST;
            }
            children.add(TraceNode.leaf("safe-harbour.prerequisites", TraceNode.Step.SAFE_HARBOUR,
                    has ? NOT_APPLIED : APPLIED,
                    has ? pre.text() + ": in place" : pre.text() + ": not in place, so the safe harbour is lost",
                    List.of("platform.measures." + pre.measure().key() + " = " + has), pre.references()));
        }
        TraceNode node = new TraceNode("safe-harbour.availability", TraceNode.Step.SAFE_HARBOUR, APPLIED,
                switch (result) {
                    case RETAINED -> "the safe harbour is open to the platform, subject to knowledge and measures";
                    case LOST -> "the platform has lost the safe harbour by its conduct";
                    case UNAVAILABLE -> "the safe harbour is not available to the platform";
                }, List.of(), List.of(), children);
        return new Result(result, node);
    }
}
