package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.redflag.law.ActionType;
import org.redflag.law.CounterNoticeRules;

/**
 * Rule {@code counter-notice.restoration}: a removed listing may be restored once a counter-notice was received
 * (and, where the pack says the period runs from forwarding, forwarded), the pack's waiting period has passed, and
 * the right holder has not reported a complaint or suit within it (ECL Art. 43; Civil Code Art. 1196; DMCA
 * §512(g)(2)). A restoration before then lifts the measure unlawfully: from that moment the removal no longer counts.
 * A pack without counter-notice rules allows restoration only after a counter-notice or complaint.
 * Not formalised: the upper limit of §512(g)(2) (restore within 14 business days) binds the platform towards the
 * seller, not towards the right holder, and is reported only.
 */
final class RestorationRule {

    record Result(Optional<FactTime> unlawfulAt, Optional<TraceNode> trace) {
    }

    static Result apply(Context ctx) {
        Optional<FactTime> restore = ctx.facts.platformActions().stream()
                .filter(a -> a.type() == ActionType.RESTORE_LISTING && ctx.happened(a.at()))
                .map(a -> ctx.time(a.at())).flatMap(Optional::stream)
                .min(Comparator.comparing(FactTime::earliest));
        if (restore.isEmpty()) {
            return new Result(Optional.empty(), Optional.empty());
        }
        FactTime at = restore.get();
        List<String> facts = new ArrayList<>();
        facts.add("RESTORE_LISTING at " + ctx.show(at));
        Optional<CounterNoticeRules> rules = ctx.pack.counterNotice();
        List<String> citations = rules.map(CounterNoticeRules::references).orElse(List.of());
        Optional<CaseFacts.CounterNotice> counter = ctx.facts.counterNotices().stream()
                .filter(c -> ctx.time(c.receivedAt()).map(t -> !t.earliest().isAfter(at.latest())).orElse(false))
                .findFirst();
        if (counter.isEmpty()) {
            return unlawful(at, "the listing was restored without a counter-notice", facts, citations);
        }
        facts.add("counter-notice received " + counter.get().receivedAt()
                + (counter.get().forwardedAt() == null ? "" : ", forwarded " + counter.get().forwardedAt()));
        if (rules.isEmpty()) {
            return lawful("the listing was restored after the seller's counter-notice", facts, citations);
        }
        CounterNoticeRules r = rules.get();
        String startText = r.runsFrom() == CounterNoticeRules.RunsFrom.FORWARDED ? counter.get().forwardedAt()
                : counter.get().receivedAt();
        Optional<FactTime> start = ctx.time(startText);
        if (start.isEmpty()) {
            return unlawful(at, "the waiting period never started: the counter-notice was not "
                    + (r.runsFrom() == CounterNoticeRules.RunsFrom.FORWARDED ? "forwarded to the right holder"
                    : "dated"), facts, citations);
        }
        FactTime end = new FactTime(r.waitingPeriod().after(start.get().earliest(), ctx.zone, ctx.pack.calendar()),
                r.waitingPeriod().after(start.get().latest(), ctx.zone, ctx.pack.calendar()), null);
        facts.add("waiting period: " + r.waitingPeriod().words() + " from " + startText + ", ending "
                + ctx.show(end));
        Optional<FactTime> suit = ctx.time(ctx.facts.rightsHolderActionFiledAt());
        suit.ifPresent(s -> facts.add("right holder reported a complaint or suit on " + ctx.show(s)));
        if (suit.isPresent() && suit.get().notLaterThan(at) != FactTime.Timing.NEVER
                && suit.get().notLaterThan(end) != FactTime.Timing.NEVER) {
            return unlawful(at, "the listing was restored although the right holder reported a complaint or suit"
                    + " within the waiting period", facts, citations);
        }
        if (end.notLaterThan(at) == FactTime.Timing.NEVER) {
            return unlawful(at, "the listing was restored before the waiting period ended", facts, citations);
        }
        return lawful("the listing was restored after the waiting period ended without a reported complaint or"
                + " suit", facts, citations);
    }

    private static Result unlawful(FactTime at, String why, List<String> facts, List<String> citations) {
        return new Result(Optional.of(at), Optional.of(TraceNode.leaf("counter-notice.restoration",
                TraceNode.Step.RESTORATION, APPLIED, why + ": the removal is lifted unlawfully and no longer counts",
                facts, citations)));
    }

    private static Result lawful(String why, List<String> facts, List<String> citations) {
        return new Result(Optional.empty(), Optional.of(TraceNode.leaf("counter-notice.restoration",
                TraceNode.Step.RESTORATION, NOT_APPLIED, why + ": lawful", facts, citations)));
    }
}
