package org.redflag.notice;

import static org.redflag.notice.NoticeCommand.APPEAL;
import static org.redflag.notice.NoticeCommand.COUNTER_NOTICE;
import static org.redflag.notice.NoticeCommand.DECLARE_SUIT;
import static org.redflag.notice.NoticeCommand.FORWARD_COUNTER_NOTICE;
import static org.redflag.notice.NoticeCommand.FORWARD_TO_SELLER;
import static org.redflag.notice.NoticeCommand.NOTIFY;
import static org.redflag.notice.NoticeCommand.REJECT;
import static org.redflag.notice.NoticeCommand.REMOVE_LISTING;
import static org.redflag.notice.NoticeCommand.REQUEST_MISSING_ELEMENTS;
import static org.redflag.notice.NoticeCommand.RESTORE;
import static org.redflag.notice.NoticeCommand.REVERSE;
import static org.redflag.notice.NoticeCommand.SUPPLEMENT;
import static org.redflag.notice.NoticeCommand.UPHOLD;
import static org.redflag.notice.NoticeStatus.APPEALED;
import static org.redflag.notice.NoticeStatus.COUNTER_NOTICE_RECEIVED;
import static org.redflag.notice.NoticeStatus.INCOMPLETE;
import static org.redflag.notice.NoticeStatus.LISTING_REMOVED;
import static org.redflag.notice.NoticeStatus.RECEIVED;
import static org.redflag.notice.NoticeStatus.REJECTED;
import static org.redflag.notice.NoticeStatus.RESTORED;
import static org.redflag.notice.NoticeStatus.SUIT_FILED;
import static org.redflag.notice.NoticeStatus.WAITING_PERIOD;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a notice as a table of guarded transitions (ECL Arts. 42–43, Civil Code Arts. 1195–1196, DSA
 * Arts. 16–20, DMCA §512(c), (g)). Every change of a notice goes through {@link #next}; a command the status does
 * not accept throws {@link IllegalTransitionException} naming those it does.
 *
 * <p>An appeal remembers the status it was made from: upholding returns the notice there; reversing a seller's
 * appeal against removal restores the listing, and reversing a notifier's appeal against a rejection or restoration
 * removes it.
 */
public final class NoticeLifecycle {

    private static final Map<NoticeStatus, Map<NoticeCommand, NoticeStatus>> TABLE = new EnumMap<>(NoticeStatus.class);

    static {
        on(RECEIVED, Map.of(REMOVE_LISTING, LISTING_REMOVED, FORWARD_TO_SELLER, RECEIVED, NOTIFY, RECEIVED,
                REQUEST_MISSING_ELEMENTS, INCOMPLETE, REJECT, REJECTED));
        on(INCOMPLETE, Map.of(SUPPLEMENT, RECEIVED, NOTIFY, INCOMPLETE, REQUEST_MISSING_ELEMENTS, INCOMPLETE,
                REJECT, REJECTED));
        on(LISTING_REMOVED, Map.of(FORWARD_TO_SELLER, LISTING_REMOVED, NOTIFY, LISTING_REMOVED,
                COUNTER_NOTICE, COUNTER_NOTICE_RECEIVED, APPEAL, APPEALED, RESTORE, RESTORED));
        on(COUNTER_NOTICE_RECEIVED, Map.of(FORWARD_COUNTER_NOTICE, WAITING_PERIOD, NOTIFY, COUNTER_NOTICE_RECEIVED));
        on(WAITING_PERIOD, Map.of(DECLARE_SUIT, SUIT_FILED, RESTORE, RESTORED, NOTIFY, WAITING_PERIOD));
        on(SUIT_FILED, Map.of(RESTORE, RESTORED, NOTIFY, SUIT_FILED));
        on(REJECTED, Map.of(APPEAL, APPEALED));
        on(RESTORED, Map.of(APPEAL, APPEALED));
        on(APPEALED, Map.of(UPHOLD, APPEALED, REVERSE, APPEALED, NOTIFY, APPEALED));
    }

    private static void on(NoticeStatus from, Map<NoticeCommand, NoticeStatus> to) {
        TABLE.put(from, Map.copyOf(to));
    }

    private NoticeLifecycle() {
    }

    /** The commands a notice in {@code status} accepts. */
    public static Set<NoticeCommand> allowed(NoticeStatus status) {
        return TABLE.getOrDefault(status, Map.of()).keySet();
    }

    /**
     * The status after {@code command}.
     *
     * @param appealedFrom for {@link NoticeStatus#APPEALED}, the status the appeal was made from
     */
    public static NoticeStatus next(NoticeStatus status, NoticeCommand command, Optional<NoticeStatus> appealedFrom) {
        NoticeStatus to = TABLE.getOrDefault(status, Map.of()).get(command);
        if (to == null) {
            throw new IllegalTransitionException(status, command, allowed(status));
        }
        if (status != APPEALED || command == NoticeCommand.NOTIFY) {
            return to;
        }
        NoticeStatus from = appealedFrom.orElseThrow(() ->
                new IllegalStateException("an appealed notice must remember the status it was appealed from"));
        if (command == UPHOLD) {
            return from;
        }
        return from == LISTING_REMOVED ? RESTORED : LISTING_REMOVED;
    }

    /** Whether the listing is offline in this status (so a restoration puts it back). */
    public static boolean listingRemoved(NoticeStatus status) {
        return status == LISTING_REMOVED || status == COUNTER_NOTICE_RECEIVED || status == WAITING_PERIOD
                || status == SUIT_FILED;
    }
}
