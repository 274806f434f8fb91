package org.redflag.app.web;

import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/** What every page knows: who is looking (for role-appropriate navigation). */
@ControllerAdvice(assignableTypes = {NoticePages.class, ToolPages.class, SellerPages.class, ScreeningPage.class,
    ListingPage.class, AccountPage.class, AccountsAdminPage.class})
public class WebModel {

    private final CurrentActor current;
    private final java.time.Clock clock;
    private final Countdown countdown;
    private final org.springframework.context.MessageSource messages;

    public WebModel(CurrentActor current, java.time.Clock clock, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.current = current;
        this.clock = clock;
        this.countdown = new Countdown(messages);
    }

    @ModelAttribute("viewer")
    public Actor viewer() {
        try {
            return current.get();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * The link to this page in the other language: the same address with its query (a filter, a page) and
     * {@code lang} set. After a form was posted, the page's address only: the form's address may answer no GET.
     */
    @ModelAttribute("languageSwitch")
    public String languageSwitch(jakarta.servlet.http.HttpServletRequest request, java.util.Locale locale) {
        String lang = messages.getMessage("nav.languageCode", null, "zh", locale);
        String path = "/" + request.getRequestURI().replaceFirst("^/+", ""); // never "//host": another site
        var link = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
        if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
            try {
                link.query(request.getQueryString());
            } catch (IllegalArgumentException e) {
                // a query that is not one: the page's address alone
            }
        }
        try {
            return link.replaceQueryParam("lang", lang).build(true).toUriString(); // the request's, encoded
        } catch (IllegalArgumentException e) {
            return path.replaceAll("[^A-Za-z0-9/._-]", "") + "?lang=" + lang;
        }
    }

    @ModelAttribute("now")
    public java.time.Instant now() {
        return clock.instant();
    }

    @ModelAttribute("rightTypes")
    public org.redflag.app.notice.NoticeRequests.RightType[] rightTypes() {
        return org.redflag.app.notice.NoticeRequests.RightType.values();
    }

    @ModelAttribute("reasonCodes")
    public org.redflag.app.notice.NoticeRequests.ReasonCode[] reasonCodes() {
        return org.redflag.app.notice.NoticeRequests.ReasonCode.values();
    }

    @ModelAttribute("countdown")
    public Countdown countdown() {
        return countdown;
    }

    /**
     * Time left to a deadline, for the queue, in the reader's language: "2 d 3 h" / "2 天 3 小时", or "3 h 5 min"
     * under a day, with a minus sign once the deadline has passed. The page's script keeps it current with the same
     * patterns ({@code countdown.days}, {@code countdown.hours}).
     */
    public static final class Countdown {
        private final org.springframework.context.MessageSource messages;

        Countdown(org.springframework.context.MessageSource messages) {
            this.messages = messages;
        }

        public String left(java.time.Instant now, java.time.Instant deadline, java.util.Locale locale) {
            java.time.Duration d = java.time.Duration.between(now, deadline);
            boolean past = d.isNegative();
            d = d.abs();
            String s = d.toDays() > 0
                    ? messages.getMessage("countdown.days", new Object[] {Long.toString(d.toDays()),
                            Integer.toString(d.toHoursPart())}, locale)
                    : messages.getMessage("countdown.hours", new Object[] {Long.toString(d.toHours()),
                            Integer.toString(d.toMinutesPart())}, locale);
            return past ? "−" + s : s;
        }
    }

    @ModelAttribute("show")
    public Show show() {
        return SHOW;
    }

    private static final Show SHOW = new Show();

    /**
     * Values as people read them: a time to the minute in UTC ("2026-11-29 15:36 UTC"; the page keeps the exact
     * instant in the {@code datetime} of its {@code <time>} element), an amount in minor units as major units
     * ("2,000.00").
     */
    public static final class Show {
        private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

        /** An instant, or an ISO-8601 text of one, to the minute; anything else as it is. */
        public String time(Object value) {
            java.time.Instant at = instant(value);
            return at == null ? (value == null ? "" : value.toString()) : MINUTE.format(at);
        }

        /** The exact instant for a {@code datetime} attribute. */
        public String iso(Object value) {
            java.time.Instant at = instant(value);
            return at == null ? null : at.toString();
        }

        private static java.time.Instant instant(Object value) {
            if (value instanceof java.time.Instant i) {
                return i;
            }
            if (value instanceof java.time.OffsetDateTime o) {
                return o.toInstant();
            }
            if (value instanceof String s) {
                try {
                    return java.time.OffsetDateTime.parse(s).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    return null;
                }
            }
            return null;
        }

        /** Minor units (cents, fen) as major units with two decimals. */
        public String money(long minor) {
            return String.format(java.util.Locale.ROOT, "%,.2f", java.math.BigDecimal.valueOf(minor, 2));
        }
    }

    @ModelAttribute("json")
    public JsonText json() {
        return JSON_TEXT;
    }

    private static final JsonText JSON_TEXT = new JsonText();

    /** JSON text for data attributes (chart figures), escaped by Thymeleaf as attribute values. */
    public static class JsonText {
        public String write(Object value) {
            return JsonMapper.shared().writeValueAsString(value);
        }
    }
}
