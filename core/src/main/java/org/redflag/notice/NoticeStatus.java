package org.redflag.notice;

/**
 * Where a notice stands in its life. Which commands each status accepts is {@link NoticeLifecycle}'s table.
 */
public enum NoticeStatus {
    /** Qualified and awaiting the platform's measures (ECL Art. 42; DSA Art. 16). */
    RECEIVED,
    /** Lacking required elements; the notifier has been, or may be, asked to supply them. */
    INCOMPLETE,
    /** Refused, with reasons (DSA Art. 17). */
    REJECTED,
    /** Necessary measures taken: the listing is removed. */
    LISTING_REMOVED,
    /** The seller answered with a counter-notice (ECL Art. 43; DMCA §512(g)). */
    COUNTER_NOTICE_RECEIVED,
    /** The counter-notice was forwarded to the right holder; the pack's waiting period runs. */
    WAITING_PERIOD,
    /** The right holder reported a complaint or suit within the waiting period: measures stay. */
    SUIT_FILED,
    /** The listing is back online. */
    RESTORED,
    /** An internal appeal is pending (DSA Art. 20). */
    APPEALED
}
