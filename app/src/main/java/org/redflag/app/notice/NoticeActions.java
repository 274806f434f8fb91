package org.redflag.app.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redflag.app.law.Packs;
import org.redflag.app.account.Actor;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.listing.Listings;
import org.redflag.app.notifier.NotifierStandings;
import org.redflag.app.reasons.StatementsOfReasons;
import org.redflag.app.problem.ApiException;
import org.redflag.law.CounterNoticeRules;
import org.redflag.law.PolicyPack;
import org.redflag.notice.NoticeCommand;
import org.redflag.notice.NoticeLifecycle;
import org.redflag.notice.NoticeStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a notice: the command is checked against who gives it and against the lifecycle
 * ({@link NoticeLifecycle}), applied only if the notice has not changed meanwhile, recorded in the audit trail, and
 * followed by its effects: listings taken down or put back, statements of reasons, timers, the notifier's standing.
 */
@Service
public class NoticeActions {

    private final Notices notices;
    private final NoticeAccess access;
    private final Listings listings;
    private final AuditLog audit;
    private final Packs packs;
    private final NoticeTimers timers;
    private final StatementsOfReasons statements;
    private final NotifierStandings standings;
    private final Clock clock;
    private final org.redflag.app.evidence.EvidenceLedger evidence;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().build();

    private final org.springframework.context.ApplicationEventPublisher events;

    /**
     * Published, inside the transaction that made it, when a notice takes its listings down or puts them back up:
     * the sellers' discipline follows.
     */
    public record ListingsTakenDown(long noticeId, long notifierAccountId, List<Long> sellerAccounts) {
    }

    public record ListingsPutBack(long noticeId, String why) {
    }

    public NoticeActions(Notices notices, NoticeAccess access, Listings listings, AuditLog audit, Packs packs,
                         NoticeTimers timers, StatementsOfReasons statements, NotifierStandings standings, Clock clock,
                         org.redflag.app.evidence.EvidenceLedger evidence,
                         org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.evidence = evidence;
        this.notices = notices;
        this.access = access;
        this.listings = listings;
        this.audit = audit;
        this.packs = packs;
        this.timers = timers;
        this.statements = statements;
        this.standings = standings;
        this.clock = clock;
    }

    /** A platform decision: remove, forward, notify, request elements, reject, forward a counter-notice, restore, uphold, reverse. */
    @Transactional
    public NoticeRecord act(Actor actor, long id, NoticeRequests.Action req) {
        NoticeRecord n = access.visible(actor, id);
        if (req.action().by() != NoticeCommand.Party.PLATFORM) {
            throw ApiException.badRequest("action", req.action() + " is not a platform action; the "
                    + req.action().by().name().toLowerCase().replace('_', ' ') + " gives it at its own endpoint");
        }
        if (!actor.platformStaff()) {
            throw ApiException.forbidden("only reviewers and admins take platform actions");
        }
        return apply(actor, n, req.action(), new HashMap<>(), req.reasons());
    }

