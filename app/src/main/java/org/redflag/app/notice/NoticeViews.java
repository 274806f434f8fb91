package org.redflag.app.notice;

import java.util.ArrayList;
import java.util.List;
import org.redflag.app.law.Packs;
import org.redflag.app.account.Actor;
import org.redflag.app.audit.AuditLog;
import org.redflag.law.NoticeRules;
import org.redflag.law.PolicyPack;
import org.redflag.notice.Notice;
import org.redflag.notice.NoticeCommand;
import org.redflag.notice.NoticeLifecycle;
import org.redflag.notice.Qualification;
import org.springframework.stereotype.Component;

/** Builds the API's view of a notice for a given viewer: what it may do next depends on who it is. */
@Component
public class NoticeViews {

    private final Notices notices;
    private final AuditLog audit;
    private final NoticeAccess access;
    private final Packs packs;

    public NoticeViews(Notices notices, AuditLog audit, NoticeAccess access, Packs packs) {
        this.notices = notices;
        this.audit = audit;
        this.access = access;
        this.packs = packs;
    }

    public NoticeView view(Actor viewer, NoticeRecord n, boolean withTimeline) {
        List<NoticeView.TimelineEntry> timeline = withTimeline ? audit.forNotice(n.id()).stream()
                .map(e -> new NoticeView.TimelineEntry(e.at(), e.actor(), e.action(), e.before(), e.after(),
                        e.detail())).toList() : List.of();
        return view(viewer, n, notices.listingIds(n.id()), withTimeline ? notices.evidence(n.id()) : List.of(),
                timeline);
    }

    /** The view of a notice just filed, from what the filing stored: nothing read back. */
    NoticeView view(Actor viewer, NoticeIntake.Stored filed, boolean withTimeline) {
        return view(viewer, filed.notice(), filed.listingIds(), withTimeline ? filed.evidence() : List.of(),
                withTimeline ? List.of(filed.filed()) : List.of());
    }

    private NoticeView view(Actor viewer, NoticeRecord n, List<String> listingIds, List<Notices.Evidence> evidence,
                            List<NoticeView.TimelineEntry> timeline) {
        PolicyPack pack = packs.byId(n.policyId());
        return new NoticeView(n.id(), n.status().name(), new NoticeView.Policy(n.policyId(), n.policyVersion()),
                new NoticeRequests.Right(NoticeRequests.RightType.valueOf(n.rightType()), n.rightReference()),
                n.reasonCode(), n.language(), n.originalText(), listingIds,
                NoticeRequests.Elements.of(n.elements()), qualification(n, pack.notice()),
                new NoticeView.Clocks(n.receivedAt(), n.responseDeadline(), n.forwardedAt(), n.counterReceivedAt(),
                        n.counterForwardedAt(), n.waitingPeriodEnds(), n.suitFiledAt(), n.decidedAt(),
                        n.appealWindowEnds()),
                n.escalationLevel(), n.priority(), allowed(viewer, n), evidence, timeline);
    }

    static NoticeView.Qualification qualification(NoticeRecord n, NoticeRules rules) {
        Qualification q = Qualification.of(new Notice(null, null, n.language(), n.elements(), null, List.of(), null,
                null, false), rules);
        List<NoticeView.Missing> missing = q.missing().stream().map(m -> new NoticeView.Missing(m.element().key(),
                m.element().english(), m.element().chinese())).toList();
        String message = q.qualified() ? "qualified: every element the policy requires is present"
                : "not qualified; missing: " + String.join(", ", missing.stream().map(m -> m.en() + " / " + m.zh())
                .toList()) + ". A notice is never refused or delayed for its language.";
        return new NoticeView.Qualification(q.qualified(), missing, message);
    }

    /** The commands the viewer could give now. */
    List<String> allowed(Actor viewer, NoticeRecord n) {
        List<String> out = new ArrayList<>();
        for (NoticeCommand c : NoticeLifecycle.allowed(n.status())) {
            boolean mine = switch (c.by()) {
                case PLATFORM -> viewer.platformStaff();
                case NOTIFIER -> access.isNotifier(viewer, n);
                case SELLER -> access.isSeller(viewer, n);
                case SELLER_OR_NOTIFIER -> n.status() == org.redflag.notice.NoticeStatus.LISTING_REMOVED
                        ? access.isSeller(viewer, n) : access.isNotifier(viewer, n);
            };
            if (mine) {
                out.add(c.name());
            }
        }
        out.sort(null);
        return out;
    }
}
