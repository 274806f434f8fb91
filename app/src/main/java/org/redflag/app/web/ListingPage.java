package org.redflag.app.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.listing.Listings;
import org.redflag.app.server.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One listing: its red flags with their details, citations and evidence, and the notices that name it. Staff see
 * any listing, a seller its own, a right holder any (as the API lets it) with only its own notices.
 */
@Controller
public class ListingPage {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A flag as the page shows it: the sentence in the reader's language, and the evidence as indented JSON. */
    public record FlagRow(String code, String detail, List<String> citations, String evidence) {
    }

    /** A notice naming the listing. */
    public record NoticeRow(long id, String status, String reasonCode, java.time.Instant receivedAt) {
    }

    private final CurrentActor current;
    private final Listings listings;
    private final JdbcClient jdbc;
    private final MessageSource messages;

    public ListingPage(CurrentActor current, Listings listings, JdbcClient jdbc, MessageSource messages) {
        this.current = current;
        this.listings = listings;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @GetMapping("/listings/{id}")
    public String listing(@PathVariable String id, Model model, Locale locale) {
        Actor actor = current.get();
        Listings.Listing l = listings.find(id).orElseThrow(() -> ApiException.notFound("listing " + id));
        if (actor.role() == Role.SELLER && !Objects.equals(l.sellerAccountId(), actor.accountId())) {
            throw ApiException.notFound("listing " + id);
        }
        List<FlagRow> flags = listings.flags(id).stream().map(f -> new FlagRow(f.code(),
                ScreeningPage.sentence(messages, locale, f.code(), f.evidence(), f.detail()), f.citations(),
                JSON.writeValueAsString(f.evidence()))).toList();
        boolean ownNoticesOnly = actor.role() == Role.RIGHTS_HOLDER;
        List<NoticeRow> notices = jdbc.sql("SELECT n.id, n.status, n.reason_code, n.received_at FROM notice_listings nl"
                        + " JOIN notices n ON n.id = nl.notice_id WHERE nl.listing_id = :l"
                        + (ownNoticesOnly ? " AND n.notifier_account_id = :me" : "") + " ORDER BY n.id")
                .param("l", id).param("me", actor.accountId())
                .query((rs, i) -> new NoticeRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant())).list();
        model.addAttribute("listing", l);
        model.addAttribute("risk", listings.risk(id));
        model.addAttribute("flags", flags);
        model.addAttribute("notices", notices);
        return "listing";
    }
}
