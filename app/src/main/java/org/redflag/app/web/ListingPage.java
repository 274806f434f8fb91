package org.redflag.app.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.listing.Listings;
import org.redflag.app.problem.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** Notices naming a listing shown on its page; the rest are counted (the API lists them all). */
    static final int NOTICES_SHOWN = 200;

    private final CurrentActor current;
    private final Listings listings;
    private final org.redflag.app.notice.NoticeQueries queries;
    private final MessageSource messages;

    public ListingPage(CurrentActor current, Listings listings, org.redflag.app.notice.NoticeQueries queries,
                       MessageSource messages) {
        this.current = current;
        this.listings = listings;
        this.queries = queries;
        this.messages = messages;
    }

    /** Listings on one page of the list. */
    static final int PAGE_SIZE = 50;

    /**
     * Listings riskiest first, filtered by a red flag and a status: the triage list for staff, and a seller's own
     * listings with what screening found on them.
     */
    @GetMapping("/listings")
    public String list(@RequestParam(required = false) org.redflag.law.RedFlag flag,
                       @RequestParam(required = false) Listings.Status status,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        Long seller = org.redflag.app.listing.ListingController.sellerScope(current.get(), null);
        Listings.Filter filter = new Listings.Filter(seller, flag, null, status);
        Listings.Page result = listings.page(filter, Math.max(0, Math.min(page, 100_000)), PAGE_SIZE);
        if (result.items().isEmpty() && result.total() > 0) { // past the last page: the last
            result = listings.page(filter, (int) ((result.total() - 1) / PAGE_SIZE), PAGE_SIZE);
        }
        model.addAttribute("page", result);
        model.addAttribute("flag", flag);
        model.addAttribute("status", status);
        model.addAttribute("flags", ScreeningPage.FLAGS);
        model.addAttribute("statuses", Listings.Status.values());
        return "listings";
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
        // the notices naming it that the reader may see: a right holder its own (the queue's rules)
        var notices = queries.list(actor, null, null, id, 0, NOTICES_SHOWN);
        model.addAttribute("listing", l);
        model.addAttribute("risk", listings.risk(id));
        model.addAttribute("flags", flags);
        model.addAttribute("notices", notices.items());
        model.addAttribute("noticesTotal", notices.total());
        return "listing";
    }
}
