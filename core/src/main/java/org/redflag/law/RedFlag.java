package org.redflag.law;

/**
 * Circumstances from which a platform should have known of an infringement (constructive knowledge).
 * The first five codes are those of the screening-result contract; the last two arise only from case facts.
 */
public enum RedFlag {
    COUNTERFEIT_KEYWORD, PRICE_BELOW_GENUINE, SALES_ANOMALY, LINKED_TO_BANNED_SELLER, FOREIGN_ORDER,
    REPEATED_NOTICES, PROMOTED_WITHOUT_REVIEW
}
