package org.redflag.app.notifier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.app.account.Actor;
import org.redflag.app.audit.AuditLog;
import org.redflag.law.NotifierRules;
import org.redflag.law.PolicyPack;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A notifier's standing from its record, recomputed after each decision on its notices. Every change of standing
 * is recorded with its statement of reasons, in the standing and in the audit trail.
 */
@Service
public class NotifierStandings {

    public enum Standing { NORMAL, TRUSTED, WARNED, SUSPENDED }

    public record Record(String reasonCode, long decided, long takedowns, long counterSuccesses) {
        double takedownRate() {
            return decided == 0 ? 0 : (double) takedowns / decided;
        }

        double counterSuccessRate() {
            return takedowns == 0 ? 0 : (double) counterSuccesses / takedowns;
        }
    }

    public record View(long accountId, Standing standing, int warnings, Instant suspendedUntil, String reasons,
                       List<Record> record) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    public NotifierStandings(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public View view(long accountId) {
        return views(List.of(accountId)).get(accountId);
    }

    /** The standing of each account, in one query; an account with no record stands as NORMAL. */
    public Map<Long, View> views(java.util.Collection<Long> accountIds) {
        Map<Long, View> out = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM notifier_standing WHERE account_id IN (:a)").param("a", accountIds)
                .query((rs, i) -> {
                    OffsetDateTime until = rs.getObject("suspended_until", OffsetDateTime.class);
                    long id = rs.getLong("account_id");
                    return new View(id, Standing.valueOf(rs.getString("standing")), rs.getInt("warnings"),
                            until == null ? null : until.toInstant(), rs.getString("reasons"), List.of());
                }).list().forEach(v -> out.put(v.accountId(), v));
        for (long id : accountIds) {
            out.putIfAbsent(id, new View(id, Standing.NORMAL, 0, null, null, List.of()));
        }
        return out;
    }

    /** Whether the notifier is suspended now, and why. */
    public Optional<View> suspended(long accountId) {
        View v = view(accountId);
        return suspendedNow(v) ? Optional.of(v) : Optional.empty();
    }

    public boolean suspendedNow(View v) {
        return v.standing() == Standing.SUSPENDED && v.suspendedUntil() != null
                && clock.instant().isBefore(v.suspendedUntil());
    }

    /** The notifier's record per reason code over the pack's window. */
    public List<Record> record(long accountId, NotifierRules rules, PolicyPack pack) {
        Instant since = clock.instant().minus(java.time.Duration.between(clock.instant(),
                rules.window().after(clock.instant(), pack.timeZone(), pack.calendar())));
        return jdbc.sql("""
                SELECT reason_code,
                  SUM(CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END) AS decided,
                  SUM(CASE WHEN decided_at IS NOT NULL AND status <> 'REJECTED'
                           AND NOT (status = 'RESTORED' AND counter_received_at IS NULL) THEN 1 ELSE 0 END) AS takedowns,
                  SUM(CASE WHEN status = 'RESTORED' AND counter_received_at IS NOT NULL THEN 1 ELSE 0 END) AS countered
                FROM notices WHERE notifier_account_id = :a AND received_at >= :since
                GROUP BY reason_code ORDER BY reason_code""")
                .param("a", accountId).param("since", since.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> new Record(rs.getString("reason_code"), rs.getLong("decided"),
                        rs.getLong("takedowns"), rs.getLong("countered"))).list();
    }

    /** Recomputes the standing after a decision on one of the notifier's notices. */
    public void recompute(long accountId, PolicyPack pack) {
        if (pack.notifiers().isEmpty()) {
            return;
        }
        NotifierRules rules = pack.notifiers().get();
        View now = view(accountId);
        if (suspended(accountId).isPresent()) {
            return;
        }
        long min = rules.minimumDecided().value().longValue();
        List<String> poor = new ArrayList<>();
        boolean allTrusted = true;
        boolean any = false;
        for (Record r : record(accountId, rules, pack)) {
            if (r.decided() < min) {
                allTrusted = false;
                continue;
            }
            any = true;
            if (below(r.takedownRate(), rules.warnBelowTakedownRate().value())) {
                poor.add(r.reasonCode() + ": " + pct(r.takedownRate()) + " of " + r.decided()
                        + " decided notices upheld, under " + pct(rules.warnBelowTakedownRate().value().doubleValue()));
            }
            if (below(r.takedownRate(), rules.trustedTakedownRate().value())
                    || !below(r.counterSuccessRate(), rules.trustedMaxCounterSuccess().value().add(new BigDecimal("1e-9")))) {
                allTrusted = false;
            }
        }
        Instant t = clock.instant();
        if (!poor.isEmpty()) {
            int warnings = now.warnings() + 1;
            boolean suspend = warnings >= rules.suspendAfterWarnings().value().intValue();
            Instant until = suspend ? rules.suspension().after(t, pack.timeZone(), pack.calendar()) : null;
            String reasons = (suspend ? "Suspended until " + until + " (DSA Art. 23: frequent manifestly unfounded"
                    + " notices, after " + (warnings - 1) + " warning(s)). " : "Warning " + warnings
                    + " (DSA Art. 23: frequent manifestly unfounded notices). ") + String.join("; ", poor);
            save(accountId, suspend ? Standing.SUSPENDED : Standing.WARNED, warnings, until, reasons);
            audit.append(null, Actor.SYSTEM, suspend ? "NOTIFIER_SUSPENDED" : "NOTIFIER_WARNED", now.standing().name(),
                    (suspend ? Standing.SUSPENDED : Standing.WARNED).name(), "account " + accountId + ": " + reasons);
        } else if (any && allTrusted && now.standing() != Standing.TRUSTED) {
            String reasons = "Trusted (DSA Art. 22): at least " + pct(rules.trustedTakedownRate().value().doubleValue())
                    + " of its decided notices upheld and at most "
                    + pct(rules.trustedMaxCounterSuccess().value().doubleValue())
                    + " overturned by counter-notice, per reason code";
            save(accountId, Standing.TRUSTED, now.warnings(), null, reasons);
            audit.append(null, Actor.SYSTEM, "NOTIFIER_TRUSTED", now.standing().name(), Standing.TRUSTED.name(),
                    "account " + accountId + ": " + reasons);
        }
    }

    private void save(long accountId, Standing s, int warnings, Instant until, String reasons) {
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        int n = jdbc.sql("UPDATE notifier_standing SET standing = :s, warnings = :w, suspended_until = :u,"
                        + " reasons = :r, updated_at = :t WHERE account_id = :a")
                .param("s", s.name()).param("w", warnings).param("u", until == null ? null : until.atOffset(ZoneOffset.UTC))
                .param("r", reasons).param("t", at).param("a", accountId).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO notifier_standing (account_id, standing, warnings, suspended_until, reasons,"
                            + " updated_at) VALUES (:a, :s, :w, :u, :r, :t)")
                    .param("s", s.name()).param("w", warnings)
                    .param("u", until == null ? null : until.atOffset(ZoneOffset.UTC)).param("r", reasons)
                    .param("t", at).param("a", accountId).update();
        }
    }

    private static boolean below(double v, BigDecimal threshold) {
        return v < threshold.doubleValue();
    }

    private static String pct(double v) {
        return Math.round(v * 100) + " %";
    }
}
