package org.redflag.app.demo;

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
    private final org.redflag.app.identity.RegistrationCheck registrations;
    private final org.redflag.app.identity.SellerDiscipline discipline;
    private final org.redflag.app.listing.ListingScreening screening;

    public DemoData(Accounts accounts, Listings listings, NoticeIntake intake, NoticeActions actions,
                    org.redflag.app.identity.RegistrationCheck registrations,
                    org.redflag.app.identity.SellerDiscipline discipline,
                    org.redflag.app.listing.ListingScreening screening) {
        this.screening = screening;
        this.registrations = registrations;
        this.discipline = discipline;
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
        for (String[] i : items) { // registered as the API registers them: screened as they arrive
            screening.register(listings, new org.redflag.screening.Listing(i[0], "account-" + seller.accountId(),
                    i[1], null, null, null, null, null, null, null, null, null, null, null), seller.accountId());
        }
        sellers(seller);
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

    /**
     * Registered sellers: the demo seller's shop (its account's takedowns strike it) and a sister shop paid into the
     * same bank account, so one identity; a banned shop, and its return under a new name on the same device, held
     * for review.
     */
    private void sellers(Actor seller) {
        try {
            registerSellers(seller);
        } catch (org.redflag.identity.SellerReader.BadLine e) {
            throw new IllegalStateException("the demo's own sellers must read: " + e.getMessage(), e);
        }
    }

    private void registerSellers(Actor seller) throws org.redflag.identity.SellerReader.BadLine {
        var reader = new org.redflag.identity.SellerReader("CN");
        registrations.register(reader.parse("{\"id\":\"shop-shenzhen\",\"phones\":[\"+86 138 0013 8000\"],"
                + "\"paymentAccounts\":[\"6222 0000 1111 2222\"]}"), "Shenzhen Example Trading", seller.accountId());
        registrations.register(reader.parse("{\"id\":\"shop-sister\",\"emails\":[\"sister@example-trading.cn\"],"
                + "\"paymentAccounts\":[\"6222-0000-1111-2222\"]}"), "Example Trading outlet", null);
        registrations.register(reader.parse("{\"id\":\"shop-banned\",\"banned\":true,\"phones\":[\"+86 139 1234"
                + " 5678\"],\"deviceIds\":[\"A1B2-C3D4-E5F6\"]}"), "Fake Goods Co", null);
        registrations.register(reader.parse("{\"id\":\"shop-return\",\"deviceIds\":[\"{a1b2c3d4e5f6}\"],"
                + "\"emails\":[\"New.Shop+2@gmail.com\"]}"), "New Shop", null);
        var deposit = org.redflag.app.identity.SellerDiscipline.MoneyKind.DEPOSIT;
        var funds = org.redflag.app.identity.SellerDiscipline.MoneyKind.FUNDS;
        discipline.payIn("shop-shenzhen", deposit, 100_000, "deposit lodged at registration");
        discipline.payIn("shop-shenzhen", funds, 25_000, "sales proceeds held");
        discipline.payIn("shop-sister", funds, 8_000, "sales proceeds held");
    }

    private long file(Actor brand, NoticeRequests.Right right, String listing, String language, String text,
                      NoticeRequests.Elements elements) {
        return intake.file(brand, new NoticeRequests.FileNotice(null, right, List.of(listing),
                NoticeRequests.ReasonCode.COUNTERFEIT, language, text, elements, null), java.util.Optional.empty())
                .notice().id();
    }
}
