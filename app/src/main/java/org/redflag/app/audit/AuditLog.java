package org.redflag.app.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.redflag.app.account.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends audit events and reads them back. There is no update or delete here, and the database refuses both
 * (a trigger on {@code audit_events}).
 */
@Repository
public class AuditLog {

    public record Event(long id, Long noticeId, String actor, String actorRole, Instant at, String action,
                        String before, String after, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void append(Long noticeId, Actor actor, String action, String before, String after, String detail) {
        jdbc.sql("INSERT INTO audit_events (notice_id, actor, actor_role, at, action, before_status, after_status,"
                        + " detail) VALUES (:n, :a, :r, :t, :act, :b, :af, :d)")
                .param("n", noticeId).param("a", actor.username()).param("r", actor.isSystem() ? "SYSTEM"
                        : actor.role().name())
                .param("t", clock.instant().atOffset(ZoneOffset.UTC)).param("act", action).param("b", before)
                .param("af", after).param("d", org.redflag.app.server.ColumnText.fit(detail, 4000)).update();
    }

    public List<Event> forNotice(long noticeId) {
        return jdbc.sql("SELECT * FROM audit_events WHERE notice_id = :n ORDER BY id").param("n", noticeId)
                .query((rs, i) -> new Event(rs.getLong("id"), rs.getLong("notice_id"), rs.getString("actor"),
                        rs.getString("actor_role"), rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("action"), rs.getString("before_status"), rs.getString("after_status"),
                        rs.getString("detail"))).list();
    }

    public long count(long noticeId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE notice_id = :n AND action = :a")
                .param("n", noticeId).param("a", action).query(Long.class).single();
    }
}
