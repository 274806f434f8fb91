package org.redflag.law;

import java.math.BigDecimal;
import java.util.List;

/** The notifier's liability for a notice that turned out wrong. */
public record ErroneousNoticeRules(List<String> references, Parameter<BigDecimal> maliciousMultiplier,
                                   Parameter<Boolean> reportReducesLiability, Parameter<String> absentGoodFaith) {

    public ErroneousNoticeRules {
        references = List.copyOf(references);
    }
}
