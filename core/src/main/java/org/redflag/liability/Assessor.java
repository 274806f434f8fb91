package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.redflag.law.PolicyPack;

/**
 * Assesses a platform's liability for one case under one pack, as DESIGN.md's legal model describes: duty of care,
 * safe harbour, knowledge in tiers, necessary measures and their deadlines, the outcome, the notifier's liability for
 * erroneous notices, Table 2 obligations and the judicial test; then, if asked, the counterfactuals. Stateless and
 * thread-safe; it reads no clock: the moment of judgment comes from the case or the caller.
 */
public final class Assessor {

    /**
     * @param asOf the moment of judgment (ISO-8601 date or date-time), overriding the case's {@code assessedAt}
     * @param counterfactuals whether to search for single-fact changes that flip the outcome
     */
    /** Most notices the counterfactual search varies one at a time (the first in the case's order). */
    public static final int MAX_VARIED_NOTICES = Counterfactuals.MAX_VARIED;

    public record Options(Optional<String> asOf, boolean counterfactuals) {
        public static final Options DEFAULT = new Options(Optional.empty(), true);
        public static final Options WITHOUT_COUNTERFACTUALS = new Options(Optional.empty(), false);
    }

    public Assessment assess(CaseFacts facts, PolicyPack pack) {
        return assess(facts, pack, Options.DEFAULT);
    }

    public Assessment assess(CaseFacts facts, PolicyPack pack, Options options) {
        Assessment a = evaluate(facts, pack, options.asOf());
        if (!options.counterfactuals()) {
            return a;
        }
        return a.withCounterfactuals(Counterfactuals.find(this, a, options.asOf()));
    }

    Assessment evaluate(CaseFacts facts, PolicyPack pack, Optional<String> asOf) {
        Context ctx = new Context(facts, pack, asOf);
        List<TraceNode> steps = new ArrayList<>();
        steps.add(TraceNode.leaf("assessment.moment", TraceNode.Step.TIME, APPLIED,
                "liability is judged at " + ctx.momentWords, List.of(facts.assessedAt() == null
                        ? "assessedAt: not given" : "assessedAt = " + facts.assessedAt()),
                pack.absentAssessedAt().references()));

        DutyOfCareRule.Result duty = DutyOfCareRule.apply(ctx);
        steps.add(duty.trace());
        SafeHarbourRule.Result harbour = SafeHarbourRule.apply(ctx);
        steps.add(harbour.trace());
        KnowledgeRules.Result knowledge = KnowledgeRules.apply(ctx, duty.level());
        steps.add(knowledge.trace());

        RestorationRule.Result restoration = RestorationRule.apply(ctx);
        List<MeasuresRule.Result> measures = new ArrayList<>();
        List<TraceNode> measureNodes = new ArrayList<>();
        restoration.trace().ifPresent(measureNodes::add);
        for (KnowledgeEvent e : knowledge.events()) {
            MeasuresRule.Result m = MeasuresRule.apply(ctx, e, restoration.unlawfulAt());
            measures.add(m);
            measureNodes.add(m.trace());
        }
        if (!measureNodes.isEmpty()) {
            steps.add(new TraceNode("measures", TraceNode.Step.MEASURES, APPLIED,
                    "the necessary measures owed from each moment of knowledge", List.of(), List.of(), measureNodes));
        }

        OutcomeRule.Result outcome = OutcomeRule.apply(ctx, harbour.availability(), measures);
        steps.add(outcome.trace());
        ErroneousNoticeRule.Result notifier = ErroneousNoticeRule.apply(ctx);
        notifier.trace().ifPresent(steps::add);
        ObligationsRule.Result obligations = ObligationsRule.apply(ctx, measures);
        steps.add(obligations.trace());
        JudicialTestRule.Result judicial = JudicialTestRule.apply(ctx, knowledge);
        steps.add(judicial.trace());

        Optional<FactTime> since = knowledge.events().stream().map(KnowledgeEvent::since).flatMap(Optional::stream)
                .min(Comparator.comparing(FactTime::earliest));
        TraceNode root = new TraceNode("assessment", TraceNode.Step.OUTCOME, APPLIED,
                "the platform is " + OutcomeRule.words(outcome.liability()), List.of("case " + facts.id()),
                List.of(), steps);
        return new Assessment(facts, pack, ctx.momentWords, duty.level(), knowledge.tier(), since,
                outcome.safeHarbour(), outcome.liability(), knowledge.flags(), root, obligations.checks(),
                judicial.findings(), notifier.liability(), List.of());
    }
}
