package org.redflag.app.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.NoticeStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored notices. Status changes are conditional on the version read, so two writers cannot both move a notice. */
@Repository
public class Notices {

    private final JdbcClient jdbc;

    public Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NoticeRecord n) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO notices (notifier_account_id, policy_id, policy_version, right_type, right_reference,
                  reason_code, language, original_text, el_rights_holder, el_proof_of_rights, el_listing_location,
                  el_infringement, el_good_faith, qualified, status, received_at, response_deadline, priority)
                VALUES (:notifier, :pid, :pver, :rtype, :rref, :reason, :lang, :text, :e1, :e2, :e3, :e4, :e5,
                  :qualified, :status, :received, :deadline, :priority)""")
                .param("notifier", n.notifierAccountId()).param("pid", n.policyId()).param("pver", n.policyVersion())
                .param("rtype", n.rightType()).param("rref", n.rightReference()).param("reason", n.reasonCode())
                .param("lang", n.language()).param("text", n.originalText())
                .param("e1", n.elements().rightsHolderIdentity()).param("e2", n.elements().proofOfRights())
                .param("e3", n.elements().listingLocation()).param("e4", n.elements().infringementEvidence())
                .param("e5", n.elements().goodFaithStatement()).param("qualified", n.qualified())
                .param("status", n.status().name()).param("received", at(n.receivedAt()))
                .param("deadline", at(n.responseDeadline())).param("priority", n.priority())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void addListings(long noticeId, List<String> listingIds) {
        for (String id : listingIds) {
            jdbc.sql("INSERT INTO notice_listings (notice_id, listing_id) VALUES (:n, :l)").param("n", noticeId)
                    .param("l", id).update();
        }
    }

    void addEvidence(long noticeId, String fileName, String contentType, String sha256, byte[] content) {
        jdbc.sql("INSERT INTO notice_evidence (notice_id, file_name, content_type, sha256, content)"
                        + " VALUES (:n, :f, :c, :h, :b)")
                .param("n", noticeId).param("f", fileName).param("c", contentType).param("h", sha256)
                .param("b", content).update();
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
