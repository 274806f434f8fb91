package org.redflag.liability;

import java.util.List;
import java.util.Optional;
import org.redflag.law.DutyLevel;
import org.redflag.law.PolicyPack;
import org.redflag.law.RedFlag;

/**
 * The result of assessing one case under one pack: the outcome, the reasoning as a trace tree, and what goes with it.
 * It keeps the pack and the facts it was made on, so it can be replayed.
 *
 * @param knowledgeSince the earliest known moment knowledge arose, if any is known
 * @param assessedAt how the moment of judgment was chosen, in words
 */
public record Assessment(
        CaseFacts input,
        PolicyPack pack,
        String assessedAt,
        DutyLevel dutyOfCare,
        Knowledge knowledge,
        Optional<FactTime> knowledgeSince,
        SafeHarbour safeHarbour,
        Liability liability,
        List<FlagFinding> redFlags,
        TraceNode trace,
        List<ObligationCheck> obligations,
        List<JudicialFinding> judicialTest,
        Optional<NotifierLiability> notifierLiability,
        List<String> counterfactuals) {

    public Assessment {
        redFlags = List.copyOf(redFlags);
        obligations = List.copyOf(obligations);
        judicialTest = List.copyOf(judicialTest);
        counterfactuals = List.copyOf(counterfactuals);
    }

    public boolean platformLiable() {
        return liability.liable();
    }

    Assessment withCounterfactuals(List<String> sentences) {
        return new Assessment(input, pack, assessedAt, dutyOfCare, knowledge, knowledgeSince, safeHarbour, liability,
                redFlags, trace, obligations, judicialTest, notifierLiability, sentences);
    }

    /** A red flag that was raised and counts at the platform's duty level. */
    public record FlagFinding(RedFlag code, String detail, List<String> citations) {
        public FlagFinding {
            citations = List.copyOf(citations);
        }
    }

    /** A Table 2 obligation or exemption condition, and whether the platform met it. */
    public record ObligationCheck(String kind, String text, Status status, List<String> citations) {
        public enum Status { MET, UNMET, NOT_TESTED }

        public ObligationCheck {
            citations = List.copyOf(citations);
        }
    }

    /** One question of the judicial three-step test, with its answer and why. */
    public record JudicialFinding(String question, Answer answer, String reason, List<String> citations) {
        public enum Answer { YES, NO, UNKNOWN }

        public JudicialFinding {
            citations = List.copyOf(citations);
        }
    }

    /** The notifier's liability towards the seller for erroneous notices, and the platform's. */
    public record NotifierLiability(String liability, String platformTowardsSeller, List<String> reasons,
                                    List<String> citations) {
        public NotifierLiability {
            reasons = List.copyOf(reasons);
            citations = List.copyOf(citations);
        }
    }

    /** Agreement with the case's {@code expected} holding, where it has one. */
    public Optional<Boolean> agreesWithExpected() {
        CaseFacts.Expected e = input.expected();
        if (e == null || (e.platformLiable() == null && e.knowledge() == null)) {
            return Optional.empty();
        }
        boolean liableOk = e.platformLiable() == null || e.platformLiable() == platformLiable();
        boolean knowledgeOk = e.knowledge() == null || e.knowledge().equals(knowledge.name());
        return Optional.of(liableOk && knowledgeOk);
    }
}
