package org.redflag.app.webhook;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.redflag.app.cli.Version;
import org.redflag.app.problem.BadSetting;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends the deliveries that are due, a persistent task of the scheduler (its turns outlive a restart): a
 * POST of the JSON payload with {@code X-Redflag-Event}, {@code X-Redflag-Delivery}, {@code X-Redflag-Timestamp}
 * and {@code X-Redflag-Signature: sha256=HEX}, the HMAC-SHA256 of {@code TIMESTAMP.BODY} under the webhook's
 * secret. Any 2xx answer delivers it; anything else, a timeout or a refused address is retried after 1 minute,
 * then 5, 30, 2 hours, 6, 12 and 24 hours: {@code redflag.webhooks.max-attempts} (8) attempts over about two
 * days, then it is given up (the deliveries list shows why). Redirects are not followed. Finished deliveries are
 * kept for {@code redflag.webhooks.keep} (30 days), then forgotten. Metrics: {@code
 * redflag_webhook_deliveries_pending} and {@code redflag_webhook_attempts_total{outcome=delivered|failed|given_up}}.
 */
@Configuration
class WebhookSender {

    /** Pauses before the 2nd, 3rd, ... attempt; the last repeats. */
    static final Duration[] BACKOFF = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
        Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24)};

    /** Deliveries sent in one run of the task at most; the rest wait for the next run, a moment later. */
    static final int BATCH = 50;

    private final Webhooks webhooks;
    private final WebhookAddresses addresses;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration keep;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookSender(Webhooks webhooks, WebhookAddresses addresses, Clock clock, MeterRegistry meters, JdbcClient jdbc,
                  @Value("${redflag.webhooks.max-attempts:8}") int maxAttempts,
                  @Value("${redflag.webhooks.keep:P30D}") Duration keep) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new BadSetting("redflag.webhooks.max-attempts", "expected 1 to 100; found " + maxAttempts);
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new BadSetting("redflag.webhooks.keep", "expected a positive duration such as P30D; found " + keep);
        }
        this.keep = keep;
        this.meters = meters;
        // what operations watches: deliveries waiting for their (next) attempt, read from the database at each scrape
        Gauge.builder("redflag.webhook.deliveries.pending", jdbc, db -> db.sql("SELECT COUNT(*) FROM"
                        + " webhook_deliveries WHERE next_attempt_at IS NOT NULL").query(Long.class).single())
                .description("webhook deliveries not yet made, retries included").register(meters);
        this.webhooks = webhooks;
        this.addresses = addresses;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    @Bean
    RecurringTask<Void> webhookDeliveries(@Value("${redflag.webhooks.poll:PT2S}") Duration poll) {
        return Tasks.recurring("webhook-deliveries", FixedDelay.of(poll)).execute((instance, context) -> sendDue());
    }

    /** Sends what is due now, and forgets what finished long ago; returns how many were delivered. */
    int sendDue() {
        webhooks.forgetFinished(clock.instant().minus(keep));
        int delivered = 0;
        for (Webhooks.Due d : webhooks.due(BATCH)) {
            delivered += send(d) ? 1 : 0;
        }
        return delivered;
    }

    private boolean send(Webhooks.Due d) {
        Integer status = null;
        String error;
        try {
            URI url = URI.create(d.url());
            String refused = addresses.refusal(url.getHost());
            if (refused != null) {
                error = "not sent: " + refused;
            } else {
                String timestamp = Long.toString(clock.instant().getEpochSecond());
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "redflag/" + Version.version())
                        .header("X-Redflag-Event", d.event())
                        .header("X-Redflag-Delivery", Long.toString(d.id()))
                        .header("X-Redflag-Timestamp", timestamp)
                        .header("X-Redflag-Signature", "sha256=" + signature(d.secret(), timestamp, d.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
                HttpResponse<Void> response = http.send(request, STATUS_ONLY);
                status = response.statusCode();
                error = status / 100 == 2 ? null : "answered HTTP " + status;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int attempt = d.attempts() + 1;
        Instant next = error == null || attempt >= maxAttempts ? null
                : clock.instant().plus(BACKOFF[Math.min(attempt, BACKOFF.length) - 1]);
        String outcome = error == null ? "delivered" : next == null ? "given_up" : "failed";
        meters.counter("redflag.webhook.attempts", "outcome", outcome).increment();
        webhooks.attempted(d, status, error == null ? null : error + (next == null ? " (given up after " + attempt
                + " attempts)" : ""), next);
        return error == null;
    }

    /**
     * Takes the status and leaves the body unread (the connection is dropped): the request's timeout covers the
     * wait for the status, and a receiver that answers with an endless body cannot hold the sender, and every
     * other webhook's deliveries behind it, for longer.
     */
    static final HttpResponse.BodyHandler<Void> STATUS_ONLY = info -> new HttpResponse.BodySubscriber<>() {
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            done.complete(null);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            done.complete(null);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    };

    /** HMAC-SHA256 of {@code timestamp.body} under the secret, in hex: what a receiver recomputes to trust a call. */
    static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
