package org.redflag.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redflag.law.PolicyPack;
import org.redflag.law.RedFlag;
import org.redflag.law.RedFlagRules;

/**
 * Screens one listing with every detector, driven by the pack: counterfeit keywords, price below the genuine price
 * (under the pack's ratio, branded goods only, same currency only), sales anomaly (over the pack's multiple of the
 * category's units with over its multiple of the category's negative-review share), a banned seller, a foreign
 * order against the seller. Not thread-safe: one screener per thread.
 *
 * <p>Risk in [0, 1] combines the flags as independent signals: 1 − Π(1 − w), with each flag's weight w from the
 * pack's {@code riskWeights} (the shipped packs: 0.7 for an unambiguous counterfeit term, 0.5 for a term that needs
 * a brand, 0.5 price, 0.4 sales, 0.6 banned seller, 0.7 foreign order).
 */
public final class Screener {

    /** One flag: the code, a sentence with the figures, the evidence, the provisions the presumption rests on. */
    public record Flag(RedFlag code, String detail, Map<String, Object> evidence, List<String> citations,
                       double weight) {
    }

    public record Result(String listingId, List<Flag> flags, double risk) {
    }

    /** A listing whose price is in another currency than its genuine price: an error, never a guess. */
    public static final class CurrencyMismatch extends RuntimeException {
        public CurrencyMismatch(String message) {
            super(message);
        }
    }

    private final KeywordDetector keywords;
    private final CounterfeitDictionary dictionary;
    private final ReferenceData reference;
    private final CategoryStats stats;
    private final BigDecimal priceRatio;
    private final double ratio;
    private final String percent; // the ratio as a percentage, for the price flag's detail
    private final double salesMultiple;
    private final double negativeMultiple;
    private final int minCategoryListings;
    private final org.redflag.law.RiskWeights weights;
    /** The pack's citations for each flag, looked up once. */
    private final Map<RedFlag, List<String>> citations = new java.util.EnumMap<>(RedFlag.class);

    public Screener(CounterfeitDictionary dictionary, ReferenceData reference, CategoryStats stats, PolicyPack pack) {
        this.dictionary = dictionary;
        this.keywords = new KeywordDetector(dictionary);
        this.reference = reference;
        this.stats = stats;
        RedFlagRules r = pack.redFlags();
        this.priceRatio = r.priceRatio().value();
        this.ratio = priceRatio.doubleValue();
        this.percent = priceRatio.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
        this.salesMultiple = r.salesMultiple().value().doubleValue();
        this.negativeMultiple = r.negativeReviewMultiple().value().doubleValue();
        this.minCategoryListings = r.minCategoryListings().value().intValueExact();
        this.weights = r.riskWeights();
        for (RedFlag code : RedFlag.values()) {
            citations.put(code, r.rule(code).map(RedFlagRules.FlagRule::references).orElse(List.of()));
        }
    }

    public Result screen(Listing l) {
        List<Flag> flags = new ArrayList<>(2);
        KeywordDetector.Result k = keywords.detect(l.title(), l.description(), l.brand());
        if (!k.hits().isEmpty()) {
            flags.add(keywordFlag(k));
        }
        // Branded means the listing declares the brand; a brand merely named in the text ("compatible with
        // Dyson V11") does not make the goods branded for the price test.
        String brand = dictionary.brandOf(l.brand());
        if (brand != null && l.price() != null) {
            ReferenceData.GenuinePrice g = reference.genuinePrice(brand, l.category());
            if (g != null) {
                if (l.currency() == null || !l.currency().equals(g.currency())) {
                    throw currencyMismatch(l, brand, g);
                }
                if (below(l.price(), g.price())) {
                    flags.add(priceFlag(l, brand, g));
                }
            }
        }
        if (l.unitsSold() != null && l.negativeReviewRatio() != null) {
            double[] avg = stats.averages(l.category(), minCategoryListings);
            // averages are sums of doubles: compare with a relative tolerance so exactly 10× is not "over" 10×
            if (avg != null && avg[0] > 0 && l.unitsSold() > salesMultiple * avg[0] * (1 + 1e-9)
                    && l.negativeReviewRatio() > negativeMultiple * avg[1] * (1 + 1e-9)) {
                flags.add(salesFlag(l, avg));
            }
        }
        if (reference.banned(l.sellerId())) {
            flags.add(flag(RedFlag.LINKED_TO_BANNED_SELLER, "The seller " + l.sellerId() + " is on the banned-seller"
                    + " list.", new Fields().with("sellerId", l.sellerId()), weights.linkedToBannedSeller()));
        }
        ReferenceData.ForeignOrder o = reference.order(l.sellerId());
        if (o != null) {
            flags.add(orderFlag(o));
        }
        if (flags.isEmpty()) {
            return new Result(l.id(), flags, 0);
        }
        double keep = 1;
        for (Flag f : flags) {
            keep *= 1 - f.weight();
        }
        return new Result(l.id(), flags, Math.round((1 - keep) * 1000) / 1000.0);
    }

