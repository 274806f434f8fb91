package org.redflag.app.notice;

import java.time.Instant;
import java.util.List;

/** A notice as the API shows it: its facts, its qualification, its clocks, what can be done next, its timeline. */
public record NoticeView(
        long id,
        String status,
        Policy policy,
        NoticeRequests.Right right,
        String reasonCode,
        String language,
        String text,
        List<String> listings,
        NoticeRequests.Elements elements,
        Qualification qualification,
        Clocks clocks,
        int escalationLevel,
        int priority,
        List<String> allowedActions,
        List<Notices.Evidence> evidence,
        List<TimelineEntry> timeline) {

    public record Policy(String id, String version) {
    }

    /** Whether the notice is qualified, and each missing element in English and Chinese. */
    public record Qualification(boolean qualified, List<Missing> missing, String message) {
    }

    public record Missing(String element, String en, String zh) {
    }

    public record Clocks(Instant receivedAt, Instant responseDeadline, Instant forwardedAt, Instant counterReceivedAt,
                         Instant counterForwardedAt, Instant waitingPeriodEnds, Instant suitFiledAt,
                         Instant decidedAt, Instant appealWindowEnds) {
    }

    public record TimelineEntry(Instant at, String actor, String action, String before, String after,
                                String detail) {
    }
}
