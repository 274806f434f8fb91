package org.redflag.law;

import java.util.Arrays;
import java.util.Optional;

/** A measure a platform may have in place (case field {@code platform.measures}); {@link #key()} is its field name. */
public enum PlatformMeasure {
    NOTICE_AND_TAKEDOWN_PROCEDURE("noticeAndTakedownProcedure"),
    SELLER_IDENTITY_VERIFIED("sellerIdentityVerified"),
    KEYWORD_FILTERING("keywordFiltering"),
    PROACTIVE_MONITORING("proactiveMonitoring"),
    REPEAT_INFRINGER_POLICY("repeatInfringerPolicy"),
    WAREHOUSE_SAMPLING("warehouseSampling"),
    LOGISTICS_RECORDS("logisticsRecords"),
    SUPPLY_CHAIN_TRACEABILITY("supplyChainTraceability"),
    FREQUENT_REPORT_FUND_FREEZE("frequentReportFundFreeze"),
    ANOMALOUS_TRANSACTION_REVIEW("anomalousTransactionReview"),
    COMPENSATION_DEPOSIT("compensationDeposit");

    private final String key;

    PlatformMeasure(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PlatformMeasure> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
