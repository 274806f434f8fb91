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
        return jdbc.sql("SELECT id, seller_account_id, title, status FROM listings WHERE id IN (:ids)")
                .param("ids", ids).query(Listings::row).list();
    }

    public void setStatus(Collection<String> ids, Status status) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE listings SET status = :s WHERE id IN (:ids)").param("s", status.name())
                    .param("ids", ids).update();
        }
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
            String evidence = JSON.writeValueAsString(f.evidence());
            jdbc.sql("INSERT INTO listing_flags (listing_id, code, detail, evidence, citations)"
                            + " VALUES (:l, :c, :d, :e, :ci)")
                    .param("l", id).param("c", f.code().name()).param("d", f.detail())
                    .param("e", evidence.length() > 8000 ? evidence.substring(0, 8000) : evidence)
                    .param("ci", String.join(",", f.citations())).update();
        }
    }

    public record StoredFlag(String code, String detail, java.util.Map<String, Object> evidence,
                             List<String> citations) {
    }

    @SuppressWarnings("unchecked")
    public List<StoredFlag> flags(String id) {
        return jdbc.sql("SELECT code, detail, evidence, citations FROM listing_flags WHERE listing_id = :l ORDER BY code")
                .param("l", id).query((rs, i) -> new StoredFlag(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? java.util.Map.of() : JSON.readValue(rs.getString(3),
                                java.util.Map.class),
                        rs.getString(4) == null || rs.getString(4).isEmpty() ? List.of()
                                : List.of(rs.getString(4).split(",")))).list();
    }

    public Double risk(String id) {
        return jdbc.sql("SELECT risk FROM listings WHERE id = :l").param("l", id)
                .query((rs, i) -> rs.getObject(1) == null ? null : rs.getDouble(1)).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static Listing row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long seller = rs.getLong("seller_account_id");
        return new Listing(rs.getString("id"), rs.wasNull() ? null : seller, rs.getString("title"),
                Status.valueOf(rs.getString("status")));
    }
}
