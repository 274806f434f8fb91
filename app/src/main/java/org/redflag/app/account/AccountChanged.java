package org.redflag.app.account;

/**
 * An account was created or changed: its password set, the account disabled or enabled, an API key revoked.
 * Published inside the change's transaction; the audit trail records it there, so the change and its record
 * commit together or not at all.
 *
 * @param actor  who made the change
 * @param action what kind of change, as the audit trail names it ({@code PASSWORD_CHANGED}, ...)
 * @param detail which account or key, for a person reading the trail
 */
public record AccountChanged(Actor actor, String action, String detail) {
}
