package org.redflag.liability;

import java.util.ArrayList;
import java.util.List;
import org.redflag.law.ActionType;
import org.redflag.law.PlatformService;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.notice.Notice;
import org.redflag.notice.NoticeElements;

/** Small builders of case facts for tests: a plain CN information platform, branded listing, nothing else. */
final class Cases {

    static final PolicyPack CN = PolicyPacks.builtIn().find("CN").orElseThrow();
    static final PolicyPack EU = PolicyPacks.builtIn().find("EU").orElseThrow();
    static final PolicyPack US = PolicyPacks.builtIn().find("US").orElseThrow();

    private Cases() {
    }

    static CaseFacts plain() {
        return new CaseFacts("t", null, null, null, null, "CN", "TRADEMARK", null,
                new CaseFacts.Platform("P", List.of(PlatformService.INFORMATION_INTERMEDIARY), false, false, false,
                        null),
                new CaseFacts.Listing("Running shoes", null, List.of(), true, null, null, null, null, null, null, null),
                null, null, null, null, null, null, false, null, null);
    }

    static CaseFacts withServices(CaseFacts c, PlatformService... services) {
        CaseFacts.Platform p = c.platform();
        return c.withPlatform(p.with(List.of(services), p.algorithmicRecommendation(), p.editorialPromotion(),
                p.presentsOffersAsOwn(), p.measures()));
    }

    static Notice notice(String id, String at, String language) {
        return new Notice(id, at, language, NoticeElements.ALL, null, List.of(), null, null, false);
    }

    static CaseFacts withNotice(CaseFacts c, Notice n) {
        List<Notice> list = new ArrayList<>(c.notices());
        list.add(n);
        return c.withNotices(list);
    }

    static CaseFacts withAction(CaseFacts c, ActionType type, String at) {
        List<CaseFacts.PlatformAction> list = new ArrayList<>(c.platformActions());
        list.add(new CaseFacts.PlatformAction(type, at, null));
        return c.withActions(list);
    }

    /** A qualified notice at {@code noticeAt}, answered by removal and forwarding at {@code actedAt}. */
    static CaseFacts noticeAnswered(String noticeAt, String actedAt) {
        CaseFacts c = withNotice(plain(), notice("n1", noticeAt, "zh"));
        c = withAction(c, ActionType.REMOVE_LISTING, actedAt);
        return withAction(c, ActionType.FORWARD_NOTICE, actedAt);
    }

    static Assessment assess(CaseFacts c) {
        return assess(c, CN);
    }

    static Assessment assess(CaseFacts c, PolicyPack pack) {
        return new Assessor().assess(c, pack, Assessor.Options.WITHOUT_COUNTERFACTUALS);
    }
}
