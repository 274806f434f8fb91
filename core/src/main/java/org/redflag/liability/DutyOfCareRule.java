package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;

import java.util.ArrayList;
import java.util.List;
import org.redflag.law.DutyLevel;
import org.redflag.law.DutyOfCareRules;
import org.redflag.law.PlatformService;

/**
 * Rule {@code duty.business-model}: the duty of care follows the platform's business model (source paper, Table 2);
 * with several models the highest counts. Rule {@code duty.active-intervention}: algorithmic recommendation or
 * editorial promotion of the listing raises it by the pack's number of levels (LV v. Douyin), never above HIGH.
 * Not formalised: the intensity of the intervention; any recommendation or promotion counts.
 */
final class DutyOfCareRule {

    record Result(DutyLevel level, TraceNode trace) {
    }

    static Result apply(Context ctx) {
        DutyOfCareRules rules = ctx.pack.dutyOfCare();
        CaseFacts.Platform platform = ctx.facts.platform();
        List<TraceNode> children = new ArrayList<>();
        DutyLevel base = DutyLevel.LOW;
        for (PlatformService s : platform.services()) {
            DutyOfCareRules.ServiceDuty duty = rules.services().get(s);
            children.add(TraceNode.leaf("duty.business-model", TraceNode.Step.DUTY, APPLIED,
                    s + " carries a " + duty.level() + " duty of care",
                    List.of("platform.services includes " + s), duty.references()));
            if (duty.level().compareTo(base) > 0) {
                base = duty.level();
            }
        }
        DutyLevel level = base;
        int raise = rules.activeInterventionRaisesBy().value().intValue();
        if (platform.activeRole()) {
            level = base.raisedBy(raise);
            children.add(TraceNode.leaf("duty.active-intervention", TraceNode.Step.DUTY, APPLIED,
                    "active intervention raises the duty from " + base + " to " + level
                            + (level == base ? " (already the highest)" : ""),
                    activeFacts(platform), rules.activeInterventionRaisesBy().references()));
        } else {
            children.add(TraceNode.leaf("duty.active-intervention", TraceNode.Step.DUTY, NOT_APPLIED,
                    "no algorithmic recommendation or editorial promotion: the duty is not raised",
                    List.of("platform.algorithmicRecommendation = false", "platform.editorialPromotion = false"),
                    rules.activeInterventionRaisesBy().references()));
        }
        TraceNode node = new TraceNode("duty.level", TraceNode.Step.DUTY, APPLIED,
                "the platform's duty of care is " + level, List.of(), List.of(), children);
        return new Result(level, node);
    }

    static List<String> activeFacts(CaseFacts.Platform p) {
        List<String> facts = new ArrayList<>();
        if (p.algorithmicRecommendation()) {
            facts.add("platform.algorithmicRecommendation = true");
        }
        if (p.editorialPromotion()) {
            facts.add("platform.editorialPromotion = true");
        }
        return facts;
    }
}
