package org.redflag.app.listing;

import java.nio.file.Path;
import java.util.List;
import org.redflag.app.law.Packs;
import org.redflag.law.PolicyPack;
import org.redflag.screening.CategoryStats;
import org.redflag.screening.CategoryStatsFile;
import org.redflag.screening.CounterfeitDictionary;
import org.redflag.screening.Listing;
import org.redflag.screening.ReferenceData;
import org.redflag.screening.Screener;
import org.redflag.source.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Screening in the server: the shipped dictionary (plus {@code redflag.screening.dictionary}), reference data from
 * {@code redflag.screening.genuine-prices}, {@code .banned-sellers} and {@code .foreign-orders}, and category
 * statistics from the listings stored, kept up to date as listings arrive; with {@code .category-stats} (a file
 * {@code redflag screen --save-category-stats} wrote, from the catalogue say) they start from that file's figures,
 * and the listings stored and arriving add to them.
 */
@Component
public class ListingScreening {

    private final CounterfeitDictionary dictionary;
    private final ReferenceData reference;
    private final CategoryStats stats;
    private final PolicyPack pack;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    public ListingScreening(@Value("${redflag.screening.dictionary:}") String dictionaryFile,
                            @Value("${redflag.screening.genuine-prices:}") String prices,
                            @Value("${redflag.screening.banned-sellers:}") String banned,
                            @Value("${redflag.screening.foreign-orders:}") String orders,
                            @Value("${redflag.screening.category-stats:}") String categoryStats,
                            Packs packs, JdbcClient jdbc, io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        try {
            this.dictionary = CounterfeitDictionary.with(dictionaryFile.isBlank() ? List.of()
                    : List.of(Path.of(dictionaryFile)));
        } catch (CounterfeitDictionary.InvalidLine e) {
            throw new org.redflag.app.problem.BadSetting("redflag.screening.dictionary", e.getMessage());
        }
        try {
            this.reference = ReferenceData.load(path(prices), path(banned), path(orders), dictionary);
        } catch (InvalidInputException e) {
            String file = e.problems().isEmpty() ? "" : e.problems().get(0).file();
            String setting = file.equals(banned) ? "banned-sellers" : file.equals(orders) ? "foreign-orders"
                    : "genuine-prices";
            throw new org.redflag.app.problem.BadSetting("redflag.screening." + setting, e.getMessage());
        }
        try {
            this.stats = categoryStats.isBlank() ? new CategoryStats()
                    : CategoryStatsFile.read(Path.of(categoryStats));
        } catch (InvalidInputException e) {
            throw new org.redflag.app.problem.BadSetting("redflag.screening.category-stats", e.getMessage());
        }
        this.pack = packs.defaultPack();
        // summed by the database, a row per category: memory does not grow with the listings stored
        jdbc.sql("SELECT COALESCE(category, '') AS c, COUNT(*), SUM(units_sold), COUNT(negative_review_ratio),"
                        + " SUM(negative_review_ratio) FROM listings WHERE units_sold IS NOT NULL"
                        + " GROUP BY COALESCE(category, '')")
                .query((rs, i) -> new CategoryStats.Figures(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                        rs.getLong(4), rs.getDouble(5)))
                .list().forEach(stats::add);
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    /** The statistics as they stand: a copy, since listings arriving meanwhile add to them. */
    public CategoryStats statistics() {
        synchronized (stats) {
            return stats.copy();
        }
    }

    /**
     * Screens listings; a new screener per call, since screeners keep per-listing buffers, over a copy of the
     * statistics as they stand, since listings arriving meanwhile add to them.
     */
    public List<Screener.Result> screen(List<Listing> listings) {
        Screener screener = new Screener(dictionary, reference, statistics(), pack);
        return listings.stream().map(screener::screen).toList();
    }

    /**
     * Registers a listing as it arrives: screened, stored with the facts screening read and the flags it raised,
     * and counted in its category's statistics. The caller's transaction keeps the three together.
     *
     * @throws Screener.CurrencyMismatch when the listing's currency is not its genuine price's
     */
    public Screener.Result register(Listings listings, Listing l, Long sellerAccountId) {
        Screener.Result result = screen(List.of(l)).get(0);
        listings.create(l.id(), sellerAccountId, l.title());
        listings.screened(l.id(), l.description(), l.brand(), l.category(), l.price(), l.currency(), l.unitsSold(),
                l.negativeReviewRatio(), result);
        learn(l);
        for (var flag : result.flags()) { // redflag_listing_flags_total{code=...}, once the listing is kept
            org.redflag.app.infrastructure.AfterCommit.run(() -> meters.counter("redflag.listing.flags", "code",
                    flag.code().name()).increment());
        }
        return result;
    }

    /** Counts an ingested listing in its category's statistics. */
    public void learn(Listing l) {
        synchronized (stats) {
            stats.add(l);
        }
    }
}
