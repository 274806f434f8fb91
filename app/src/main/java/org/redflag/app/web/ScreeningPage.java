package org.redflag.app.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.listing.Listings;
import org.redflag.app.problem.ApiException;
import org.redflag.law.RedFlag;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The latest red flags raised on listings, for staff: the listing, the flag by name and its detail. */
@Controller
public class ScreeningPage {

    private final CurrentActor current;
    private final JdbcClient jdbc;
    private final MessageSource messages;

    public ScreeningPage(CurrentActor current, JdbcClient jdbc, MessageSource messages) {
        this.current = current;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /** A flag on the page; {@code start}/{@code end} mark the keyword in the title when the match is there. */
    public record FlagRow(String listingId, String title, String code, String detail, int start, int end) {
        public String before() {
            return start >= 0 && start <= title.length() ? title.substring(0, start) : title;
        }

        public String match() {
            return start >= 0 && end <= title.length() && start < end ? title.substring(start, end) : "";
        }

        public String after() {
            return start >= 0 && end <= title.length() && start < end ? title.substring(end) : "";
        }
    }

    /** The flags screening raises on listings (the screening-result contract's codes), for filters. */
    static final List<RedFlag> FLAGS = List.of(RedFlag.COUNTERFEIT_KEYWORD, RedFlag.PRICE_BELOW_GENUINE,
            RedFlag.SALES_ANOMALY, RedFlag.LINKED_TO_BANNED_SELLER, RedFlag.FOREIGN_ORDER);

    /** Flags on one page of the screening results. */
    static final int PAGE_SIZE = 50;

    /** A page of flags: the rows and where they sit among all the flags the filter admits. */
    public record FlagPage(List<FlagRow> items, int page, int size, long total) {
    }

    @GetMapping("/screening")
    public String screening(@RequestParam(required = false) RedFlag flag,
                            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff see this page");
        }
        String where = flag == null ? "" : " WHERE f.code = :code";
        Map<String, Object> params = flag == null ? Map.of() : Map.of("code", flag.name());
        long total = jdbc.sql("SELECT COUNT(*) FROM listing_flags f" + where).params(params).query(Long.class)
                .single();
        int p = (int) Math.max(0, Math.min(page, (total - 1) / PAGE_SIZE)); // past the last page: the last
        List<FlagRow> rows = jdbc.sql("SELECT l.id, l.title, f.code, f.detail, f.evidence FROM listing_flags f"
                        + " JOIN listings l ON l.id = f.listing_id" + where
                        + " ORDER BY l.created_at DESC, l.id, f.code LIMIT :limit OFFSET :offset")
                .params(params).param("limit", PAGE_SIZE).param("offset", (long) p * PAGE_SIZE)
                .query((rs, i) -> {
                    String code = rs.getString(3);
                    Map<String, Object> evidence = Listings.evidence(rs.getString(5));
                    int start = -1;
                    int end = -1;
                    if (evidence.get("matches") instanceof List<?> m && !m.isEmpty()
                            && m.get(0) instanceof Map<?, ?> first && first.get("start") instanceof Number s
                            && first.get("end") instanceof Number e) {
                        start = s.intValue();
                        end = e.intValue();
                    }
                    return new FlagRow(rs.getString(1), rs.getString(2), code,
                            sentence(messages, locale, code, evidence, rs.getString(4)), start, end);
                }).list();
        model.addAttribute("page", new FlagPage(rows, p, PAGE_SIZE, total));
        model.addAttribute("flag", flag);
        model.addAttribute("flags", FLAGS);
        return "screening";
    }

    /**
     * A flag's detail in the reader's language. The stored detail is the English sentence screening wrote; a
     * language with a sentence of its own for the flag ({@code flagdetail.CODE} in its messages) gets it, built from
     * the figures in the flag's evidence. Evidence without those figures (or cut short) keeps the stored sentence.
     */
    static String sentence(MessageSource messages, Locale locale, String code, Map<String, Object> evidence,
                           String stored) {
        Object[] args = arguments(code, evidence);
        if (args == null) {
            return stored;
        }
        String key = "flagdetail." + code + (code.equals("COUNTERFEIT_KEYWORD") && args[2] != null ? ".brand" : "");
        String text = messages.getMessage(key, args, null, locale);
        return text == null ? stored : text;
    }

    /** The figures a flag's sentence names, as text, or null when the evidence lacks one. */
    private static Object[] arguments(String code, Map<String, Object> ev) {
        switch (code) {
            case "COUNTERFEIT_KEYWORD" -> {
                if (!(ev.get("matches") instanceof List<?> m) || m.isEmpty() || !(m.get(0) instanceof Map<?, ?> hit)
                        || !(hit.get("text") instanceof String text) || !(hit.get("term") instanceof String term)) {
                    return null;
                }
                String brand = "WITH_BRAND".equals(hit.get("kind")) && ev.get("brands") instanceof List<?> b
                        && !b.isEmpty() ? String.valueOf(b.get(0)) : null;
                return new Object[] {text, term, brand};
            }
            case "PRICE_BELOW_GENUINE" -> {
                if (!(ev.get("price") instanceof Number price) || !(ev.get("genuinePrice") instanceof Number genuine)
                        || !(ev.get("threshold") instanceof Number threshold) || genuine.doubleValue() <= 0) {
                    return null;
                }
                return new Object[] {fixed(price.doubleValue(), 2), String.valueOf(ev.get("currency")),
                        fixed(genuine.doubleValue(), 2), fixed(100 * price.doubleValue() / genuine.doubleValue(), 0),
                        fixed(100 * threshold.doubleValue(), 0)};
            }
            case "SALES_ANOMALY" -> {
                if (!(ev.get("unitsSold") instanceof Number units)
                        || !(ev.get("categoryAverageUnitsSold") instanceof Number average)
                        || !(ev.get("negativeReviewRatio") instanceof Number negative)
                        || !(ev.get("categoryNegativeReviewRatio") instanceof Number categoryNegative)
                        || average.doubleValue() <= 0) {
                    return null;
                }
                return new Object[] {fixed(units.doubleValue(), 0), fixed(units.doubleValue() / average.doubleValue(),
                        1), fixed(100 * negative.doubleValue(), 0), fixed(100 * categoryNegative.doubleValue(), 0)};
            }
            case "LINKED_TO_BANNED_SELLER" -> {
                return ev.get("sellerId") instanceof String seller ? new Object[] {seller} : null;
            }
            case "FOREIGN_ORDER" -> {
                if (!(ev.get("kind") instanceof String kind) || !(ev.get("court") instanceof String court)
                        || !(ev.get("issuedAt") instanceof String issued)
                        || !(ev.get("sellerId") instanceof String seller)) {
                    return null;
                }
                return new Object[] {kind, court, issued, seller};
            }
            default -> {
                return null;
            }
        }
    }

    private static String fixed(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
