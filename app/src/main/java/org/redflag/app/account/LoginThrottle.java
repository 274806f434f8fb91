package org.redflag.app.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.redflag.app.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing passwords: after {@code redflag.login.max-failures} wrong passwords for one username within
 * {@code redflag.login.lockout}, that username's password logins are refused until the lockout has passed since
 * the last failure (HTTP 429 with {@code Retry-After} on the API; a message on the login page). A right password
 * clears the count. API keys are not affected, so a machine keeps working while someone guesses its owner's
 * password; the price of counting per username is that a guesser can keep a person out for a while, which is why
 * the defaults (10 in 15 minutes) are loose enough for a person who mistypes.
 */
@Component
public class LoginThrottle {

    /** Usernames with failures kept at most; beyond it, those whose failures have aged out are forgotten. */
    static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.Counter lockouts;

    public LoginThrottle(Clock clock, @Value("${redflag.login.max-failures:10}") int maxFailures,
                         @Value("${redflag.login.lockout:15m}") Duration lockout,
                         io.micrometer.core.instrument.MeterRegistry meters) {
        this.lockouts = io.micrometer.core.instrument.Counter.builder("redflag.login.lockouts")
                .description("usernames locked out after too many wrong passwords").register(meters);
        if (maxFailures < 1) {
            throw new org.redflag.app.problem.BadSetting("redflag.login.max-failures", "expected 1 or more; found "
                    + maxFailures);
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new org.redflag.app.problem.BadSetting("redflag.login.lockout", "expected a positive duration;"
                    + " found " + lockout);
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** When {@code username} may try a password again, if it may not now. */
    public Optional<Instant> lockedUntil(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return Optional.empty();
        }
        synchronized (f) {
            Instant now = clock.instant();
            f.removeIf(at -> !at.plus(lockout).isAfter(now));
            return f.size() >= maxFailures ? Optional.of(f.peekLast().plus(lockout)) : Optional.empty();
        }
    }

    void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().plus(lockout).isAfter(now);
                }
            });
        }
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            f.removeIf(at -> !at.plus(lockout).isAfter(now));
            f.addLast(now);
            while (f.size() > maxFailures) {
                f.removeFirst();
            }
            if (f.size() == maxFailures) {
                lockouts.increment();
            }
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent e) {
        if (e.getAuthentication() instanceof UsernamePasswordAuthenticationToken t && t.getName() != null) {
            failed(t.getName());
        }
    }

    /** A password accepted (API keys authenticate without an event). */
    @EventListener
    void on(AuthenticationSuccessEvent e) {
        succeeded(e.getAuthentication().getName());
    }

    /** The username a request tries to log in as with a password (HTTP Basic or the login form), or null. */
    static String loginName(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null; // not Base64: Spring's filter answers it
            }
        }
        if ("POST".equals(req.getMethod()) && "/login".equals(req.getServletPath())) {
            return req.getParameter("username");
        }
        return null;
    }

    /** Refuses a password login for a locked username before its password is checked. */
    static final class Filter extends OncePerRequestFilter {
        private final LoginThrottle throttle;
        private final Problems problems;

        Filter(LoginThrottle throttle, Problems problems) {
            this.throttle = throttle;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws ServletException, IOException {
            String name = loginName(req);
            Optional<Instant> until = name == null ? Optional.empty() : throttle.lockedUntil(name);
            if (until.isEmpty()) {
                chain.doFilter(req, res);
                return;
            }
            long seconds = Math.max(1, Duration.between(throttle.clock.instant(), until.get()).toSeconds());
            if (req.getHeader("Authorization") == null) { // the login form: back to it, saying why
                res.sendRedirect(req.getContextPath() + "/login?locked=" + ((seconds + 59) / 60));
                return;
            }
            res.setHeader("Retry-After", Long.toString(seconds));
            problems.write(res, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", "too many wrong"
                    + " passwords for this username; password logins for it are refused until " + until.get()
                    + " (in " + seconds + " s); an API key still works", null);
        }
    }
}
