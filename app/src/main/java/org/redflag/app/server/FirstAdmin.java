package org.redflag.app.server;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Role;
import org.springframework.context.ApplicationContext;

/**
 * On first start with no account at all, an admin with a random password, printed once; and on request
 * ({@code serve --reset-password}), a new random password for an account, printed once.
 */
final class FirstAdmin {

    private FirstAdmin() {
    }

    static void ensure(ApplicationContext context, PrintWriter out) {
        Accounts accounts = context.getBean(Accounts.class);
        if (accounts.any()) {
            return;
        }
        String password = randomPassword();
        accounts.create("admin", password, Role.ADMIN, "Administrator");
        out.println("Redflag: first start: created account 'admin' with password " + password
                + " (shown once; create other accounts with POST /api/accounts)");
    }

    /** Gives the account a new random password and prints it; false when there is no such account. */
    static boolean reset(ApplicationContext context, String username, PrintWriter out) {
        Accounts accounts = context.getBean(Accounts.class);
        var account = accounts.byUsername(username);
        if (account.isEmpty()) {
            return false;
        }
        String password = randomPassword();
        accounts.setPassword(account.get().id(), password);
        context.getBean(org.redflag.app.audit.AuditLog.class).append(null, org.redflag.app.account.Actor.SYSTEM,
                "PASSWORD_RESET", null, null, "account " + username + ", at start (--reset-password)");
        out.println("Redflag: --reset-password: account '" + username + "' has the new password " + password
                + " (shown once)");
        return true;
    }

    private static String randomPassword() {
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
