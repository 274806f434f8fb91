package org.redflag.app.server;

import java.util.List;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Actor;
import org.redflag.app.account.Role;
import org.redflag.app.listing.Listings;
import org.redflag.app.notice.NoticeActions;
import org.redflag.app.notice.NoticeIntake;
import org.redflag.app.notice.NoticeRequests;
import org.redflag.notice.NoticeCommand;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Demo accounts, listings and notices in several stages, put into an empty database by {@code redflag demo}. */
@Component
@ConditionalOnProperty(name = "redflag.demo", havingValue = "true")
public class DemoData {

    public record Login(String username, String password, Role role) {
    }

    public static final List<Login> LOGINS = List.of(
            new Login("admin", "demo-admin-password", Role.ADMIN),
            new Login("reviewer", "demo-reviewer-password", Role.REVIEWER),
            new Login("brand", "demo-brand-password", Role.RIGHTS_HOLDER),
            new Login("seller", "demo-seller-password", Role.SELLER));

    private final Accounts accounts;
    private final Listings listings;
    private final NoticeIntake intake;
    private final NoticeActions actions;

    public DemoData(Accounts accounts, Listings listings, NoticeIntake intake, NoticeActions actions) {
        this.accounts = accounts;
        this.listings = listings;
        this.intake = intake;
        this.actions = actions;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (accounts.any()) {
            return;
        }
        accounts.create("admin", LOGINS.get(0).password(), Role.ADMIN, "Platform administrator");
        Actor reviewer = accounts.create("reviewer", LOGINS.get(1).password(), Role.REVIEWER, "IP review team").actor();
        Actor brand = accounts.create("brand", LOGINS.get(2).password(), Role.RIGHTS_HOLDER, "Maison Exemple SA").actor();
        Actor seller = accounts.create("seller", LOGINS.get(3).password(), Role.SELLER, "Shenzhen Example Trading").actor();
        String[][] items = {
            {"L-1001", "高仿 Maison Exemple 手袋 一比一"}, {"L-1002", "Maison Exemple tote bag, replica"},
            {"L-1003", "Leather wallet"}, {"L-1004", "Maison Exemple scarf AAA quality"}, {"L-1005", "Silk scarf"},
            {"L-1006", "Maison Exemple belt"}};
        for (String[] i : items) {
            listings.create(i[0], seller.accountId(), i[1]);
        }
        var all = new NoticeRequests.Elements(true, true, true, true, true);
        var partial = new NoticeRequests.Elements(true, false, false, true, true);
        var right = new NoticeRequests.Right(NoticeRequests.RightType.TRADEMARK, "TM reg. 12345678 (CNIPA)");
        long removed = file(brand, right, "L-1001", "zh", "该商品为假冒 Maison Exemple 商标的高仿手袋。", all);
        file(brand, right, "L-1002", "en", "This listing offers counterfeit Maison Exemple bags.", all);
        file(brand, right, "L-1003", "fr", "Ce portefeuille reproduit notre modèle déposé.", partial);
        long countered = file(brand, right, "L-1004", "en", "Counterfeit scarves.", all);
        actions.act(reviewer, removed, new NoticeRequests.Action(NoticeCommand.REMOVE_LISTING, "counterfeit keywords"));
        actions.act(reviewer, removed, new NoticeRequests.Action(NoticeCommand.FORWARD_TO_SELLER, null));
        actions.act(reviewer, countered, new NoticeRequests.Action(NoticeCommand.REMOVE_LISTING, "qualified notice"));
        actions.counterNotice(seller, countered, new NoticeRequests.CounterNotice(
                "These scarves are genuine, bought from an authorised distributor.", "legal@example-trading.cn"));
        actions.act(reviewer, countered, new NoticeRequests.Action(NoticeCommand.FORWARD_COUNTER_NOTICE, null));
    }

    private long file(Actor brand, NoticeRequests.Right right, String listing, String language, String text,
                      NoticeRequests.Elements elements) {
        return intake.file(brand, new NoticeRequests.FileNotice(null, right, List.of(listing),
                NoticeRequests.ReasonCode.COUNTERFEIT, language, text, elements, null), java.util.Optional.empty())
                .notice().id();
    }
}
