package org.redflag.app.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.redflag.app.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which URLs a webhook may have. A webhook makes the server send requests where a party says, so by default only
 * to public addresses over HTTPS: not to this machine, the platform's private network, or a cloud's metadata
 * service (a party could otherwise reach them through the server). The host is checked as given when the webhook is
 * registered, and again, resolved, before each delivery (a name can be pointed elsewhere later).
 * {@code redflag.webhooks.allow-private-addresses=true} lifts both rules, for a deployment whose receivers sit on
 * its own network.
 */
@Component
public class WebhookAddresses {

    /** Longest URL kept. */
    public static final int MAX_URL = 2000;

    private final boolean allowPrivate;

    public WebhookAddresses(@Value("${redflag.webhooks.allow-private-addresses:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked as a registration: 400 naming {@code url} when it cannot be a webhook's. */
    public URI registrable(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("url", "required: the https:// address to deliver to");
        }
        if (url.length() > MAX_URL) {
            throw ApiException.badRequest("url", "at most " + MAX_URL + " characters; this one has " + url.length());
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw ApiException.badRequest("url", "expected an https:// URL" + (allowPrivate ? " (or http://)" : "")
                    + "; found " + (scheme.isEmpty() ? "no scheme" : scheme + "://"));
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ApiException.badRequest("url", "expected https://host[:port]/path, without a user or a fragment");
        }
        String literal = privateLiteral(uri.getHost());
        if (literal != null) {
            throw ApiException.badRequest("url", uri.getHost() + " is " + literal + "; webhooks go to public"
                    + " addresses (a deployment may allow others with redflag.webhooks.allow-private-addresses)");
        }
        return uri;
    }

    /** Why a delivery must not go to {@code host} as it resolves now, or null when it may. */
    String refusal(String host) {
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                String why = kind(a);
                if (why != null) {
                    return host + " resolves to " + a.getHostAddress() + ", " + why;
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return host + " cannot be resolved";
        }
    }

    /** For a host written as an IP address or "localhost": what private kind it is; null for anything else. */
    private String privateLiteral(String host) {
        if (allowPrivate) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return "this machine";
        }
        boolean ip = h.matches("[0-9.]+") || h.startsWith("[") || h.contains(":");
        if (!ip) {
            return null;
        }
        try {
            return kind(InetAddress.getByName(h.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return "not an address";
        }
    }

    private static String kind(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return "this machine";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata services live there)";
        }
        if (a.isSiteLocalAddress() || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc)) {
            return "a private network's address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        return null;
    }
}
