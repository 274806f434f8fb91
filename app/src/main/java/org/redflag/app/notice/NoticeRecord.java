package org.redflag.app.notice;

import java.time.Instant;
import java.util.Optional;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.NoticeStatus;

/** One stored notice, as a row of {@code notices}. */
public record NoticeRecord(
        long id,
        long notifierAccountId,
        String policyId,
        String policyVersion,
        String rightType,
        String rightReference,
        String reasonCode,
        String language,
        String originalText,
        NoticeElements elements,
        boolean qualified,
        NoticeStatus status,
        NoticeStatus appealedFrom,
        String appealBy,
        Instant receivedAt,
        Instant responseDeadline,
        Instant forwardedAt,
        Instant counterReceivedAt,
        Instant counterForwardedAt,
        Instant waitingPeriodEnds,
        Instant suitFiledAt,
        Instant decidedAt,
        Instant appealWindowEnds,
        int escalationLevel,
        int priority,
        int version) {

    /** The same notice as stored: under the id the database gave it, queued at its notifier's priority. */
    NoticeRecord stored(long newId, int newPriority) {
        return new NoticeRecord(newId, notifierAccountId, policyId, policyVersion, rightType, rightReference,
                reasonCode, language, originalText, elements, qualified, status, appealedFrom, appealBy, receivedAt,
                responseDeadline, forwardedAt, counterReceivedAt, counterForwardedAt, waitingPeriodEnds, suitFiledAt,
                decidedAt, appealWindowEnds, escalationLevel, newPriority, version);
    }

    public Optional<NoticeStatus> appealedFromStatus() {
        return Optional.ofNullable(appealedFrom);
    }
}
