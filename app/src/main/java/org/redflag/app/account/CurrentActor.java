package org.redflag.app.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The account behind the current request. */
@Component
public class CurrentActor {

    private final Accounts accounts;

    public CurrentActor(Accounts accounts) {
        this.accounts = accounts;
    }

    public Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getName() == null) {
            throw new IllegalStateException("no authenticated account on this request");
        }
        if (auth.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        if (auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            throw new IllegalStateException("no authenticated account on this request");
        }
        Accounts.Account account = accounts.byUsername(auth.getName()).orElseThrow(() ->
                new IllegalStateException("authenticated account " + auth.getName() + " no longer exists"));
        if (account.disabled()) { // disabled while logged in: the session ends its use here
            throw org.redflag.app.problem.ApiException.forbidden("the account " + account.username()
                    + " is disabled; an admin can enable it again");
        }
        return account.actor();
    }
}
