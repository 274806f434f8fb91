package org.redflag.law;

import java.util.List;

/**
 * What each screening flag adds to a listing's risk, which is 1 − Π(1 − w) over its flags: the order review queues
 * show listings in, not a legal threshold. A keyword flag weighs {@code keywordAlone} for a term that counts by
 * itself and {@code keywordWithBrand} for one that counts only beside a protected brand.
 */
public record RiskWeights(List<String> references, String note, double keywordAlone, double keywordWithBrand,
                          double priceBelowGenuine, double salesAnomaly, double linkedToBannedSeller,
                          double foreignOrder) {

    public RiskWeights {
        references = List.copyOf(references);
    }
}
