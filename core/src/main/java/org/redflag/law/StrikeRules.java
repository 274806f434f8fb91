package org.redflag.law;

import java.util.List;
import java.util.Optional;

/** The ladder of discipline for repeat infringers: what each strike brings, and how long strikes count. */
public record StrikeRules(List<String> references, TimeLimit window, List<Step> ladder) {

    public StrikeRules {
        references = List.copyOf(references);
        ladder = List.copyOf(ladder);
    }

    public enum StrikeAction { FREEZE_FUNDS, DEDUCT_DEPOSIT, TERMINATE_ACCOUNT }

    public record Step(int strike, StrikeAction action, Optional<TimeLimit> period, List<String> references) {
        public Step {
            references = List.copyOf(references);
        }
    }
}
