package org.redflag.liability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.redflag.law.ActionType;
import org.redflag.law.PlatformService;
import org.redflag.notice.Notice;
import org.redflag.notice.NoticeElements;

/**
 * Random but plausible case facts from a seed, for property tests: any seed replays the same case. Dates are a mix
 * of date-times and dates alone; a restoration, where there is one, is the platform's last action.
 */
final class GeneratedCases {

    static final String[] LANGUAGES = {"en", "zh", "zh-Hant", "fr", "de", "ja", "ko", "es", "ar", "ru", "pt-BR"};
    private static final String[] TITLES = {"Running shoes", "Leather handbag", "Wrist watch", "Phone case",
        "高仿 名牌手表", "Replica bag", "AAA batteries", "精仿 运动鞋", "1:1 scale model", "Garden hose"};
    private static final ActionType[] MEASURES = {ActionType.REMOVE_LISTING, ActionType.FORWARD_NOTICE,
        ActionType.NOTIFY_SELLER, ActionType.RESTRICT_ACCOUNT, ActionType.TERMINATE_ACCOUNT, ActionType.FREEZE_FUNDS,
        ActionType.REJECT_NOTICE, ActionType.NO_ACTION};
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    private GeneratedCases() {
    }

    static CaseFacts generate(long seed) {
        Random r = new Random(seed);
        String jurisdiction = List.of("CN", "EU", "US").get(r.nextInt(3));
        List<PlatformService> services = new ArrayList<>();
        for (PlatformService s : PlatformService.values()) {
            if (r.nextInt(3) == 0) {
                services.add(s);
            }
        }
        if (services.isEmpty()) {
            services.add(PlatformService.values()[r.nextInt(4)]);
        }
        CaseFacts.Measures measures = new CaseFacts.Measures(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextInt(4) == 0, null, r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
        CaseFacts.Platform platform = new CaseFacts.Platform("P", services, r.nextInt(4) == 0, r.nextInt(6) == 0,
                r.nextInt(10) == 0, measures);
        boolean branded = r.nextInt(4) != 0;
        Double genuine = r.nextBoolean() ? 1000.0 : null;
        Double price = r.nextBoolean() ? (double) (200 + r.nextInt(1000)) : null;
        boolean sales = r.nextInt(3) == 0;
        CaseFacts.Listing listing = new CaseFacts.Listing(TITLES[r.nextInt(TITLES.length)], null, List.of(), branded,
                price, genuine, "CNY", sales ? (double) r.nextInt(20_000) : null, sales ? 1000.0 : null,
                sales ? r.nextInt(50) / 100.0 : null, sales ? 0.1 : null);
        CaseFacts.Seller seller = new CaseFacts.Seller("s", r.nextInt(6) == 0, r.nextInt(4), 0);

        List<Notice> notices = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            NoticeElements elements = new NoticeElements(r.nextInt(6) != 0, r.nextInt(6) != 0, r.nextInt(6) != 0,
                    r.nextInt(6) != 0, r.nextInt(6) != 0);
            Boolean accurate = r.nextInt(8) == 0 ? Boolean.FALSE : null;
            notices.add(new Notice("n" + i, time(r, 0, 240), LANGUAGES[r.nextInt(LANGUAGES.length)], elements, null,
                    List.of(), accurate, accurate == null ? null : r.nextBoolean(), r.nextBoolean()));
        }
        List<CaseFacts.PlatformAction> actions = new ArrayList<>();
        int a = r.nextInt(5);
        for (int i = 0; i < a; i++) {
            actions.add(new CaseFacts.PlatformAction(MEASURES[r.nextInt(MEASURES.length)], time(r, 0, 300), null));
        }
        List<CaseFacts.CounterNotice> counters = new ArrayList<>();
        String suit = null;
        if (r.nextInt(4) == 0) {
            counters.add(new CaseFacts.CounterNotice(at(START.plus(Duration.ofHours(300))),
                    r.nextBoolean() ? at(START.plus(Duration.ofHours(301))) : null));
            actions.add(new CaseFacts.PlatformAction(ActionType.RESTORE_LISTING,
                    at(START.plus(Duration.ofHours(302 + r.nextInt(800)))), null));
            if (r.nextBoolean()) {
                suit = at(START.plus(Duration.ofHours(305 + r.nextInt(600))));
            }
        }
        List<CaseFacts.ForeignOrder> orders = new ArrayList<>();
        if (r.nextInt(5) == 0) {
            orders.add(new CaseFacts.ForeignOrder("TRO", "N.D. Ill.", "2024-02-20",
                    r.nextBoolean() ? "2024-02-25" : null, r.nextBoolean() ? time(r, 0, 300) : null));
        }
        return new CaseFacts("g" + seed, null, null, null, null, jurisdiction, "TRADEMARK", null, platform, listing,
                seller, notices, counters, suit, actions, orders, r.nextInt(8) == 0, null, null);
    }

    /** A date-time or, one time in four, a date alone, within {@code [from, to)} hours of the start. */
    static String time(Random r, int from, int to) {
        Instant t = START.plus(Duration.ofMinutes(60L * from + r.nextInt((to - from) * 60)));
        return r.nextInt(4) == 0 ? t.atOffset(ZoneOffset.ofHours(8)).toLocalDate().toString() : at(t);
    }

    static String at(Instant t) {
        return t.atOffset(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
