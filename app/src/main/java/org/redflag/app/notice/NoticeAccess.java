package org.redflag.app.notice;

import java.util.List;
import org.redflag.app.account.Actor;
import org.redflag.app.account.Role;
import org.redflag.app.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may see a notice: platform staff all; a right holder those it filed; a seller those naming its listings.
 * A reach across that line answers 404, as if the notice did not exist, and is logged.
 */
@Component
public class NoticeAccess {

    private static final Logger log = LoggerFactory.getLogger(NoticeAccess.class);

    private final Notices notices;

    public NoticeAccess(Notices notices) {
        this.notices = notices;
    }

    /** The notice, if the actor may see it; otherwise 404. */
    public NoticeRecord visible(Actor actor, long id) {
        NoticeRecord n = notices.find(id).orElseThrow(() -> ApiException.notFound("notice " + id));
        if (!canSee(actor, n)) {
            log.warn("refused: account {} ({}) reached for notice {}", actor.username(), actor.role(), id);
            throw ApiException.notFound("notice " + id);
        }
        return n;
    }

    boolean canSee(Actor actor, NoticeRecord n) {
        return actor.isSystem() || actor.platformStaff() || isNotifier(actor, n) || isSeller(actor, n);
    }

    boolean isNotifier(Actor actor, NoticeRecord n) {
        return actor.role() == Role.RIGHTS_HOLDER && n.notifierAccountId() == actor.accountId();
    }

    boolean isSeller(Actor actor, NoticeRecord n) {
        if (actor.role() != Role.SELLER) {
            return false;
        }
        List<Long> sellers = notices.sellers(n.id());
        return sellers.contains(actor.accountId());
    }
}
