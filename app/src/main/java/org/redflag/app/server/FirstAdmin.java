package org.redflag.app.server;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Role;
import org.springframework.context.ApplicationContext;

/** On first start with no account at all, an admin with a random password, printed once. */
final class FirstAdmin {

    private FirstAdmin() {
    }

    static void ensure(ApplicationContext context, PrintWriter out) {
        Accounts accounts = context.getBean(Accounts.class);
        if (accounts.any()) {
            return;
        }
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accounts.create("admin", password, Role.ADMIN, "Administrator");
        out.println("Redflag: first start: created account 'admin' with password " + password
                + " (shown once; create other accounts with POST /api/accounts)");
    }
}
