package org.redflag.app.account;

import java.nio.charset.StandardCharsets;
import org.redflag.app.problem.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person changes about their own account, and an admin about another's, for the API and the account page
 * alike: passwords (checked against bcrypt's limit, the current one against the lockout) and API keys. Each change
 * is published as an {@link AccountChanged}, which the audit trail records.
 */
@Service
public class AccountSettings {

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    public AccountSettings(Accounts accounts, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
    }

    /** A password bcrypt can store whole: at most 72 bytes in UTF-8; else 400 naming {@code field}. */
    public static void storable(String field, String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Accounts.MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest(field, "at most " + Accounts.MAX_PASSWORD_BYTES + " bytes in UTF-8"
                    + " (72 Latin letters, 24 Chinese characters); this one is " + bytes + ": bcrypt, the hash a"
                    + " password is stored under, reads no further");
        }
    }

    /** An admin creates an account; 409 naming {@code username} when it is taken. */
    @Transactional
    public Accounts.Account create(Actor admin, String username, String password, Role role, String displayName) {
        if (admin.role() != Role.ADMIN) {
            throw ApiException.forbidden("only admins create accounts");
        }
        storable("password", password);
        if (accounts.byUsername(username).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "the username " + username + " is taken",
                    "username");
        }
        try {
            Accounts.Account a = accounts.create(username, password, role, displayName);
            changed(admin, "ACCOUNT_CREATED", "account " + username + " (" + role + ")");
            return a;
        } catch (org.springframework.dao.DuplicateKeyException e) { // made at the same moment by another request
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "the username " + username + " is taken",
                    "username");
        }
    }

    /** Changes the actor's password, given the current one; a wrong one counts towards the lockout. */
    @Transactional
    public void changePassword(Actor actor, String currentPassword, String newPassword) {
        Accounts.Account account = accounts.byId(actor.accountId()).orElseThrow();
        var locked = throttle.lockedUntil(account.username());
        if (locked.isPresent()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", "too many wrong"
                    + " passwords for this username; try again after " + locked.get(), "currentPassword");
        }
        if (!accounts.passwordMatches(account, currentPassword)) {
            throttle.failed(account.username());
            throw ApiException.badRequest("currentPassword", "is not this account's password");
        }
        storable("newPassword", newPassword);
        accounts.setPassword(account.id(), newPassword);
        changed(actor, "PASSWORD_CHANGED", "account " + account.username());
    }

    /** An admin sets another account's password. */
    @Transactional
    public void resetPassword(Actor admin, long accountId, String newPassword) {
        Accounts.Account account = administered(admin, accountId, "set other accounts' passwords");
        storable("newPassword", newPassword);
        accounts.setPassword(account.id(), newPassword);
        changed(admin, "PASSWORD_RESET", "account " + account.username());
    }

    /** An admin disables an account (a person who left: no login, no API key) or enables it again. */
    @Transactional
    public void setDisabled(Actor admin, long accountId, boolean disabled) {
        Accounts.Account account = administered(admin, accountId, "disable or enable accounts");
        if (account.id() == admin.accountId() && disabled) {
            throw ApiException.badRequest("disabled", "an admin does not disable their own account");
        }
        accounts.setDisabled(account.id(), disabled);
        changed(admin, disabled ? "ACCOUNT_DISABLED" : "ACCOUNT_ENABLED", "account "
                + account.username());
    }

    /** The account an admin acts on: 403 for anyone else ("only admins " + what), 404 when there is none. */
    private Accounts.Account administered(Actor admin, long accountId, String what) {
        if (admin.role() != Role.ADMIN) {
            throw ApiException.forbidden("only admins " + what);
        }
        return accounts.byId(accountId).orElseThrow(() -> ApiException.notFound("account " + accountId));
    }

    /** Revokes one of the actor's API keys; 404 when the actor has no key of that handle. */
    @Transactional
    public void revokeKey(Actor actor, String id) {
        if (!accounts.revokeApiKey(actor.accountId(), id)) {
            throw ApiException.notFound("API key " + id + " of this account");
        }
        changed(actor, "API_KEY_REVOKED", "key " + id + " of account " + actor.username());
    }

    private void changed(Actor actor, String action, String detail) {
        events.publishEvent(new AccountChanged(actor, action, detail));
    }
}
