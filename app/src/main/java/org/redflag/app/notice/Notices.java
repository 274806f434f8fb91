package org.redflag.app.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.NoticeStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored notices. Status changes are conditional on the version read, so two writers cannot both move a notice. */
@Repository
public class Notices {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public Notices(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Inserts the notices, in one batch; returns their ids, in order. */
    long[] insert(List<NoticeRecord> records) {
        var keys = new GeneratedKeyHolder();
        batch.batchUpdate("""
                INSERT INTO notices (notifier_account_id, policy_id, policy_version, right_type, right_reference,
                  reason_code, language, original_text, el_rights_holder, el_proof_of_rights, el_listing_location,
                  el_infringement, el_good_faith, qualified, status, received_at, response_deadline, priority)
                VALUES (:notifier, :pid, :pver, :rtype, :rref, :reason, :lang, :text, :e1, :e2, :e3, :e4, :e5,
                  :qualified, :status, :received, :deadline, :priority)""", records.stream().map(n ->
                new MapSqlParameterSource()
                        .addValue("notifier", n.notifierAccountId()).addValue("pid", n.policyId())
                        .addValue("pver", n.policyVersion()).addValue("rtype", n.rightType())
                        .addValue("rref", n.rightReference()).addValue("reason", n.reasonCode())
                        .addValue("lang", n.language()).addValue("text", n.originalText())
                        .addValue("e1", n.elements().rightsHolderIdentity())
                        .addValue("e2", n.elements().proofOfRights()).addValue("e3", n.elements().listingLocation())
                        .addValue("e4", n.elements().infringementEvidence())
                        .addValue("e5", n.elements().goodFaithStatement()).addValue("qualified", n.qualified())
                        .addValue("status", n.status().name()).addValue("received", at(n.receivedAt()))
                        .addValue("deadline", at(n.responseDeadline())).addValue("priority", n.priority()))
                .toArray(SqlParameterSource[]::new), keys, new String[] {"id"});
        return ids(keys, records.size());
    }

    /** Names the listings of each notice: {@code listingIds.get(i)} those of {@code noticeIds[i]}; one batch. */
    void addListings(long[] noticeIds, List<List<String>> listingIds) {
        List<SqlParameterSource> rows = new ArrayList<>();
        for (int i = 0; i < noticeIds.length; i++) {
            for (String listing : listingIds.get(i)) {
                rows.add(new MapSqlParameterSource("n", noticeIds[i]).addValue("l", listing));
            }
        }
        batch.batchUpdate("INSERT INTO notice_listings (notice_id, listing_id) VALUES (:n, :l)",
                rows.toArray(SqlParameterSource[]::new));
    }

    /** An attachment to store with its notice. */
    record NewEvidence(long noticeId, String fileName, String contentType, String sha256, byte[] content) {
    }

    /** Stores the attachments, in one batch; returns their ids, in order. */
    long[] addEvidence(List<NewEvidence> attachments) {
        if (attachments.isEmpty()) {
            return new long[0];
        }
        var keys = new GeneratedKeyHolder();
        batch.batchUpdate("INSERT INTO notice_evidence (notice_id, file_name, content_type, sha256, content)"
                + " VALUES (:n, :f, :c, :h, :b)", attachments.stream().map(a -> new MapSqlParameterSource()
                        .addValue("n", a.noticeId()).addValue("f", a.fileName()).addValue("c", a.contentType())
                        .addValue("h", a.sha256()).addValue("b", a.content()))
                .toArray(SqlParameterSource[]::new), keys, new String[] {"id"});
        return ids(keys, attachments.size());
    }

    private static long[] ids(GeneratedKeyHolder keys, int expected) {
        List<Map<String, Object>> rows = keys.getKeyList();
        if (rows.size() != expected) {
            throw new IllegalStateException("the database gave " + rows.size() + " generated ids for " + expected
                    + " rows");
        }
        long[] ids = new long[expected];
        for (int i = 0; i < expected; i++) {
            // one column asked for, named as the driver spells it (H2: ID)
            ids[i] = ((Number) rows.get(i).values().iterator().next()).longValue();
        }
        return ids;
    }

    public record Evidence(long id, String fileName, String contentType, String sha256, int size) {
    }

    public List<Evidence> evidence(long noticeId) {
        // the size from the database: the attachments themselves stay there
        return jdbc.sql("SELECT id, file_name, content_type, sha256, OCTET_LENGTH(content) AS size FROM notice_evidence"
                        + " WHERE notice_id = :n ORDER BY id").param("n", noticeId)
                .query((rs, i) -> new Evidence(rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getString("sha256"), rs.getInt("size"))).list();
    }

    public Optional<NoticeRecord> find(long id) {
        return jdbc.sql("SELECT * FROM notices WHERE id = :id").param("id", id).query(Notices::row).optional();
    }

    public List<String> listingIds(long noticeId) {
        return jdbc.sql("SELECT listing_id FROM notice_listings WHERE notice_id = :n ORDER BY listing_id")
                .param("n", noticeId).query(String.class).list();
    }

    /** Sellers (account ids) whose listings the notice names. */
    public List<Long> sellers(long noticeId) {
        return jdbc.sql("SELECT DISTINCT l.seller_account_id FROM notice_listings nl JOIN listings l"
                        + " ON l.id = nl.listing_id WHERE nl.notice_id = :n AND l.seller_account_id IS NOT NULL")
                .param("n", noticeId).query(Long.class).list();
    }

    /**
     * Applies {@code changes} (column → value) and the new status if the notice is still at {@code version}.
     *
     * @return whether this writer won
     */
    boolean update(long id, int version, NoticeStatus status, Map<String, Object> changes) {
        StringBuilder sql = new StringBuilder("UPDATE notices SET status = :status, version = version + 1");
        changes.keySet().forEach(c -> sql.append(", ").append(c).append(" = :").append(c));
        sql.append(" WHERE id = :id AND version = :version");
        var stmt = jdbc.sql(sql.toString()).param("status", status.name()).param("id", id).param("version", version);
        for (var e : changes.entrySet()) {
            Object v = e.getValue() instanceof Instant i ? at(i) : e.getValue() instanceof Enum<?> en ? en.name()
                    : e.getValue();
            stmt = stmt.param(e.getKey(), v);
        }
        return stmt.update() == 1;
    }

    /** Raises the escalation level if it is lower and the notice still awaits measures; true if this call did. */
    boolean escalate(long id, int level) {
        return jdbc.sql("UPDATE notices SET escalation_level = :l WHERE id = :id AND escalation_level < :l"
                        + " AND status = 'RECEIVED'").param("l", level).param("id", id).update() == 1;
    }

    /** A page of notices visible under {@code where}, in queue order: priority first, then the earliest deadline. */
    List<NoticeRecord> page(String where, Map<String, Object> params, int offset, int limit) {
        var stmt = jdbc.sql("SELECT * FROM notices n WHERE " + where
                + " ORDER BY priority DESC, response_deadline ASC, id ASC LIMIT :limit OFFSET :offset");
        for (var e : params.entrySet()) {
            stmt = stmt.param(e.getKey(), e.getValue());
        }
        return stmt.param("limit", limit).param("offset", offset).query(Notices::row).list();
    }

    long count(String where, Map<String, Object> params) {
        var stmt = jdbc.sql("SELECT COUNT(*) FROM notices n WHERE " + where);
        for (var e : params.entrySet()) {
            stmt = stmt.param(e.getKey(), e.getValue());
        }
        return stmt.query(Long.class).single();
    }

    static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static NoticeRecord row(ResultSet rs, int n) throws SQLException {
        String from = rs.getString("appealed_from");
        return new NoticeRecord(rs.getLong("id"), rs.getLong("notifier_account_id"), rs.getString("policy_id"),
                rs.getString("policy_version"), rs.getString("right_type"), rs.getString("right_reference"),
                rs.getString("reason_code"), rs.getString("language"), rs.getString("original_text"),
                new NoticeElements(rs.getBoolean("el_rights_holder"), rs.getBoolean("el_proof_of_rights"),
                        rs.getBoolean("el_listing_location"), rs.getBoolean("el_infringement"),
                        rs.getBoolean("el_good_faith")),
                rs.getBoolean("qualified"), NoticeStatus.valueOf(rs.getString("status")),
                from == null ? null : NoticeStatus.valueOf(from), rs.getString("appeal_by"),
                instant(rs, "received_at"), instant(rs, "response_deadline"), instant(rs, "forwarded_at"),
                instant(rs, "counter_received_at"), instant(rs, "counter_forwarded_at"),
                instant(rs, "waiting_period_ends"), instant(rs, "suit_filed_at"), instant(rs, "decided_at"),
                instant(rs, "appeal_window_ends"), rs.getInt("escalation_level"), rs.getInt("priority"),
                rs.getInt("version"));
    }
}
