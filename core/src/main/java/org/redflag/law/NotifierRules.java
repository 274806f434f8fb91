package org.redflag.law;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a notifier's record decides its standing (DSA Arts. 22–23; ECL Art. 42 on erroneous and malicious notices):
 * over a rolling window, once enough of its notices are decided, a high takedown rate with few successful
 * counter-notices makes it trusted (queued first); a low takedown rate earns a warning, and repeated warnings a
 * suspension for a period.
 */
public record NotifierRules(List<String> references, TimeLimit window, Parameter<BigDecimal> minimumDecided,
                            Parameter<BigDecimal> trustedTakedownRate, Parameter<BigDecimal> trustedMaxCounterSuccess,
                            Parameter<BigDecimal> warnBelowTakedownRate, Parameter<BigDecimal> suspendAfterWarnings,
                            TimeLimit suspension, Parameter<BigDecimal> maxListingsPerNotice) {

    public NotifierRules {
        references = List.copyOf(references);
    }
}
