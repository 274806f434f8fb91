package org.redflag.app.audit;

import java.time.Instant;

/**
 * An event was appended to the audit trail: published inside the transaction that made the change, so that a
 * listener's own writes (a webhook's delivery, say) commit with it or not at all.
 *
 * @param noticeId the notice it is about, or null (an account's or a notifier's change)
 * @param actor    who made the change (a username, or SYSTEM)
 * @param action   what happened ({@code FILED}, {@code REMOVE_LISTING}, {@code DEADLINE_BREACHED}, ...)
 * @param before   the status before, if any
 * @param after    the status after, if any
 * @param at       when
 */
public record AuditRecorded(Long noticeId, String actor, String action, String before, String after, Instant at) {
}
