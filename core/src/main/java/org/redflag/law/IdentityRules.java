package org.redflag.law;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the pack says about identities: what a registration linked to a banned identity gets, when an identifier is a
 * hub, and the deposit, which grows with the identity's risk: base × (1 + perStrike × strikes + perFlag × flags)
 * × the category's factor, in minor units, rounded up.
 */
public record IdentityRules(List<String> references, Parameter<String> onLinkedRegistration,
                            Parameter<BigDecimal> hubThreshold, Parameter<BigDecimal> depositBase,
                            Parameter<BigDecimal> depositPerStrike, Parameter<BigDecimal> depositPerFlag) {

    public IdentityRules {
        references = List.copyOf(references);
    }

    /** The deposit an identity must hold, in minor units. */
    public long requiredDeposit(long activeStrikes, long flaggedListings, BigDecimal categoryFactor) {
        BigDecimal factor = BigDecimal.ONE.add(depositPerStrike.value().multiply(BigDecimal.valueOf(activeStrikes)))
                .add(depositPerFlag.value().multiply(BigDecimal.valueOf(flaggedListings)));
        return depositBase.value().multiply(factor).multiply(categoryFactor).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }
}
