package org.redflag.liability;

import java.util.List;
import org.redflag.law.ActionType;
import org.redflag.law.PlatformMeasure;
import org.redflag.law.PlatformService;
import org.redflag.notice.Notice;

/**
 * The facts of one dispute, as the case schema ({@code case.schema.json}) defines them. Dates stay as written
 * (ISO-8601 date or date-time) and are read against the pack's time zone by {@link Timeline}. Absent booleans are
 * false and absent numbers unknown ({@code null}), as the schema says.
 */
public record CaseFacts(
        String id,
        String title,
        String court,
        Integer year,
        String citation,
        String jurisdiction,
        String rightType,
        String assessedAt,
        Platform platform,
        Listing listing,
        Seller seller,
        List<Notice> notices,
        List<CounterNotice> counterNotices,
        String rightsHolderActionFiledAt,
        List<PlatformAction> platformActions,
        List<ForeignOrder> foreignOrders,
        boolean generalKnowledgeOnly,
        CostBenefit costBenefit,
        Expected expected) {

    public CaseFacts {
        listing = listing == null ? Listing.EMPTY : listing;
        seller = seller == null ? Seller.EMPTY : seller;
        notices = notices == null ? List.of() : List.copyOf(notices);
        counterNotices = counterNotices == null ? List.of() : List.copyOf(counterNotices);
        platformActions = platformActions == null ? List.of() : List.copyOf(platformActions);
        foreignOrders = foreignOrders == null ? List.of() : List.copyOf(foreignOrders);
    }

    public record Platform(String name, List<PlatformService> services, boolean algorithmicRecommendation,
                           boolean editorialPromotion, boolean presentsOffersAsOwn, Measures measures) {
        public Platform {
            services = List.copyOf(services);
            measures = measures == null ? Measures.NONE : measures;
        }

        /** Active intervention: the platform recommended, optimised or promoted the listing. */
        public boolean activeRole() {
            return algorithmicRecommendation || editorialPromotion;
        }

        public Platform with(List<PlatformService> s, boolean algo, boolean editorial, boolean own, Measures m) {
            return new Platform(name, s, algo, editorial, own, m);
        }
    }

    public record Measures(boolean noticeAndTakedownProcedure, boolean sellerIdentityVerified,
                           boolean keywordFiltering, boolean proactiveMonitoring, String monitoringSystemUpdatedAt,
                           boolean repeatInfringerPolicy, boolean warehouseSampling, boolean logisticsRecords,
                           boolean supplyChainTraceability, boolean frequentReportFundFreeze,
                           boolean anomalousTransactionReview, boolean compensationDeposit) {

        public static final Measures NONE = new Measures(false, false, false, false, null, false, false, false, false,
                false, false, false);

        public boolean has(PlatformMeasure m) {
            return switch (m) {
                case NOTICE_AND_TAKEDOWN_PROCEDURE -> noticeAndTakedownProcedure;
                case SELLER_IDENTITY_VERIFIED -> sellerIdentityVerified;
                case KEYWORD_FILTERING -> keywordFiltering;
                case PROACTIVE_MONITORING -> proactiveMonitoring;
                case REPEAT_INFRINGER_POLICY -> repeatInfringerPolicy;
                case WAREHOUSE_SAMPLING -> warehouseSampling;
                case LOGISTICS_RECORDS -> logisticsRecords;
                case SUPPLY_CHAIN_TRACEABILITY -> supplyChainTraceability;
                case FREQUENT_REPORT_FUND_FREEZE -> frequentReportFundFreeze;
                case ANOMALOUS_TRANSACTION_REVIEW -> anomalousTransactionReview;
                case COMPENSATION_DEPOSIT -> compensationDeposit;
            };
        }

        public Measures withProactiveMonitoring(boolean on) {
            return new Measures(noticeAndTakedownProcedure, sellerIdentityVerified, keywordFiltering, on,
                    monitoringSystemUpdatedAt, repeatInfringerPolicy, warehouseSampling, logisticsRecords,
                    supplyChainTraceability, frequentReportFundFreeze, anomalousTransactionReview,
                    compensationDeposit);
        }
    }

    public record Listing(String title, String description, List<String> keywords, boolean branded, Double price,
                          Double genuinePrice, String currency, Double unitsSold, Double categoryAverageUnitsSold,
                          Double negativeReviewRatio, Double categoryNegativeReviewRatio) {

        public static final Listing EMPTY = new Listing(null, null, List.of(), false, null, null, null, null, null,
                null, null);

        public Listing {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        public Listing withText(String t, String d, List<String> k) {
            return new Listing(t, d, k, branded, price, genuinePrice, currency, unitsSold, categoryAverageUnitsSold,
                    negativeReviewRatio, categoryNegativeReviewRatio);
        }

        public Listing withBranded(boolean b) {
            return new Listing(title, description, keywords, b, price, genuinePrice, currency, unitsSold,
                    categoryAverageUnitsSold, negativeReviewRatio, categoryNegativeReviewRatio);
        }

        public Listing withPrice(Double p) {
            return new Listing(title, description, keywords, branded, p, genuinePrice, currency, unitsSold,
                    categoryAverageUnitsSold, negativeReviewRatio, categoryNegativeReviewRatio);
        }

        public Listing withUnitsSold(Double u) {
            return new Listing(title, description, keywords, branded, price, genuinePrice, currency, u,
                    categoryAverageUnitsSold, negativeReviewRatio, categoryNegativeReviewRatio);
        }
    }

    public record Seller(String id, boolean linkedToBannedAccounts, Integer priorNoticesAgainstSeller,
                         Integer priorStrikes) {
        public static final Seller EMPTY = new Seller(null, false, null, null);

        public int priorNotices() {
            return priorNoticesAgainstSeller == null ? 0 : priorNoticesAgainstSeller;
        }

        public Seller withLinked(boolean linked) {
            return new Seller(id, linked, priorNoticesAgainstSeller, priorStrikes);
        }

        public Seller withPriorNotices(Integer n) {
            return new Seller(id, linkedToBannedAccounts, n, priorStrikes);
        }
    }

    public record CounterNotice(String receivedAt, String forwardedAt) {
    }

    public record PlatformAction(ActionType type, String at, String note) {
    }

    public record ForeignOrder(String kind, String court, String issuedAt, String servedAt, String implementedAt) {
        public ForeignOrder withImplementedAt(String at) {
            return new ForeignOrder(kind, court, issuedAt, servedAt, at);
        }
    }

    public record CostBenefit(Double preventionCost, Double expectedHarm, String currency) {
    }

    public record Expected(Boolean platformLiable, String knowledge, String basis, String source) {
    }

    public CaseFacts withPlatform(Platform p) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, p, listing, seller,
                notices, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }

    public CaseFacts withListing(Listing l) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, platform, l, seller,
                notices, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }

    public CaseFacts withSeller(Seller s) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, platform, listing,
                s, notices, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }

    public CaseFacts withNotices(List<Notice> n) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, platform, listing,
                seller, n, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }

    public CaseFacts withActions(List<PlatformAction> a) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, platform, listing,
                seller, notices, counterNotices, rightsHolderActionFiledAt, a, foreignOrders, generalKnowledgeOnly,
                costBenefit, expected);
    }

    public CaseFacts withForeignOrders(List<ForeignOrder> f) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, assessedAt, platform, listing,
                seller, notices, counterNotices, rightsHolderActionFiledAt, platformActions, f, generalKnowledgeOnly,
                costBenefit, expected);
    }

    public CaseFacts withAssessedAt(String at) {
        return new CaseFacts(id, title, court, year, citation, jurisdiction, rightType, at, platform, listing, seller,
                notices, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }

    public CaseFacts withJurisdiction(String j) {
        return new CaseFacts(id, title, court, year, citation, j, rightType, assessedAt, platform, listing, seller,
                notices, counterNotices, rightsHolderActionFiledAt, platformActions, foreignOrders,
                generalKnowledgeOnly, costBenefit, expected);
    }
}
