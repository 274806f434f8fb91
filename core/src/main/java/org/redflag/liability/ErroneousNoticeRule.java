package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redflag.law.ActionType;
import org.redflag.law.ErroneousNoticeRules;
import org.redflag.notice.Notice;
import org.redflag.notice.Qualification;

/**
 * Rule {@code notifier.erroneous-notice}: a notifier whose notice turned out wrong is liable to the seller for the
 * harm (ECL Art. 42(3); Civil Code Art. 1195; DMCA §512(f)); for a malicious notice by the pack's multiple. A
 * good-faith notice backed by a legal comparison report has that liability reduced or removed where the pack says
 * so. The platform that acted on a qualified notice owes the seller nothing; one that removed a listing on an
 * unqualified notice may. Only {@code accurate: false} marks a notice erroneous: an absent value is not proof.
 */
final class ErroneousNoticeRule {

    record Result(Optional<Assessment.NotifierLiability> liability, Optional<TraceNode> trace) {
    }

    static Result apply(Context ctx) {
        ErroneousNoticeRules rules = ctx.pack.erroneousNotice();
        List<Notice> notices = ctx.facts.notices();
        List<TraceNode> children = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String worst = null;
        boolean actedOnUnqualified = false;
        boolean removed = ctx.facts.platformActions().stream().anyMatch(a -> a.type() == ActionType.REMOVE_LISTING);
        for (int i = 0; i < notices.size(); i++) {
            Notice n = notices.get(i);
            if (!Boolean.FALSE.equals(n.accurate())) {
                continue;
            }
            String label = n.label(i);
            List<String> facts = new ArrayList<>(List.of(label + ".accurate = false",
                    label + ".goodFaith = " + (n.goodFaith() == null ? "not stated" : n.goodFaith()),
                    label + ".legalComparisonReport = " + n.legalComparisonReport()));
            String verdict;
            List<String> citations = new ArrayList<>(rules.references());
            boolean malicious = Boolean.FALSE.equals(n.goodFaith())
                    || (n.goodFaith() == null && "MALICIOUS".equals(rules.absentGoodFaith().value()));
            if (malicious) {
                verdict = "MALICIOUS";
                citations.addAll(rules.maliciousMultiplier().references());
                reasons.add(label + ": not made in good faith; the notifier is liable to the seller ×"
                        + rules.maliciousMultiplier().value().stripTrailingZeros().toPlainString());
            } else if (Boolean.TRUE.equals(n.goodFaith()) && n.legalComparisonReport()
                    && rules.reportReducesLiability().value()) {
                verdict = "REDUCED_OR_EXEMPT";
                citations.addAll(rules.reportReducesLiability().references());
                reasons.add(label + ": made in good faith on a legal comparison report; the notifier's liability is"
                        + " reduced or removed");
            } else {
                verdict = "ORDINARY";
                if (n.goodFaith() == null) {
                    citations.addAll(rules.absentGoodFaith().references());
                }
                reasons.add(label + ": wrong" + (Boolean.TRUE.equals(n.goodFaith()) ? " though in good faith" : "")
                        + "; the notifier is liable to the seller for the harm it caused");
            }
            if (!Qualification.of(n, ctx.pack.notice()).qualified() && removed) {
                actedOnUnqualified = true;
            }
            worst = worse(worst, verdict);
            children.add(TraceNode.leaf("notifier.erroneous-notice", TraceNode.Step.NOTIFIER, APPLIED,
                    reasons.get(reasons.size() - 1), facts, dedupe(citations)));
        }
        if (worst == null) {
            return new Result(Optional.empty(), Optional.empty());
        }
        String platform = actedOnUnqualified ? "POSSIBLE" : "NONE";
        reasons.add(actedOnUnqualified ? "the platform removed the listing on a notice that was not qualified and"
                + " may answer to the seller" : "the platform acted on a qualified notice and owes the seller nothing");
        TraceNode node = new TraceNode("notifier.liability", TraceNode.Step.NOTIFIER, APPLIED,
                "the notifier's liability towards the seller is " + worst + "; the platform's is " + platform,
                List.of(), rules.references(), children);
        return new Result(Optional.of(new Assessment.NotifierLiability(worst, platform, reasons, rules.references())),
                Optional.of(node));
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("REDUCED_OR_EXEMPT", "ORDINARY", "MALICIOUS");
        return a == null || order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    private static List<String> dedupe(List<String> list) {
        return list.stream().distinct().toList();
    }
}