    @Transactional
    public NoticeRecord counterNotice(Actor actor, long id, NoticeRequests.CounterNotice req) {
        NoticeRecord n = access.visible(actor, id);
        if (!access.isSeller(actor, n)) {
            throw ApiException.forbidden("only the seller of a listing the notice names files a counter-notice");
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put("counter_received_at", clock.instant());
        return apply(actor, n, NoticeCommand.COUNTER_NOTICE, changes, "statement: " + req.statement()
                + "; contact: " + req.contact());
    }

    @Transactional
    public NoticeRecord suit(Actor actor, long id, NoticeRequests.Suit req) {
        NoticeRecord n = access.visible(actor, id);
        if (!access.isNotifier(actor, n)) {
            throw ApiException.forbidden("only the notifier reports a complaint or suit");
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put("suit_filed_at", clock.instant());
        return apply(actor, n, NoticeCommand.DECLARE_SUIT, changes, "court: " + req.court() + "; case: "
                + req.caseReference());
    }

    @Transactional
    public NoticeRecord supplement(Actor actor, long id, NoticeRequests.Supplement req) {
        NoticeRecord n = access.visible(actor, id);
        if (!access.isNotifier(actor, n)) {
            throw ApiException.forbidden("only the notifier supplements its notice");
        }
        PolicyPack pack = packs.byId(n.policyId());
        NoticeRecord updated = withElements(n, req);
        var q = NoticeViews.qualification(updated, pack.notice());
        Map<String, Object> changes = new HashMap<>();
        changes.put("el_rights_holder", req.elements().rightsHolderIdentity());
        changes.put("el_proof_of_rights", req.elements().proofOfRights());
        changes.put("el_listing_location", req.elements().listingLocation());
        changes.put("el_infringement", req.elements().infringementEvidence());
        changes.put("el_good_faith", req.elements().goodFaithStatement());
        changes.put("qualified", q.qualified());
        if (req.text() != null) {
            changes.put("original_text", req.text());
        }
        if (!q.qualified()) {
            NoticeLifecycle.next(n.status(), NoticeCommand.SUPPLEMENT, n.appealedFromStatus());
            write(actor, n, NoticeStatus.INCOMPLETE, changes, "SUPPLEMENT", q.message());
            return notices.find(id).orElseThrow();
        }
        Instant now = clock.instant();
        Instant deadline = pack.notice().responseDeadline().after(now, pack.timeZone(), pack.calendar());
        changes.put("received_at", now);
        changes.put("response_deadline", deadline);
        NoticeRecord after = apply(actor, n, NoticeCommand.SUPPLEMENT, changes, q.message()
                + " The deadline runs from now.");
        timers.deadline(id, now, deadline);
        return after;
    }

    @Transactional
    public NoticeRecord appeal(Actor actor, long id, NoticeRequests.Appeal req) {
        NoticeRecord n = access.visible(actor, id);
        boolean sellerAppeal = n.status() == NoticeStatus.LISTING_REMOVED;
        if (sellerAppeal ? !access.isSeller(actor, n) : !access.isNotifier(actor, n)) {
            throw ApiException.forbidden(sellerAppeal ? "only the seller appeals a removal"
                    : "only the notifier appeals this decision");
        }
        if (n.appealWindowEnds() != null && clock.instant().isAfter(n.appealWindowEnds())) {
            throw new ApiException(HttpStatus.CONFLICT, "Appeal window closed", "appeals against this decision"
                    + " closed at " + n.appealWindowEnds(), null);
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put("appealed_from", n.status());
        changes.put("appeal_by", sellerAppeal ? "SELLER" : "NOTIFIER");
        return apply(actor, n, NoticeCommand.APPEAL, changes, "grounds: " + req.grounds());
    }

    /** The waiting period has ended: restore, unless the right holder reported a suit or the notice moved on. */
    @Transactional
    public void restoreAfterWaitingPeriod(long id) {
        NoticeRecord n = notices.find(id).orElse(null);
        if (n == null || n.status() != NoticeStatus.WAITING_PERIOD || n.waitingPeriodEnds() == null
                || clock.instant().isBefore(n.waitingPeriodEnds())) {
            return;
        }
        apply(Actor.SYSTEM, n, NoticeCommand.RESTORE, new HashMap<>(), "the waiting period ended on "
                + n.waitingPeriodEnds() + " without a reported complaint or suit");
    }

    /** The deadline nears: warn, and set the breach timer; if it has passed already, escalate straight to breach. */
    @Transactional
    public void warn(long id) {
        NoticeRecord n = notices.find(id).orElse(null);
        if (n == null) {
            return;
        }
        if (!clock.instant().isBefore(n.responseDeadline())) {
            escalate(id, 2);
        } else {
            escalate(id, 1);
            timers.breach(id, n.responseDeadline());
        }
    }

    /** Escalates a notice still awaiting measures: 1 when the deadline nears, 2 when it has passed. Once each. */
    @Transactional
    public void escalate(long id, int level) {
        NoticeRecord n = notices.find(id).orElse(null);
        if (n == null || (level == 2 && clock.instant().isBefore(n.responseDeadline()))) {
            return;
        }
        if (notices.escalate(id, level)) {
            audit.append(id, Actor.SYSTEM, level == 1 ? "DEADLINE_APPROACHING" : "DEADLINE_BREACHED",
                    n.status().name(), n.status().name(), "response deadline " + n.responseDeadline());
        }
    }

    private NoticeRecord apply(Actor actor, NoticeRecord n, NoticeCommand command, Map<String, Object> changes,
                               String detail) {
        NoticeStatus to = NoticeLifecycle.next(n.status(), command, n.appealedFromStatus());
        PolicyPack pack = packs.byId(n.policyId());
        Instant now = clock.instant();
        boolean decision = command == NoticeCommand.REMOVE_LISTING || command == NoticeCommand.REJECT
                || command == NoticeCommand.RESTORE || command == NoticeCommand.UPHOLD
                || command == NoticeCommand.REVERSE;
        if (decision) {
            changes.put("decided_at", now);
            pack.appealWindow().ifPresent(w -> changes.put("appeal_window_ends",
                    w.after(now, pack.timeZone(), pack.calendar())));
        }
        if (command == NoticeCommand.FORWARD_TO_SELLER) {
            changes.put("forwarded_at", now);
        }
        if (n.status() == NoticeStatus.APPEALED && (command == NoticeCommand.UPHOLD || command == NoticeCommand.REVERSE)) {
            changes.put("appealed_from", null);
            changes.put("appeal_by", null);
        }
        Instant waitingEnds = null;
        if (command == NoticeCommand.FORWARD_COUNTER_NOTICE) {
            changes.put("counter_forwarded_at", now);
            if (pack.counterNotice().isPresent()) {
                CounterNoticeRules r = pack.counterNotice().get();
                Instant start = r.runsFrom() == CounterNoticeRules.RunsFrom.FORWARDED ? now : n.counterReceivedAt();
                waitingEnds = r.waitingPeriod().after(start, pack.timeZone(), pack.calendar());
                changes.put("waiting_period_ends", waitingEnds);
            }
        }
        write(actor, n, to, changes, command.name(), detail);

        List<String> ids = notices.listingIds(n.id());
        boolean wasRemoved = offline(n.status(), n.appealedFrom());
        boolean removed = offline(to, command == NoticeCommand.APPEAL ? n.status() : null);
        if (!wasRemoved && removed) {
            listings.setStatus(ids, Listings.Status.REMOVED);
            for (String listing : ids) {
                var sor = statements.listingRemoved(n.id(), listing, n.rightType(), "Listing " + listing
                        + " removed on notice " + n.id() + " (" + n.reasonCode() + ", " + n.rightType() + " "
                        + n.rightReference() + ") under " + pack.label() + (detail == null ? "" : ". " + detail),
                        n.priority() > 0);
                evidence.captureJson(n.id(), JSON.writeValueAsString(sor), sor.puid() + ".json", actor.username(),
                        "STATEMENT_OF_REASONS");
            }
            events.publishEvent(new ListingsTakenDown(n.id(), n.notifierAccountId(), notices.sellers(n.id())));
        } else if (wasRemoved && !removed) {
            listings.setStatus(ids, Listings.Status.ONLINE);
            events.publishEvent(new ListingsPutBack(n.id(), command.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + (detail == null ? "" : ": " + detail)));
        }
        if (waitingEnds != null) {
            timers.waitingPeriod(n.id(), waitingEnds);
        }
        if (decision) {
            standings.recompute(n.notifierAccountId(), pack);
        }
        return notices.find(n.id()).orElseThrow();
    }

    /** Whether the listings are offline: during an appeal, as they were in the status appealed from. */
    private static boolean offline(NoticeStatus status, NoticeStatus appealedFrom) {
        return status == NoticeStatus.APPEALED ? appealedFrom != null && NoticeLifecycle.listingRemoved(appealedFrom)
                : NoticeLifecycle.listingRemoved(status);
    }

    private void write(Actor actor, NoticeRecord n, NoticeStatus to, Map<String, Object> changes, String action,
                       String detail) {
        if (!notices.update(n.id(), n.version(), to, changes)) {
            throw ApiException.conflict("notice " + n.id() + " changed while this request was handled; read it"
                    + " again and retry");
        }
        audit.append(n.id(), actor, action, n.status().name(), to.name(), detail);
        var event = new java.util.LinkedHashMap<String, Object>();
        event.put("notice", n.id());
        event.put("action", action);
        event.put("by", actor.username());
        event.put("role", actor.isSystem() ? "SYSTEM" : actor.role().name());
        event.put("at", clock.instant().toString());
        event.put("before", n.status().name());
        event.put("after", to.name());
        event.put("detail", detail);
        evidence.captureJson(n.id(), JSON.writeValueAsString(event), "notice-" + n.id() + "-" + action.toLowerCase()
                + ".json", actor.username(), "DECISION");
    }

    private static NoticeRecord withElements(NoticeRecord n, NoticeRequests.Supplement req) {
        return new NoticeRecord(n.id(), n.notifierAccountId(), n.policyId(), n.policyVersion(), n.rightType(),
                n.rightReference(), n.reasonCode(), n.language(), n.originalText(), req.elements().toCore(),
                n.qualified(), n.status(), n.appealedFrom(), n.appealBy(), n.receivedAt(), n.responseDeadline(),
                n.forwardedAt(), n.counterReceivedAt(), n.counterForwardedAt(), n.waitingPeriodEnds(),
                n.suitFiledAt(), n.decidedAt(), n.appealWindowEnds(), n.escalationLevel(), n.priority(),
                n.version());
    }
}
