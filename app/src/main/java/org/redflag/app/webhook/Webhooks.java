package org.redflag.app.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.app.account.Actor;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.audit.AuditRecorded;
import org.redflag.app.problem.ApiException;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's webhooks, and the deliveries owed to them. Every change to a notice (each event of its audit trail)
 * becomes one delivery to each webhook of its parties (the right holder who filed it, the sellers of its listings)
 * and of platform staff, written in the change's own transaction: a change committed is a change announced, even
 * if the server stops before sending it.
 */
@Service
public class Webhooks {

    /** Most webhooks an account has at once. */
    public static final int MAX_PER_ACCOUNT = 10;

    /**
     * A webhook as its owner sees it: {@code secret} only in the answer that creates it, {@code lastDelivery} (the
     * latest delivery, to see at a glance whether the receiver answers) in the list.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Webhook(long id, String url, Instant createdAt, String secret, Delivery lastDelivery) {
    }

    /** A delivery as its webhook's owner sees it. */
    public record Delivery(long id, String event, Instant createdAt, int attempts, Instant deliveredAt,
                           Instant nextAttemptAt, Integer lastStatus, String lastError, String payload) {

        /** Where it stands: delivered, waiting (not tried yet), failing (to be tried again), given up. */
        @com.fasterxml.jackson.annotation.JsonProperty("state")
        public String state() {
            return deliveredAt != null ? "delivered" : nextAttemptAt == null ? "given_up"
                    : attempts == 0 ? "waiting" : "failing";
        }
    }

    /** A delivery due to be sent, with what sending it needs. */
    record Due(long id, long webhookId, String url, String secret, String event, String payload, int attempts) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long "no webhook anywhere" is trusted before it is read again (a belt to the braces of add()). */
    private static final long RECHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookAddresses addresses;
    private final AuditLog audit;
    /** Whether any account may have a webhook; while none has, a change costs no look-up. */
    private volatile boolean anyWebhook = true;
    private volatile long checkedAt;

    public Webhooks(JdbcClient jdbc, Clock clock, WebhookAddresses addresses, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.addresses = addresses;
        this.audit = audit;
    }

    /** Registers a webhook for the actor; the answer carries its signing secret, shown this once. */
    @Transactional
    public Webhook add(Actor actor, String url) {
        String checked = addresses.registrable(url).toString();
        long held = jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE account_id = :a AND removed_at IS NULL")
                .param("a", actor.accountId()).query(Long.class).single();
        if (held >= MAX_PER_ACCOUNT) {
            throw new ApiException(HttpStatus.CONFLICT, "Too many webhooks", "an account has at most "
                    + MAX_PER_ACCOUNT + " webhooks; remove one first", "url");
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhooks (account_id, url, secret, created_at) VALUES (:a, :u, :s, :t)")
                .param("a", actor.accountId()).param("u", checked).param("s", secret)
                .param("t", now.atOffset(ZoneOffset.UTC)).update(keys, "id");
        long id = keys.getKey().longValue();
        anyWebhook = true;
        audit.append(null, actor, "WEBHOOK_ADDED", null, null, "webhook " + id + " of account " + actor.username()
                + ": " + checked);
        return new Webhook(id, checked, now, secret, null);
    }

    /** The actor's webhooks, each with its latest delivery (at most ten webhooks: one look-up each). */
    public List<Webhook> of(Actor actor) {
        return jdbc.sql("SELECT id, url, created_at FROM webhooks WHERE account_id = :a AND removed_at IS NULL"
                        + " ORDER BY id").param("a", actor.accountId())
                .query((rs, n) -> new Webhook(rs.getLong("id"), rs.getString("url"), instant(rs, "created_at"),
                        null, null)).list().stream()
                .map(w -> new Webhook(w.id(), w.url(), w.createdAt(), null,
                        latest(w.id(), 1).stream().findFirst().orElse(null))).toList();
    }

    /** Removes one of the actor's webhooks; what it was still owed is not sent. 404 when it is not the actor's. */
    @Transactional
    public void remove(Actor actor, long id) {
        Instant now = clock.instant();
        int removed = jdbc.sql("UPDATE webhooks SET removed_at = :t WHERE id = :id AND account_id = :a"
                        + " AND removed_at IS NULL").param("t", now.atOffset(ZoneOffset.UTC)).param("id", id)
                .param("a", actor.accountId()).update();
        if (removed == 0) {
            throw ApiException.notFound("webhook " + id + " of this account");
        }
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = NULL, last_error = 'webhook removed'"
                + " WHERE webhook_id = :id AND next_attempt_at IS NOT NULL").param("id", id).update();
        audit.append(null, actor, "WEBHOOK_REMOVED", null, null, "webhook " + id + " of account "
                + actor.username());
    }

