package org.redflag.app.liability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.notice.NoticeAccess;
import org.redflag.app.notice.NoticeRecord;
import org.redflag.app.law.Packs;
import org.redflag.law.ActionType;
import org.redflag.law.PolicyPack;
import org.redflag.liability.AssessmentJson;
import org.redflag.liability.Assessor;
import org.redflag.liability.CaseFacts;
import org.redflag.notice.Notice;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The core liability assessment on the facts the service holds about one notice, judged now. */
@RestController
@EnableConfigurationProperties(PlatformProfile.class)
@Tag(name = "Notices")
public class LiveAssessmentController {

    private final NoticeAccess access;
    private final AuditLog audit;
    private final Packs packs;
    private final PlatformProfile platform;
    private final CurrentActor current;
    private final Clock clock;

    public LiveAssessmentController(NoticeAccess access, AuditLog audit, Packs packs, PlatformProfile platform,
                                    CurrentActor current, Clock clock) {
        this.access = access;
        this.audit = audit;
        this.packs = packs;
        this.platform = platform;
        this.current = current;
        this.clock = clock;
    }

    @GetMapping("/api/notices/{id}/assessment")
    @Operation(summary = "Is the platform liable on this notice's facts, and why", description = "The notice, the"
            + " platform's actions from the audit trail and the deployment's platform profile, assessed now under"
            + " the notice's policy pack, with the reasoning, citations and counterfactuals.")
    public JsonNode assess(@PathVariable long id) {
        Actor actor = current.get();
        NoticeRecord n = access.visible(actor, id);
        PolicyPack pack = packs.byId(n.policyId());
        return AssessmentJson.toJson(new Assessor().assess(facts(n), pack));
    }

    /** The assessment of a notice the viewer may see, for the web page. */
    public org.redflag.liability.Assessment assessment(Actor actor, long id) {
        NoticeRecord n = access.visible(actor, id);
        return new Assessor().assess(facts(n), packs.byId(n.policyId()));
    }

    CaseFacts facts(NoticeRecord n) {
        List<CaseFacts.PlatformAction> actions = new ArrayList<>();
        for (var e : audit.forNotice(n.id())) {
            ActionType type = switch (e.action()) {
                case "REMOVE_LISTING" -> ActionType.REMOVE_LISTING;
                case "FORWARD_TO_SELLER" -> ActionType.FORWARD_NOTICE;
                case "NOTIFY" -> ActionType.NOTIFY_SELLER;
                case "REJECT" -> ActionType.REJECT_NOTICE;
                case "RESTORE" -> ActionType.RESTORE_LISTING;
                case "REVERSE" -> "RESTORED".equals(e.after()) ? ActionType.RESTORE_LISTING : ActionType.REMOVE_LISTING;
                default -> null;
            };
            if (type != null) {
                actions.add(new CaseFacts.PlatformAction(type, e.at().toString(), e.detail()));
            }
        }
        List<CaseFacts.CounterNotice> counters = n.counterReceivedAt() == null ? List.of()
                : List.of(new CaseFacts.CounterNotice(n.counterReceivedAt().toString(),
                str(n.counterForwardedAt())));
        Notice notice = new Notice("notice-" + n.id(), n.receivedAt().toString(), n.language(), n.elements(), null,
                List.of(), null, null, false);
        return new CaseFacts("notice-" + n.id(), "Notice " + n.id() + " (" + n.reasonCode() + ")", null, null, null,
                n.policyId(), n.rightType(), clock.instant().toString(), platform.toFacts(),
                new CaseFacts.Listing(null, null, List.of(), true, null, null, null, null, null, null, null), null,
                List.of(notice), counters, str(n.suitFiledAt()), actions, List.of(), false, null, null);
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