    // The flags and their evidence, each built in a method of its own.

    private Flag keywordFlag(KeywordDetector.Result k) {
        KeywordDetector.Hit h = k.hits().get(0);
        boolean alone = false;
        for (KeywordDetector.Hit x : k.hits()) {
            alone |= x.entry().kind() == CounterfeitDictionary.Kind.ALONE;
        }
        Fields ev = new Fields();
        List<Map<String, Object>> matches = new ArrayList<>();
        for (KeywordDetector.Hit x : k.hits()) {
            matches.add(new Fields().with("text", x.original()).with("start", x.start()).with("end", x.end())
                    .with("normalised", x.folded()).with("term", x.entry().term())
                    .with("kind", x.entry().kind().name()).with("entry", x.entry().source()));
        }
        ev.with("matches", matches);
        if (!k.brands().isEmpty()) {
            ev.with("brands", List.copyOf(k.brands()));
        }
        return flag(RedFlag.COUNTERFEIT_KEYWORD, "The listing says \"" + h.original() + "\" ("
                + h.entry().term() + (h.entry().kind() == CounterfeitDictionary.Kind.WITH_BRAND
                ? ", beside the brand " + k.brands().iterator().next() : "") + ").", ev, alone ? weights.keywordAlone()
                : weights.keywordWithBrand());
    }

    private static CurrencyMismatch currencyMismatch(Listing l, String brand, ReferenceData.GenuinePrice g) {
        return new CurrencyMismatch("price in " + (l.currency() == null ? "no stated currency" : l.currency())
                + " but the genuine price of " + brand + " is in " + g.currency() + " (" + g.source()
                + "); no exchange rate is guessed");
    }

    private Flag priceFlag(Listing l, String brand, ReferenceData.GenuinePrice g) {
        Fields ev = new Fields().with("price", l.price()).with("genuinePrice", g.price())
                .with("currency", g.currency()).with("ratio", Math.round(l.price() / g.price() * 1000) / 1000.0)
                .with("threshold", priceRatio).with("priceList", g.source());
        return flag(RedFlag.PRICE_BELOW_GENUINE, brand + " goods at " + Decimals.fixed(l.price(), 2) + " "
                + g.currency() + ", " + Decimals.fixed(100 * l.price() / g.price(), 0) + " % of the genuine "
                + Decimals.fixed(g.price(), 2) + ", under " + percent + " %.", ev, weights.priceBelowGenuine());
    }

    private Flag salesFlag(Listing l, double[] avg) {
        Fields ev = new Fields().with("unitsSold", l.unitsSold())
                .with("categoryAverageUnitsSold", Math.round(avg[0] * 100) / 100.0)
                .with("negativeReviewRatio", l.negativeReviewRatio())
                .with("categoryNegativeReviewRatio", Math.round(avg[1] * 1000) / 1000.0)
                .with("salesMultiple", salesMultiple).with("negativeReviewMultiple", negativeMultiple);
        return flag(RedFlag.SALES_ANOMALY, Decimals.fixed(l.unitsSold(), 0) + " units sold, "
                + Decimals.fixed(l.unitsSold() / avg[0], 1) + "× the category average, with "
                + Decimals.fixed(100 * l.negativeReviewRatio(), 0) + " % negative reviews against "
                + Decimals.fixed(100 * avg[1], 0) + " %.", ev, weights.salesAnomaly());
    }

    private Flag orderFlag(ReferenceData.ForeignOrder o) {
        Fields ev = new Fields().with("sellerId", o.sellerId()).with("kind", o.kind()).with("court", o.court())
                .with("issuedAt", o.issuedAt().toString());
        if (o.servedAt() != null) {
            ev.with("servedAt", o.servedAt().toString());
        }
        return flag(RedFlag.FOREIGN_ORDER, "A " + o.kind() + " of " + o.court() + " issued " + o.issuedAt()
                + " names the seller " + o.sellerId() + ".", ev, weights.foreignOrder());
    }

    /**
     * Whether the price is under the pack's ratio of the genuine price, in decimal arithmetic (0.70 × 100.00 is 70.00
     * exactly, and 70.00 is not under it). Far from the limit, doubles decide without building decimals.
     */
    private boolean below(double price, double genuine) {
        double limit = ratio * genuine;
        if (price < limit * (1 - 1e-9)) {
            return true;
        }
        if (price > limit * (1 + 1e-9)) {
            return false;
        }
        return BigDecimal.valueOf(price).compareTo(priceRatio.multiply(BigDecimal.valueOf(genuine))) < 0;
    }

    private Flag flag(RedFlag code, String detail, Map<String, Object> evidence, double weight) {
        return new Flag(code, detail, evidence, citations.get(code), weight);
    }
}
