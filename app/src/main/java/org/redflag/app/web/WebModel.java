package org.redflag.app.web;

import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/** What every page knows: who is looking (for role-appropriate navigation). */
@ControllerAdvice(assignableTypes = {NoticePages.class, ToolPages.class, SellerPages.class})
public class WebModel {

    private final CurrentActor current;
    private final java.time.Clock clock;

    public WebModel(CurrentActor current, java.time.Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    @ModelAttribute("viewer")
    public Actor viewer() {
        try {
            return current.get();
        } catch (IllegalStateException e) {
            return null;
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
        return COUNTDOWN;
    }

    private static final Countdown COUNTDOWN = new Countdown();

    /** Time left to a deadline, for the queue: "2 d 3 h", or "−5 h 2 min" once it has passed. */
    public static final class Countdown {
        public String left(java.time.Instant now, java.time.Instant deadline) {
            return NoticePages.timeLeft(now, deadline);
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