    /**
     * Owes one of the actor's webhooks a {@code ping}, sent as any delivery is, so that whoever wires up a receiver
     * can see it answer; returns the delivery's id. 404 when the webhook is not the actor's.
     */
    @Transactional
    public long ping(Actor actor, long id) {
        owned(actor, id);
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "ping");
        payload.put("webhookId", id);
        payload.put("by", actor.username());
        payload.put("at", now.toString());
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhook_deliveries (webhook_id, event, payload, created_at, attempts, next_attempt_at)"
                        + " VALUES (:w, 'ping', :p, :t, 0, :t)").param("w", id)
                .param("p", JSON.writeValueAsString(payload)).param("t", now.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** 404 unless the webhook is the actor's and not removed. */
    private void owned(Actor actor, long id) {
        long owned = jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE id = :id AND account_id = :a AND removed_at IS NULL")
                .param("id", id).param("a", actor.accountId()).query(Long.class).single();
        if (owned == 0) {
            throw ApiException.notFound("webhook " + id + " of this account");
        }
    }

    /** The latest deliveries of one of the actor's webhooks, newest first. 404 when it is not the actor's. */
    public List<Delivery> deliveries(Actor actor, long id, int limit) {
        owned(actor, id);
        return latest(id, limit);
    }

    private List<Delivery> latest(long id, int limit) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE webhook_id = :id ORDER BY id DESC LIMIT :limit")
                .param("id", id).param("limit", limit).query((rs, n) -> new Delivery(rs.getLong("id"),
                        rs.getString("event"), instant(rs, "created_at"), rs.getInt("attempts"),
                        instant(rs, "delivered_at"),
                        instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status", Integer.class),
                        rs.getString("last_error"), rs.getString("payload"))).list();
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * A change to a notice, owed to the webhooks of its parties and of staff: one query finds them, so that a
     * platform with no webhook pays one look-up per change.
     */
    @EventListener
    void on(AuditRecorded change) {
        if (change.noticeId() == null || !mayHaveWebhooks()) {
            return;
        }
        List<Long> hooks = jdbc.sql("SELECT w.id FROM webhooks w JOIN accounts a ON a.id = w.account_id"
                        + " WHERE w.removed_at IS NULL AND a.disabled_at IS NULL AND (a.role IN ('ADMIN', 'REVIEWER')"
                        + " OR w.account_id = (SELECT notifier_account_id FROM notices WHERE id = :n)"
                        + " OR w.account_id IN (SELECT l.seller_account_id FROM notice_listings nl JOIN listings l"
                        + " ON l.id = nl.listing_id WHERE nl.notice_id = :n))")
                .param("n", change.noticeId()).query(Long.class).list();
        if (hooks.isEmpty()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "notice.changed");
        payload.put("noticeId", change.noticeId());
        payload.put("action", change.action());
        payload.put("statusBefore", change.before());
        payload.put("statusAfter", change.after());
        payload.put("by", change.actor());
        payload.put("at", change.at().toString());
        payload.put("notice", "/api/notices/" + change.noticeId());
        String json = JSON.writeValueAsString(payload);
        for (long hook : hooks) {
            jdbc.sql("INSERT INTO webhook_deliveries (webhook_id, event, payload, created_at, attempts,"
                            + " next_attempt_at) VALUES (:w, :e, :p, :t, 0, :t)").param("w", hook)
                    .param("e", "notice.changed").param("p", json).param("t", change.at().atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Forgets finished deliveries (delivered, given up or cancelled) created before {@code before}. */
    int forgetFinished(Instant before) {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE next_attempt_at IS NULL AND created_at < :before")
                .param("before", before.atOffset(ZoneOffset.UTC)).update();
    }

    /**
     * False only while no account has a webhook, as read from the database at most {@link #RECHECK_NANOS} ago: a
     * platform that uses none pays one count every few seconds instead of a look-up per change. A webhook added
     * counts at once (one server serves a database: see {@code EvidenceLedger}).
     */
    private boolean mayHaveWebhooks() {
        if (anyWebhook) {
            return true;
        }
        if (System.nanoTime() - checkedAt > RECHECK_NANOS) {
            readAnyWebhook();
        }
        return anyWebhook;
    }

    /** Reads whether any webhook exists, once the tables exist (after the migrations); until then, assume one. */
    @EventListener(ApplicationStartedEvent.class)
    void started() {
        readAnyWebhook();
    }

    private void readAnyWebhook() {
        checkedAt = System.nanoTime();
        anyWebhook = jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE removed_at IS NULL").query(Long.class).single() > 0;
    }

    /** Deliveries due now, oldest first, at most {@code limit}. */
    List<Due> due(int limit) {
        return jdbc.sql("SELECT d.id, d.webhook_id, w.url, w.secret, d.event, d.payload, d.attempts"
                        + " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                        + " WHERE d.next_attempt_at <= :now AND w.removed_at IS NULL ORDER BY d.next_attempt_at, d.id"
                        + " LIMIT :limit")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7))).list();
    }

    /** Records an attempt: delivered (next attempt none), or failed with the next attempt's time (null: given up). */
    void attempted(Due d, Integer status, String error, Instant next) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = :s, last_error = :e,"
                        + " next_attempt_at = :next, delivered_at = :delivered WHERE id = :id")
                .param("s", status).param("e", error == null ? null
                        : org.redflag.app.infrastructure.ColumnText.fit(error, 500))
                .param("next", next == null ? null : next.atOffset(ZoneOffset.UTC))
                .param("delivered", error == null ? now.atOffset(ZoneOffset.UTC) : null).param("id", d.id()).update();
    }
}
