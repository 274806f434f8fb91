package org.redflag.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP calls the load clients share: an API key for an account, and a JSON POST with an expected status. */
final class BenchHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchHttp() {
    }

    /** A new API key for this account, through HTTP Basic. */
    static String key(String url, String user, String password) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String body = post(url + "/api/accounts/me/api-keys", basic, "{\"label\":\"bench\"}", 201);
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no key in " + body);
        }
        return m.group(1);
    }

    /** GETs and returns the body, failing unless the status is 200; {@code auth} as for {@link #post}. */
    static String get(String url, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30));
        if (auth.startsWith("key:")) {
            b.header("X-Api-Key", auth.substring(4));
        } else if (!auth.isEmpty()) {
            b.header("Authorization", auth);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * POSTs JSON and returns the body, failing unless the status is {@code expected}; {@code auth} is either an
     * Authorization header value or {@code key:} followed by an API key.
     */
    static String post(String url, String auth, String json, int expected) throws Exception {
        return postForResponse(url, auth, json, expected).body();
    }

    /** As {@link #post}, with the whole response. */
    static HttpResponse<String> postForResponse(String url, String auth, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30));
        if (auth.startsWith("key:")) {
            b.header("X-Api-Key", auth.substring(4));
        } else {
            b.header("Authorization", auth);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
