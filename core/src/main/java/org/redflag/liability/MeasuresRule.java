package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redflag.law.ActionType;
import org.redflag.law.MeasureGroup;
import org.redflag.law.TimeLimit;

/**
 * Rule {@code measures.in-time}: from the moment knowledge arose the platform must take each of the pack's necessary
 * measures within the pack's deadline (ECL Arts. 42 and 45; Civil Code Arts. 1195 and 1197; DSA Art. 6; DMCA
 * §512(c)). A measure taken before knowledge arose counts. Where the dates cannot show whether a measure came in
 * time (a date without a time, a missing date), the pack's {@code uncertainTiming} presumption decides, and the
 * trace says so. A removal that was lifted unlawfully ({@link RestorationRule}) no longer counts.
 */
final class MeasuresRule {

    /** How one knowledge event was answered. */
    enum Verdict { IN_TIME, PENDING, FAILED }

    record Result(KnowledgeEvent event, Verdict verdict, TraceNode trace) {
    }

    private enum GroupTiming { IN_TIME, PENDING, UNCERTAIN, LATE, MISSING }

    /** Actions a measure's trace names; the rest are counted. */
    static final int MAX_LISTED = 5;

    static Result apply(Context ctx, KnowledgeEvent event, Optional<FactTime> unlawfulRestore) {
        TimeLimit deadline = ctx.pack.notice().responseDeadline();
        boolean againstPlatform = "AGAINST_PLATFORM".equals(ctx.pack.uncertainTiming().value());
        Optional<FactTime> due = event.since().map(s -> new FactTime(
                deadline.after(s.earliest(), ctx.zone, ctx.pack.calendar()),
                deadline.after(s.latest(), ctx.zone, ctx.pack.calendar()), null));
        List<TraceNode> children = new ArrayList<>();
        boolean failed = false;
        boolean pending = false;
        for (MeasureGroup group : event.measures()) {
            // the group's actions are the same for every moment of knowledge: read once per assessment
            Scan scan = ctx.memo(List.of("measures", group, unlawfulRestore), () -> scan(ctx, group, unlawfulRestore));
            Taken taken = scan.taken();
            List<String> facts = new ArrayList<>(scan.facts());
            boolean undated = scan.undated();
            if (event.extraMeasure().isPresent() && group.anyOf().contains(ActionType.REMOVE_LISTING)) {
                taken = taken.with(event.extraMeasure().get());
                facts.add("the order was given effect at " + ctx.show(event.extraMeasure().get()));
            }
            due.ifPresent(d -> facts.add("deadline: " + deadline.words() + " from " + ctx.show(event.since().get())
                    + ", that is " + ctx.show(d)));
            GroupTiming timing = timing(ctx, due, taken, undated);
            boolean groupFailed = switch (timing) {
                case IN_TIME, PENDING -> false;
                case UNCERTAIN -> againstPlatform;
                case LATE, MISSING -> true;
            };
            failed |= groupFailed;
            pending |= timing == GroupTiming.PENDING;
            List<String> citations = new ArrayList<>(group.references());
            if (timing == GroupTiming.UNCERTAIN) {
                ctx.pack.uncertainTiming().references().forEach(r -> {
                    if (!citations.contains(r)) {
                        citations.add(r);
                    }
                });
            }
            children.add(TraceNode.leaf("measures.in-time", TraceNode.Step.MEASURES,
                    groupFailed ? APPLIED : NOT_APPLIED, describe(group, timing, due, ctx, againstPlatform), facts,
                    citations));
        }
        Verdict verdict = failed ? Verdict.FAILED : pending ? Verdict.PENDING : Verdict.IN_TIME;
        String conclusion = switch (verdict) {
            case IN_TIME -> "after " + event.label() + " the platform took the necessary measures in time";
            case PENDING -> "after " + event.label() + " the deadline was still running at the moment of judgment";
            case FAILED -> "after " + event.label() + " the platform did not take the necessary measures in time";
        };
        TraceNode node = new TraceNode(event.tier() == Knowledge.ACTUAL ? "measures.after-notice"
                : "measures.after-red-flag", TraceNode.Step.MEASURES, failed ? APPLIED : NOT_APPLIED, conclusion,
                List.of(), event.citations(), children);
        return new Result(event, verdict, node);
    }

    /** A group's dated actions and what the trace says of them, for one assessment. */
    private record Scan(Taken taken, List<String> facts, boolean undated) {
    }

