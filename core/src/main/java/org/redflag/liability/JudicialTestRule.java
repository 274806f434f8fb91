package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;
import static org.redflag.liability.TraceNode.Outcome.NOT_APPLIED;
import static org.redflag.liability.TraceNode.Outcome.SKIPPED;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.redflag.liability.Assessment.JudicialFinding;
import org.redflag.liability.Assessment.JudicialFinding.Answer;

/**
 * The judicial three-step test, reported beside the outcome (source paper §2.2.3): was the infringement
 * foreseeable (a qualified notice or any red flag, counted or not; general knowledge is not enough); did prevention
 * cost much less than the expected harm (at most the pack's {@code muchLessRatio} of it, in one currency); did the
 * platform's own conduct raise the risk (an active role, or presenting the offer as its own).
 */
final class JudicialTestRule {

    record Result(List<JudicialFinding> findings, TraceNode trace) {
    }

    static Result apply(Context ctx, KnowledgeRules.Result knowledge) {
        List<String> refs = ctx.pack.judicialTestReferences();
        List<JudicialFinding> findings = new ArrayList<>();
        List<TraceNode> children = new ArrayList<>();

        boolean foreseeable = !knowledge.events().isEmpty() || knowledge.anyFlagRaised();
        String why = foreseeable ? "specific signs pointed to this infringement (a qualified notice or a red flag)"
                : ctx.facts.generalKnowledgeOnly() ? "only general knowledge that counterfeits exist"
                : "nothing specific pointed to this infringement";
        add(findings, children, "Was the infringement foreseeable?", foreseeable ? Answer.YES : Answer.NO, why,
                "judicial-test.foreseeability", refs);

        CaseFacts.CostBenefit cb = ctx.facts.costBenefit();
        if (cb == null || cb.preventionCost() == null || cb.expectedHarm() == null) {
            add(findings, children, "Did prevention cost much less than the expected harm?", Answer.UNKNOWN,
                    "the case gives no cost and harm figures", "judicial-test.cost", refs);
        } else {
            BigDecimal ratio = ctx.pack.muchLessRatio().value();
            boolean muchLess = BigDecimal.valueOf(cb.preventionCost())
                    .compareTo(ratio.multiply(BigDecimal.valueOf(cb.expectedHarm()))) <= 0;
            String cur = cb.currency() == null ? "" : " " + cb.currency();
            add(findings, children, "Did prevention cost much less than the expected harm?",
                    muchLess ? Answer.YES : Answer.NO, "prevention " + cb.preventionCost() + cur + " against harm "
                            + cb.expectedHarm() + cur + "; 'much less' means at most "
                            + ratio.stripTrailingZeros().toPlainString() + " of it", "judicial-test.cost",
                    ctx.pack.muchLessRatio().references());
        }

        CaseFacts.Platform p = ctx.facts.platform();
        boolean raised = p.activeRole() || p.presentsOffersAsOwn();
        add(findings, children, "Did the platform's own conduct raise the risk?", raised ? Answer.YES : Answer.NO,
                raised ? (p.activeRole() ? "it recommended or promoted the listing" : "it presented the offer as its own")
                        : "it played a passive role", "judicial-test.own-conduct", refs);
        TraceNode node = new TraceNode("judicial-test", TraceNode.Step.JUDICIAL_TEST, APPLIED,
                "the judicial three-step test, reported beside the outcome", List.of(), refs, children);
        return new Result(findings, node);
    }

    private static void add(List<JudicialFinding> findings, List<TraceNode> children, String question, Answer answer,
                            String reason, String rule, List<String> refs) {
        findings.add(new JudicialFinding(question, answer, reason, refs));
        children.add(TraceNode.leaf(rule, TraceNode.Step.JUDICIAL_TEST,
                answer == Answer.YES ? APPLIED : answer == Answer.NO ? NOT_APPLIED : SKIPPED,
                question + " " + answer + ": " + reason, List.of(), refs));
    }
}
