package org.redflag.app.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.redflag.app.account.AccountChanged;
import org.redflag.app.account.Actor;
import org.redflag.app.infrastructure.AfterCommit;
import org.redflag.app.infrastructure.ColumnText;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final org.springframework.context.ApplicationEventPublisher events;

    public AuditLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch,
                    Clock clock, io.micrometer.core.instrument.MeterRegistry meters,
                    org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
    }

    /** An account's change, recorded in the transaction that made it. */
    @org.springframework.context.event.EventListener
    void on(AccountChanged change) {
        append(null, change.actor(), change.action(), null, null, change.detail());
    }

    /** Appends an event, now, and publishes it as {@link AuditRecorded}, in the caller's transaction. */
    public void append(Long noticeId, Actor actor, String action, String before, String after, String detail) {
        appendAll(List.of(new NewEvent(noticeId, actor, action, before, after, detail, clock.instant())));
    }

    /** An event to append: {@code detail} is cut to the column's 4,000 characters, as {@link #fit} says. */
    public record NewEvent(Long noticeId, Actor actor, String action, String before, String after, String detail,
                           Instant at) {
    }

    /** The detail as stored: cut to the column's length. */
    public static String fit(String detail) {
        return ColumnText.fit(detail, 4000);
    }

    /** Appends the events in one batch and publishes each as {@link AuditRecorded}, in the caller's transaction. */
    public void appendAll(List<NewEvent> appended) {
        batch.batchUpdate("INSERT INTO audit_events (notice_id, actor, actor_role, at, action, before_status,"
                + " after_status, detail) VALUES (:n, :a, :r, :t, :act, :b, :af, :d)", appended.stream().map(e ->
                new MapSqlParameterSource()
                        .addValue("n", e.noticeId()).addValue("a", e.actor().username())
                        .addValue("r", e.actor().isSystem() ? "SYSTEM" : e.actor().role().name())
                        .addValue("t", e.at().atOffset(ZoneOffset.UTC)).addValue("act", e.action())
                        .addValue("b", e.before()).addValue("af", e.after()).addValue("d", fit(e.detail())))
                .toArray(SqlParameterSource[]::new));
        // counted once kept: redflag_audit_events_total{action=...} for monitoring
        AfterCommit.run(() -> appended.forEach(e ->
                meters.counter("redflag.audit.events", "action", e.action()).increment()));
        for (NewEvent e : appended) {
            events.publishEvent(new AuditRecorded(e.noticeId(), e.actor().username(), e.action(), e.before(),
                    e.after(), e.at()));
        }
    }

    public List<Event> forNotice(long noticeId) {
        return jdbc.sql("SELECT * FROM audit_events WHERE notice_id = :n ORDER BY id").param("n", noticeId)
                .query(AuditLog::event).list();
    }

    /** Which events of a period: [from, to), and one action if {@code action} is not null. */
    public record Period(Instant from, Instant to, String action) {
        String where() {
            return " WHERE at >= :from AND at < :to" + (action == null ? "" : " AND action = :action");
        }

        org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
                org.springframework.jdbc.core.simple.JdbcClient.StatementSpec sql) {
            sql = sql.param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC));
            return action == null ? sql : sql.param("action", action);
        }
    }

    /** The period's events in the order they happened, {@code limit} of them after the first {@code offset}. */
    public List<Event> page(Period period, long offset, int limit) {
        return period.bind(jdbc.sql("SELECT * FROM audit_events" + period.where()
                        + " ORDER BY id LIMIT :limit OFFSET :offset"))
                .param("limit", limit).param("offset", offset).query(AuditLog::event).list();
    }

    /** The period's events after the event {@code afterId}, in order, at most {@code limit}: for reading it all. */
    public List<Event> after(Period period, long afterId, int limit) {
        return period.bind(jdbc.sql("SELECT * FROM audit_events" + period.where()
                        + " AND id > :after ORDER BY id LIMIT :limit"))
                .param("after", afterId).param("limit", limit).query(AuditLog::event).list();
    }

    public long count(Period period) {
        return period.bind(jdbc.sql("SELECT COUNT(*) FROM audit_events" + period.where())).query(Long.class)
                .single();
    }

    private static Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long notice = rs.getLong("notice_id");
        return new Event(rs.getLong("id"), rs.wasNull() ? null : notice, rs.getString("actor"),
                rs.getString("actor_role"), rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                rs.getString("action"), rs.getString("before_status"), rs.getString("after_status"),
                rs.getString("detail"));
    }

    public long count(long noticeId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE notice_id = :n AND action = :a")
                .param("n", noticeId).param("a", action).query(Long.class).single();
    }
}
