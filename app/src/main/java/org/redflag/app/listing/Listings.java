package org.redflag.app.listing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's listings. */
@Repository
public class Listings {

    public enum Status { ONLINE, REMOVED }

    public record Listing(String id, Long sellerAccountId, String title, Status status) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public Listings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void create(String id, Long sellerAccountId, String title) {
        jdbc.sql("INSERT INTO listings (id, seller_account_id, title, status, created_at) VALUES (:i, :s, :t, 'ONLINE', :c)")
                .param("i", id).param("s", sellerAccountId).param("t", title)
                .param("c", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    public Optional<Listing> find(String id) {
        return jdbc.sql("SELECT id, seller_account_id, title, status FROM listings WHERE id = :i").param("i", id)
                .query(Listings::row).optional();
    }

    public List<Listing> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, seller_account_id, title, status FROM listings WHERE id = ANY (:ids)")
                .param("ids", ids(ids)).query(Listings::row).list();
    }

    public void setStatus(Collection<String> ids, Status status) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE listings SET status = :s WHERE id = ANY (:ids)").param("s", status.name())
                    .param("ids", ids(ids)).update();
        }
    }

    /**
     * Listing ids as one array parameter ({@code id = ANY (:ids)}), not as a list spelled out ({@code IN (:ids)}):
     * the statement is the same whatever the number of ids, so PostgreSQL plans it once, and its generic plan looks
     * the ids up in the key's index. A list of a dozen parameters or more, on a table without statistics, was
     * planned as a scan of the whole table that built the list anew for every row (3 ms for 5,000 listings, where
     * the index takes a tenth of a millisecond).
     */
    private static org.springframework.jdbc.support.SqlArrayValue ids(Collection<String> ids) {
        return new org.springframework.jdbc.support.SqlArrayValue("varchar", ids.toArray());
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().build();

    /** Stores the facts screening read and the flags it raised. */
    public void screened(String id, String description, String brand, String category, Double price, String currency,
                         Double unitsSold, Double negativeReviewRatio, org.redflag.screening.Screener.Result result) {
        jdbc.sql("UPDATE listings SET description = :d, brand = :b, category = :c, price = :p, currency = :cu,"
                        + " units_sold = :u, negative_review_ratio = :n, risk = :r WHERE id = :id")
                .param("d", description).param("b", brand).param("c", category).param("p", price)
                .param("cu", currency).param("u", unitsSold).param("n", negativeReviewRatio)
                .param("r", result.risk()).param("id", id).update();
        for (var f : result.flags()) {
            jdbc.sql("INSERT INTO listing_flags (listing_id, code, detail, evidence, citations)"
                            + " VALUES (:l, :c, :d, :e, :ci)")
                    .param("l", id).param("c", f.code().name()).param("d", FlagStorage.detail(f.detail()))
                    .param("e", FlagStorage.evidence(f.evidence()))
                    .param("ci", String.join(",", f.citations())).update();
        }
    }

    public record StoredFlag(String code, String detail, java.util.Map<String, Object> evidence,
                             List<String> citations) {
    }

    public List<StoredFlag> flags(String id) {
        return jdbc.sql("SELECT code, detail, evidence, citations FROM listing_flags WHERE listing_id = :l ORDER BY code")
                .param("l", id).query((rs, i) -> new StoredFlag(rs.getString(1), rs.getString(2),
                        evidence(rs.getString(3)),
                        rs.getString(4) == null || rs.getString(4).isEmpty() ? List.of()
                                : List.of(rs.getString(4).split(",")))).list();
    }

    /**
     * A flag's stored evidence. Rows written before evidence was fitted to its column could hold JSON cut off at
     * 8,000 characters; such a row reads as a note saying so rather than failing the listing.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> evidence(String json) {
        if (json == null) {
            return java.util.Map.of();
        }
        try {
            return JSON.readValue(json, java.util.Map.class);
        } catch (tools.jackson.core.JacksonException e) {
            return java.util.Map.of("unreadable", "the stored evidence was cut short (" + json.length()
                    + " characters)");
        }
    }

    public Double risk(String id) {
        return jdbc.sql("SELECT risk FROM listings WHERE id = :l").param("l", id)
                .query((rs, i) -> rs.getObject(1) == null ? null : rs.getDouble(1)).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** What a list of listings is filtered by; a null field does not filter. */
    public record Filter(Long sellerAccountId, org.redflag.law.RedFlag flag, Double minRisk, Status status) {
    }

    /** A listing in a list: its risk and the codes of its flags. */
    public record Summary(String id, Long sellerAccountId, String title, Status status, Double risk,
                          List<String> flags) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /**
     * One page of the listings the filter admits, riskiest first (unscreened listings count as risk 0), then the
     * newest, then by id: an order that stays put while the pages are read.
     */
    public Page page(Filter filter, int page, int size) {
        List<String> where = new java.util.ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (filter.sellerAccountId() != null) {
            where.add("l.seller_account_id = :seller");
            params.put("seller", filter.sellerAccountId());
        }
        if (filter.flag() != null) {
            where.add("EXISTS (SELECT 1 FROM listing_flags f WHERE f.listing_id = l.id AND f.code = :flag)");
            params.put("flag", filter.flag().name());
        }
        if (filter.minRisk() != null) {
            where.add("l.risk >= :minRisk");
            params.put("minRisk", filter.minRisk());
        }
        if (filter.status() != null) {
            where.add("l.status = :status");
            params.put("status", filter.status().name());
        }
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT COUNT(*) FROM listings l" + clause).params(params).query(Long.class).single();
        List<Summary> rows = jdbc.sql("SELECT l.id, l.seller_account_id, l.title, l.status, l.risk FROM listings l"
                        + clause + " ORDER BY COALESCE(l.risk, 0) DESC, l.created_at DESC, l.id"
                        + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> {
                    Listing l = row(rs, i);
                    double risk = rs.getDouble("risk");
                    return new Summary(l.id(), l.sellerAccountId(), l.title(), l.status(),
                            rs.wasNull() ? null : risk, new java.util.ArrayList<>());
                }).list();
        if (!rows.isEmpty()) {
            java.util.Map<String, Summary> byId = new java.util.HashMap<>();
            rows.forEach(r -> byId.put(r.id(), r));
            jdbc.sql("SELECT listing_id, code FROM listing_flags WHERE listing_id = ANY (:ids) ORDER BY code")
                    .param("ids", ids(byId.keySet()))
                    .query(rs -> {
                        byId.get(rs.getString(1)).flags().add(rs.getString(2));
                    });
        }
        return new Page(rows, page, size, total);
    }

    private static Listing row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long seller = rs.getLong("seller_account_id");
        return new Listing(rs.getString("id"), rs.wasNull() ? null : seller, rs.getString("title"),
                Status.valueOf(rs.getString("status")));
    }
}
