package org.redflag.app.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Everyone's own webhooks: add one (its secret shown once), list them, see a webhook's deliveries, remove one. */
@RestController
@RequestMapping("/api/accounts/me/webhooks")
@Tag(name = "Webhooks")
public class WebhookController {

    /** Most deliveries listed at once. */
    static final int MAX_DELIVERIES = 200;

    /** The body of a new webhook. */
    public record NewWebhook(@NotNull String url) {
    }

    private final Webhooks webhooks;
    private final CurrentActor current;

    public WebhookController(Webhooks webhooks, CurrentActor current) {
        this.webhooks = webhooks;
        this.current = current;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a webhook", description = "Every change to a notice the account is a party to (for"
            + " staff, every notice) is POSTed to the URL as JSON: type notice.changed, noticeId, action,"
            + " statusBefore, statusAfter, by, at, notice (its API path). Headers: X-Redflag-Event,"
            + " X-Redflag-Delivery (an id: a retry carries the same), X-Redflag-Timestamp and X-Redflag-Signature:"
            + " sha256=HEX, the HMAC-SHA256 of 'TIMESTAMP.BODY' under the secret this answer shows once. Answer"
            + " with any 2xx; anything else is retried for about two days. https:// to public addresses only,"
            + " unless the deployment allows others; at most " + Webhooks.MAX_PER_ACCOUNT + " an account.")
    public Webhooks.Webhook add(@Valid @RequestBody NewWebhook body) {
        return webhooks.add(current.get(), body.url());
    }

    @GetMapping
    @Operation(summary = "The account's webhooks (never their secrets)")
    public List<Webhooks.Webhook> list() {
        return webhooks.of(current.get());
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "A webhook's latest deliveries, newest first", description = "Each with its attempts, the"
            + " last answer or error, when it was delivered or will be tried again, and its payload.")
    public List<Webhooks.Delivery> deliveries(@PathVariable long id,
                                              @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_DELIVERIES) {
            throw ApiException.badRequest("limit", "expected 1 to " + MAX_DELIVERIES + "; found " + limit);
        }
        return webhooks.deliveries(current.get(), id, limit);
    }

    @PostMapping("/{id}/ping")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a webhook a ping", description = "A delivery of type ping, sent, signed and retried"
            + " as any other, to see a receiver answer; its id is in the answer and in X-Redflag-Delivery.")
    public java.util.Map<String, Long> ping(@PathVariable long id) {
        return java.util.Map.of("delivery", webhooks.ping(current.get(), id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a webhook", description = "What it was still owed is not sent.")
    public ResponseEntity<Void> remove(@PathVariable long id) {
        webhooks.remove(current.get(), id);
        return ResponseEntity.noContent().build();
    }
}
