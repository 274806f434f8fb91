package org.redflag.law;

/** A platform's business model towards a transaction (source paper, Table 2). */
public enum PlatformService {
    INFORMATION_INTERMEDIARY, LOGISTICS_WAREHOUSING, MARKETING_REVENUE_SHARING, PAYMENT_SETTLEMENT
}
