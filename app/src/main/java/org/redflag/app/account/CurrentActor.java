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
        return accounts.byUsername(auth.getName()).orElseThrow(() ->
                new IllegalStateException("authenticated account " + auth.getName() + " no longer exists")).actor();
    }
}
