package org.redflag.law;

import java.util.List;
import java.util.Optional;

/**
 * How long measures stay after a counter-notice before they must be lifted, unless the right holder reports a
 * complaint or suit. {@code restoreBy} is the latest moment to restore, where the law sets one (US §512(g)).
 */
public record CounterNoticeRules(TimeLimit waitingPeriod, Optional<TimeLimit> restoreBy, RunsFrom runsFrom,
                                 List<String> references) {

    public enum RunsFrom { RECEIVED, FORWARDED }

    public CounterNoticeRules {
        references = List.copyOf(references);
    }
}
