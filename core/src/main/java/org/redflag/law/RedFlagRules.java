package org.redflag.law;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which red flags count at which duty level, the thresholds that raise them, and what the platform must then do. */
public record RedFlagRules(
        List<String> generalKnowledgeReferences,
        List<MeasureGroup> measures,
        Map<RedFlag, FlagRule> flags,
        Parameter<BigDecimal> priceRatio,
        Parameter<BigDecimal> salesMultiple,
        Parameter<BigDecimal> negativeReviewMultiple,
        Parameter<BigDecimal> minCategoryListings,
        Parameter<BigDecimal> repeatNoticeThreshold,
        CounterfeitTerms counterfeitTerms,
        RiskWeights riskWeights) {

    public RedFlagRules {
        generalKnowledgeReferences = List.copyOf(generalKnowledgeReferences);
        measures = List.copyOf(measures);
        flags = Map.copyOf(flags);
    }

    /** The rule for one flag, or empty where the pack does not count it at all. */
    public Optional<FlagRule> rule(RedFlag flag) {
        return Optional.ofNullable(flags.get(flag));
    }

    /** The measures knowledge from {@code flag} calls for: its own, or the pack's default. */
    public List<MeasureGroup> measuresFor(RedFlag flag) {
        return rule(flag).flatMap(FlagRule::measures).orElse(measures);
    }

    public record FlagRule(DutyLevel countsFrom, List<String> references, String text,
                           Optional<List<MeasureGroup>> measures) {
        public FlagRule {
            references = List.copyOf(references);
        }
    }

    /**
     * Counterfeit vocabulary, matched on text folded to NFKC lower case: {@code alone} terms count by themselves,
     * {@code withBrand} terms only in a branded listing, and {@code notTerms} are legitimate phrases that contain a
     * term (高仿真 artificial flowers, AAA batteries) and are blanked out before matching.
     */
    public record CounterfeitTerms(List<String> references, List<String> alone, List<String> withBrand,
                                   List<String> notTerms) {
        public CounterfeitTerms {
            references = List.copyOf(references);
            alone = List.copyOf(alone);
            withBrand = List.copyOf(withBrand);
            notTerms = List.copyOf(notTerms);
        }
    }
}