    private static Scan scan(Context ctx, MeasureGroup group, Optional<FactTime> unlawfulRestore) {
        Taken taken = Taken.NONE;
        List<String> facts = new ArrayList<>();
        boolean undated = false;
        int listed = 0;
        for (CaseFacts.PlatformAction a : ctx.facts.platformActions()) {
            if (!group.anyOf().contains(a.type()) || !ctx.happened(a.at())) {
                continue;
            }
            // every action counts; the trace names the first few, so that a case of thousands stays readable
            if (listed++ < MAX_LISTED) {
                facts.add(a.type() + " at " + (a.at() == null ? "(date unknown)" : a.at()));
            }
            Optional<FactTime> at = ctx.time(a.at());
            if (at.isEmpty()) {
                undated = true;
            } else if (a.type() == ActionType.REMOVE_LISTING && unlawfulRestore.isPresent()
                    && !unlawfulRestore.get().earliest().isBefore(at.get().latest())) {
                facts.add("the removal of " + a.at() + " was lifted on " + ctx.show(unlawfulRestore.get())
                        + " before it could lawfully be");
            } else {
                taken = taken.with(at.get());
            }
        }
        if (listed > MAX_LISTED) {
            facts.add("and " + (listed - MAX_LISTED) + " more of these actions");
        }
        return new Scan(taken, List.copyOf(facts), undated);
    }

    /**
     * The actions taken, as the three bounds that decide their timing against any deadline (see {@link
     * FactTime#notLaterThan}): one is certainly in time if the earliest "latest" is not after the deadline's
     * earliest; failing that, one may be in time if the earliest "earliest" is not after its latest; and one is
     * certainly late if the latest "earliest" is after its latest. The same answers as asking each action in turn,
     * in constant time for any number of actions.
     */
    record Taken(int count, java.time.Instant minLatest, java.time.Instant minEarliest,
                 java.time.Instant maxEarliest) {
        static final Taken NONE = new Taken(0, null, null, null);

        Taken with(FactTime t) {
            if (count == 0) {
                return new Taken(1, t.latest(), t.earliest(), t.earliest());
            }
            return new Taken(count + 1, min(minLatest, t.latest()), min(minEarliest, t.earliest()),
                    t.earliest().isAfter(maxEarliest) ? t.earliest() : maxEarliest);
        }

        boolean anyCertainlyBy(FactTime limit) {
            return count > 0 && !minLatest.isAfter(limit.earliest());
        }

        /** Given none is certainly in time: whether one may be. */
        boolean anyPossiblyBy(FactTime limit) {
            return count > 0 && !minEarliest.isAfter(limit.latest());
        }

        boolean anyCertainlyAfter(FactTime limit) {
            return count > 0 && maxEarliest.isAfter(limit.latest());
        }

        private static java.time.Instant min(java.time.Instant a, java.time.Instant b) {
            return b.isBefore(a) ? b : a;
        }
    }

    private static GroupTiming timing(Context ctx, Optional<FactTime> due, Taken taken, boolean undated) {
        if (due.isEmpty()) {
            return taken.count() == 0 && !undated ? GroupTiming.MISSING : GroupTiming.UNCERTAIN;
        }
        if (taken.anyCertainlyBy(due.get())) {
            return GroupTiming.IN_TIME;
        }
        boolean uncertain = undated || taken.anyPossiblyBy(due.get());
        boolean late = taken.anyCertainlyAfter(due.get());
        if (uncertain) {
            return GroupTiming.UNCERTAIN;
        }
        if (ctx.stillRunning(due.get())) {
            return GroupTiming.PENDING;
        }
        return late ? GroupTiming.LATE : GroupTiming.MISSING;
    }

    private static String describe(MeasureGroup group, GroupTiming timing, Optional<FactTime> due, Context ctx,
                                   boolean againstPlatform) {
        String what = group.text().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + group.text().substring(1);
        return switch (timing) {
            case IN_TIME -> what + ": done before the deadline";
            case PENDING -> what + ": not yet done, and the deadline " + due.map(ctx::show).orElse("")
                    + " had not passed";
            case LATE -> what + ": done only after the deadline";
            case MISSING -> what + ": not done";
            case UNCERTAIN -> what + ": the dates cannot show whether it came in time"
                    + (due.isEmpty() ? " (when knowledge arose is not known)" : "")
                    + "; presumed " + (againstPlatform ? "late (the platform bears the doubt)"
                    : "in time (the claimant bears the doubt)");
        };
    }
}
