package org.redflag.app.notice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redflag.app.account.Actor;
import org.redflag.app.account.Role;
import org.redflag.notice.NoticeStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading notices: pages in queue order, filtered, limited to what the reader may see. */
@Service
public class NoticeQueries {

    public record Page(List<NoticeView> items, int page, int size, long total) {
    }

    private final Notices notices;
    private final NoticeViews views;

    public NoticeQueries(Notices notices, NoticeViews views) {
        this.notices = notices;
        this.views = views;
    }

    @Transactional(readOnly = true)
    public Page list(Actor actor, NoticeStatus status, NoticeRequests.ReasonCode reason, int page, int size) {
        return list(actor, status, reason, null, page, size);
    }

    /** As {@link #list(Actor, NoticeStatus, NoticeRequests.ReasonCode, int, int)}, of the notices naming a listing. */
    @Transactional(readOnly = true)
    public Page list(Actor actor, NoticeStatus status, NoticeRequests.ReasonCode reason, String listingId, int page,
                     int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (actor.role() == Role.RIGHTS_HOLDER) {
            where.add("n.notifier_account_id = :me");
            params.put("me", actor.accountId());
        } else if (actor.role() == Role.SELLER) {
            where.add("EXISTS (SELECT 1 FROM notice_listings nl JOIN listings l ON l.id = nl.listing_id"
                    + " WHERE nl.notice_id = n.id AND l.seller_account_id = :me)");
            params.put("me", actor.accountId());
        } else if (!actor.platformStaff()) {
            where.add("1 = 0");
        }
        if (status != null) {
            where.add("n.status = :status");
            params.put("status", status.name());
        }
        if (reason != null) {
            where.add("n.reason_code = :reason");
            params.put("reason", reason.name());
        }
        if (listingId != null) {
            where.add("EXISTS (SELECT 1 FROM notice_listings nl WHERE nl.notice_id = n.id"
                    + " AND nl.listing_id = :listing)");
            params.put("listing", listingId);
        }
        String clause = where.isEmpty() ? "1 = 1" : String.join(" AND ", where);
        List<NoticeView> items = notices.page(clause, params, page * size, size).stream()
                .map(n -> views.view(actor, n, false)).toList();
        return new Page(items, page, size, notices.count(clause, params));
    }
}
