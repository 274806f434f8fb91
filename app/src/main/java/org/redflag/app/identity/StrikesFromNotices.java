package org.redflag.app.identity;

import java.util.List;
import org.redflag.app.notice.NoticeActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takedowns strike the sellers' identities: when a notice takes listings down, each registered seller selling under
 * one of those listings' accounts gets a strike referencing the notice (with no claim: a claim comes with a strike
 * made by staff); when the listings go back up (restored after a counter-notice, an appeal reversed), the notice's
 * strikes are reversed with their money. Both happen in the notice's own transaction. A strike whose money has moved
 * on is left for staff, and the log says so.
 */
@Component
public class StrikesFromNotices {

    private static final Logger LOG = LoggerFactory.getLogger(StrikesFromNotices.class);

    private final JdbcClient jdbc;
    private final SellerDiscipline discipline;

    public StrikesFromNotices(JdbcClient jdbc, SellerDiscipline discipline) {
        this.jdbc = jdbc;
        this.discipline = discipline;
    }

    static String reference(long noticeId) {
        return "notice " + noticeId;
    }

    @EventListener
    public void takenDown(NoticeActions.ListingsTakenDown e) {
        if (e.sellerAccounts().isEmpty()) {
            return;
        }
        List<String> sellers = jdbc.sql("SELECT id FROM sellers WHERE account_id IN (:a) ORDER BY id")
                .param("a", e.sellerAccounts()).query(String.class).list();
        if (sellers.isEmpty()) {
            return;
        }
        String rightHolder = jdbc.sql("SELECT username FROM accounts WHERE id = :i").param("i", e.notifierAccountId())
                .query(String.class).optional().orElse("account " + e.notifierAccountId());
        for (String seller : sellers) {
            discipline.record(seller, reference(e.noticeId()), rightHolder, 0);
        }
    }

    @EventListener
    public void putBack(NoticeActions.ListingsPutBack e) {
        List<Long> strikes = jdbc.sql("SELECT id FROM strikes WHERE reference = :r AND reversed_at IS NULL ORDER BY id")
                .param("r", reference(e.noticeId())).query(Long.class).list();
        for (long id : strikes) {
            if (!discipline.reverseIfPossible(id, org.redflag.app.infrastructure.ColumnText.fit(reference(e.noticeId())
                    + ": listings put back (" + e.why() + ")", 500))) {
                LOG.warn("strike {} of notice {} was not reversed: the money it moved has moved on; staff must"
                        + " settle it", id, e.noticeId());
            }
        }
    }
}
