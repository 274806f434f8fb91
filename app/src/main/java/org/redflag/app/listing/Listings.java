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

    private static Listing row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long seller = rs.getLong("seller_account_id");
        return new Listing(rs.getString("id"), rs.wasNull() ? null : seller, rs.getString("title"),
                Status.valueOf(rs.getString("status")));
    }
}
